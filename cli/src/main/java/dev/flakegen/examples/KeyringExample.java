package dev.flakegen.examples;

import static dev.flakegen.model.Shell.command;
import static dev.flakegen.model.Shell.mount;
import static dev.flakegen.model.Shell.pkg;
import static dev.flakegen.model.Shell.resource;
import static dev.flakegen.model.Shell.scratch;
import static dev.flakegen.model.Shell.variable;
import static dev.flakegen.model.Shell.word;
import static dev.flakegen.model.Shell.wrap;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.Provenance;
import dev.flakegen.model.ResourceCall;
import dev.flakegen.model.ShellScript;

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
    ShellScript secretKey = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/head"), "-c", "32", "/dev/urandom")
            .toFile(mount("key")))
        .build();
    ShellScript keyringDirectory = ShellScript.builder()
        .set("SECRET_KEY", resource("secret-key", ResourceCall.builder().failure(1001).build()))
        .run(command(pkg("coreutils", "/bin/mkdir"), mount("keyring")))
        .run(command(pkg("coreutils", "/bin/cp"), word(variable("SECRET_KEY"), "/key"),
            mount("keyring/key")))
        .run(command(pkg("coreutils", "/bin/chmod"), "0400", mount("keyring/key")))
        .build();
    ShellScript script = ShellScript.builder()
        .set("KEYRING", resource("keyring-directory",
            ResourceCall.builder().failure(1002).build()))
        .run(command(pkg("coreutils", "/bin/echo"), "#!${BASH}/bin/bash")
            .toFile(scratch("show")))
        .run(command(pkg("coreutils", "/bin/echo"),
            "exec ${COREUTILS}/bin/ls -l \"${KEYRING}/keyring\"").appendTo(scratch("show")))
        .run(command(wrap(), scratch("show"), "bin/show", "0555",
            "--set-brace", "BASH", pkg("bash", ""),
            "--set-brace", "COREUTILS", pkg("coreutils", ""),
            "--set-brace", "KEYRING", variable("KEYRING")))
        .build();
    return Flake.builder()
        .description("flakegen example: a key, a keyring made from it, a script that shows it")
        .parameters(ExampleParameters.parameters())
        .resource("secret-key", Implementation.builder().init(secretKey).targets("key"))
        .resource("keyring-directory",
            Implementation.builder().init(keyringDirectory).targets("keyring"))
        .resource("script", Implementation.builder().init(script).targets("bin"))
        .check("secret-key", valid("secret-key", "key"))
        .check("keyring-directory", valid("keyring-directory", "keyring"))
        .check("script", valid("script", "bin"))
        .build();
  }

  private static Check.Builder valid(String resource, String target) {
    return Check.builder(resource)
        .expectedType(EventType.VALID)
        .expectedProvenance(Provenance.NEW)
        .expectedTargets(target)
        .expectedSetupExitStatus(0);
  }
}
