package dev.flakegen.examples;

import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.scratch;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.Provenance;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.ResourceName;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.model.shell.WordPart;

/**
 * {@code secrets}: the seed's flagship chain with the real programs. {@code secret-key} makes an
 * OpenPGP key with GnuPG and exports it; {@code gnupg-home} imports it into a GnuPG home;
 * {@code password-store} makes a {@code pass} store there holding one secret encrypted to the
 * key; the program {@code show-secret} prints that secret with {@code pass show}. One check per
 * resource: a first setup is a valid miss with exactly the targets.
 */
public final class SecretsExample implements FlakeModel {

  /** The user id of the example's key, which the password store encrypts to. */
  public static final String USER_ID = "flakegen example <secrets@example.invalid>";

  /** The name of the secret in the password store. */
  public static final String SECRET_NAME = "example/secret";

  /** The secret the password store holds. */
  public static final String SECRET = "correct horse battery staple";

  private static final WordPart.PackagePath GPG = pkg("gnupg", "/bin/gpg");
  private static final WordPart.PackagePath GPGCONF = pkg("gnupg", "/bin/gpgconf");
  private static final WordPart.PackagePath PASS = pkg("pass", "/bin/pass");
  private static final WordPart.PackagePath MKDIR = pkg("coreutils", "/bin/mkdir");

  @Override
  public Flake flake() {
    ResourceName secretKey = ResourceName.of("secret-key");
    ResourceName gnupgHome = ResourceName.of("gnupg-home");
    ResourceName passwordStore = ResourceName.of("password-store");
    // A key without a passphrase, made in a throwaway home; its owner trust goes along. gpg is
    // quiet: an init that writes to standard error is invalid.
    ShellScript makeKey = ShellScript.builder()
        .run(command(MKDIR, literal("-m"), literal("0700"), scratch("gnupg")))
        .run(command(GPG, literal("--homedir"), scratch("gnupg"), literal("--quiet"),
            literal("--batch"), literal("--passphrase"), literal(""),
            literal("--quick-generate-key"), literal(USER_ID), literal("future-default"),
            literal("default"), literal("never")))
        .run(command(GPG, literal("--homedir"), scratch("gnupg"), literal("--quiet"),
            literal("--batch"), literal("--armor"),
            literal("--export-secret-keys"), literal(USER_ID)).toFile(mount("secret-key.asc")))
        .run(command(GPG, literal("--homedir"), scratch("gnupg"), literal("--quiet"),
            literal("--export-ownertrust"))
            .toFile(mount("ownertrust.txt")))
        .run(command(GPGCONF, literal("--homedir"), scratch("gnupg"), literal("--kill"),
            literal("gpg-agent")))
        .build();
    ShellScript makeHome = ShellScript.builder()
        .set("SECRET_KEY", secretKey.fragment(ResourceCall.builder().failure(1001).build()))
        .run(command(MKDIR, literal("-m"), literal("0700"), mount("gnupg")))
        .run(command(GPG, literal("--homedir"), mount("gnupg"), literal("--quiet"),
            literal("--batch"), literal("--import"),
            word(variable("SECRET_KEY"), literal("/secret-key.asc"))))
        .run(command(GPG, literal("--homedir"), mount("gnupg"), literal("--quiet"),
            literal("--batch"), literal("--import-ownertrust"),
            word(variable("SECRET_KEY"), literal("/ownertrust.txt"))))
        .run(command(GPGCONF, literal("--homedir"), mount("gnupg"), literal("--kill"),
            literal("gpg-agent")))
        .build();
    ShellScript makeStore = ShellScript.builder()
        .set("GNUPG", gnupgHome.fragment(ResourceCall.builder().failure(1002).build()))
        .export("GNUPGHOME", word(variable("GNUPG"), literal("/gnupg")))
        .export("PASSWORD_STORE_DIR", mount("store"))
        .run(command(PASS, literal("init"), literal("secrets@example.invalid")))
        .run(command("printf", "%s\\n", SECRET).toFile(scratch("secret")))
        .run(command(PASS, literal("insert"), literal("--multiline"), literal(SECRET_NAME))
            .fromFile(scratch("secret")))
        .run(command(GPGCONF, literal("--kill"), literal("gpg-agent")))
        .build();
    // The seed's pass script: the store and the home it needs, set up on first use.
    ShellScript showSecret = ShellScript.builder()
        .set("GNUPG", gnupgHome.fragment(ResourceCall.builder().failure(1003).build()))
        .set("STORE", passwordStore.fragment(ResourceCall.builder().failure(1004).build()))
        .export("GNUPGHOME", word(variable("GNUPG"), literal("/gnupg")))
        .export("PASSWORD_STORE_DIR", word(variable("STORE"), literal("/store")))
        .run(command(PASS, literal("show"), literal(SECRET_NAME)))
        .run(command(GPGCONF, literal("--kill"), literal("gpg-agent")))
        .build();
    return Flake.builder()
        .description("flakegen example: a secret key, a GnuPG home with it, a pass store")
        .parameters(ExampleParameters.parameters())
        .addResource(secretKey, Implementation.builder().init(makeKey)
            .targets("secret-key.asc", "ownertrust.txt"))
        .addResource(gnupgHome, Implementation.builder().init(makeHome).targets("gnupg"))
        .addResource(passwordStore, Implementation.builder().init(makeStore).targets("store"))
        .addProgram("show-secret", showSecret)
        .addCheck("secret-key", valid(secretKey, "ownertrust.txt", "secret-key.asc"))
        .addCheck("gnupg-home", valid(gnupgHome, "gnupg"))
        .addCheck("password-store", valid(passwordStore, "store"))
        .build();
  }

  private static Check.Builder valid(ResourceName resource, String... targets) {
    return Check.builder(resource)
        .expectedType(EventType.VALID)
        .expectedProvenance(Provenance.NEW)
        .expectedTargets(targets)
        .expectedSetupExitStatus(0);
  }
}
