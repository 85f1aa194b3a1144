package dev.flakegen.model;

/**
 * The 23 parameters of the resource library ({@code lib.nix}), in the order of its formals, with
 * their Nix names and kinds. {@link LibParameters} holds a value for each but {@link #RESOURCES},
 * which the renderer fills with the resources an init uses.
 */
public enum LibParameter {
  BUILD_FHS_USER_ENV("buildFHSUserEnv", Kind.PACKAGE),
  CHANNEL("channel", Kind.STRING),
  COREUTILS("coreutils", Kind.PACKAGE),
  FAILURE("failure", Kind.OPTIONAL_PACKAGE),
  FINDUTILS("findutils", Kind.PACKAGE),
  FLOCK("flock", Kind.PACKAGE),
  JQ("jq", Kind.PACKAGE),
  MAKE_BIN_PATH("makeBinPath", Kind.PACKAGE),
  MAKE_WRAPPER("makeWrapper", Kind.PACKAGE),
  MK_DERIVATION("mkDerivation", Kind.PACKAGE),
  NIX("nix", Kind.PACKAGE),
  ORIGINATOR_PID_VARIABLE("originator-pid-variable", Kind.SHELL_NAME),
  /** The package set inits receive as {@code pkgs} (default: the flake's {@code pkgs}). */
  PKGS("pkgs", Kind.PACKAGE),
  PS("ps", Kind.PACKAGE),
  REDIS("redis", Kind.PACKAGE),
  RESOURCES("resources", Kind.RESOURCES),
  RESOURCES_DIRECTORY("resources-directory", Kind.FOLDER),
  SEQUENTIAL_START("sequential-start", Kind.INTEGER),
  STORE_GARBAGE_COLLECTION_ROOT("store-garbage-collection-root", Kind.FOLDER),
  STRING("string", Kind.EXPRESSION),
  VISITOR("visitor", Kind.EXPRESSION),
  WRITE_SHELL_APPLICATION("writeShellApplication", Kind.PACKAGE),
  YQ_GO("yq-go", Kind.PACKAGE);

  /** What a parameter holds. */
  public enum Kind {
    /** A Nix expression for a package or builder; defaults to one from {@code pkgs}. */
    PACKAGE,
    /** A package expression or nothing (the library's default). */
    OPTIONAL_PACKAGE,
    /** A non-empty string. */
    STRING,
    /** A shell variable name. */
    SHELL_NAME,
    /** An absolute folder or one under {@code ~/}. */
    FOLDER,
    /** An integer of at least 0. */
    INTEGER,
    /** Any Nix expression or nothing. */
    EXPRESSION,
    /** Filled by the renderer. */
    RESOURCES
  }

  private final String nixName;
  private final Kind kind;

  LibParameter(String nixName, Kind kind) {
    this.nixName = nixName;
    this.kind = kind;
  }

  /** The formal's name in {@code lib.nix}. */
  public String nixName() {
    return nixName;
  }

  public Kind kind() {
    return kind;
  }
}
