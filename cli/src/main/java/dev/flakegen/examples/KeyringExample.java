package dev.flakegen.examples;

import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.scratch;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;
import static dev.flakegen.model.shell.Shell.wrap;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.Provenance;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.ResourceName;
import dev.flakegen.model.shell.ShellScript;

/**
 * {@code keyring}: a chain of resources in the seed's spirit. {@code secret-key} makes a random
 * key; {@code keyring-directory} sets up {@code secret-key} through a resource fragment and copies
 * the key into a keyring folder; {@code script} sets up the keyring and makes {@code bin/show}
 * with the {@code wrap} program, from a template it first writes into {@code /scratch}. One check
 * per resource: a first setup is a valid miss with exactly the targets.
 */
public final class KeyringExample implements FlakeModel {

  @Override
  public Flake flake() {
    // each resource named once; inits and checks use the handles
    ResourceName secretKey = ResourceName.of("secret-key");
    ResourceName keyringDirectory = ResourceName.of("keyring-directory");
    ResourceName script = ResourceName.of("script");
    ShellScript makeKey = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/head"), literal("-c"), literal("32"),
            literal("/dev/urandom"))
            .toFile(mount("key")))
        .build();
    ShellScript copyKey = ShellScript.builder()
        .set("SECRET_KEY", secretKey.fragment(ResourceCall.builder().failure(1001).build()))
        .run(command(pkg("coreutils", "/bin/mkdir"), mount("keyring")))
        .run(command(pkg("coreutils", "/bin/cp"), word(variable("SECRET_KEY"), literal("/key")),
            mount("keyring/key")))
        .run(command(pkg("coreutils", "/bin/chmod"), literal("0400"), mount("keyring/key")))
        .build();
    ShellScript makeScript = ShellScript.builder()
        .set("KEYRING", keyringDirectory.fragment(ResourceCall.builder().failure(1002).build()))
        .run(command(pkg("coreutils", "/bin/echo"), literal("#!${BASH}/bin/bash"))
            .toFile(scratch("show")))
        .run(command(pkg("coreutils", "/bin/echo"),
            literal("exec ${COREUTILS}/bin/ls -l \"${KEYRING}/keyring\"")).appendTo(scratch("show")))
        .run(command(wrap(), scratch("show"), literal("bin/show"), literal("0555"),
            literal("--set-brace"), literal("BASH"), pkg("bash", ""),
            literal("--set-brace"), literal("COREUTILS"), pkg("coreutils", ""),
            literal("--set-brace"), literal("KEYRING"), variable("KEYRING")))
        .build();
    return Flake.builder()
        .description("flakegen example: a key, a keyring made from it, a script that shows it")
        .parameters(ExampleParameters.parameters())
        .addResource(secretKey, Implementation.builder().init(makeKey).targets("key"))
        .addResource(keyringDirectory, Implementation.builder().init(copyKey).targets("keyring"))
        .addResource(script, Implementation.builder().init(makeScript).targets("bin"))
        .addCheck("secret-key", valid(secretKey, "key"))
        .addCheck("keyring-directory", valid(keyringDirectory, "keyring"))
        .addCheck("script", valid(script, "bin"))
        .build();
  }

  private static Check.Builder valid(ResourceName resource, String target) {
    return Check.builder(resource)
        .expectedType(EventType.VALID)
        .expectedProvenance(Provenance.NEW)
        .expectedTargets(target)
        .expectedSetupExitStatus(0);
  }
}
