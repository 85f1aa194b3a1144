package dev.flakegen.model;

import static dev.flakegen.model.Pkgs.pkgs;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.Names;
import dev.flakegen.nix.build.Nix;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The values of the resource library's parameters (generator/README.md, "`lib.nix`") but {@code resources}, which the
 * renderer fills. Package-like parameters are Nix expressions that may use {@code pkgs} and
 * {@code system}; each defaults to the usual package ({@code pkgs.coreutils},
 * {@code pkgs.stdenv.mkDerivation}, {@code pkgs.buildFHSEnv or pkgs.buildFHSUserEnv}, …).
 *
 * <pre>{@code
 * LibParameters parameters = LibParameters.builder()
 *     .originatorPidVariable("ORIGINATOR_PID_3F7A")
 *     .resourcesDirectory("~/resources")
 *     .storeGarbageCollectionRoot("~/.gc-roots")
 *     .build();
 * }</pre>
 */
public final class LibParameters {

  private final Map<LibParameter, Expr> packages;
  private final String channel;
  private final Expr failure;
  private final String originatorPidVariable;
  private final String resourcesDirectory;
  private final long sequentialStart;
  private final String storeGarbageCollectionRoot;
  private final Expr string;
  private final Expr visitor;

  private LibParameters(Builder builder, String path) {
    Problems problems = new Problems();
    Map<LibParameter, Expr> checked = new EnumMap<>(LibParameter.class);
    for (LibParameter parameter : LibParameter.values()) {
      if (parameter.kind() == LibParameter.Kind.PACKAGE) {
        Expr value = builder.packages.getOrDefault(parameter, defaultPackage(parameter));
        Expr valid = problems.get(() -> Rules.expression(value,
            path + "." + javaName(parameter)));
        if (valid != null) {
          checked.put(parameter, valid);
        }
      }
    }
    this.packages = Collections.unmodifiableMap(checked);
    this.channel = problems.get(() -> Rules.nonEmptyText(builder.channel, path + ".channel"));
    this.failure = builder.failure == null ? null
        : problems.get(() -> Rules.expression(builder.failure, path + ".failure"));
    this.originatorPidVariable = problems.get(() -> Rules.environmentName(
        builder.originatorPidVariable, path + ".originatorPidVariable"));
    this.resourcesDirectory = problems.get(() -> Rules.stateFolder(builder.resourcesDirectory,
        path + ".resourcesDirectory"));
    if (builder.sequentialStart < 0) {
      problems.add(path + ".sequentialStart", builder.sequentialStart + " must be at least 0");
    }
    this.sequentialStart = builder.sequentialStart;
    this.storeGarbageCollectionRoot = problems.get(() -> Rules.stateFolder(
        builder.storeGarbageCollectionRoot, path + ".storeGarbageCollectionRoot"));
    this.string = builder.string == null ? null
        : problems.get(() -> Rules.expression(builder.string, path + ".string"));
    this.visitor = builder.visitor == null ? null
        : problems.get(() -> Rules.expression(builder.visitor, path + ".visitor"));
    problems.throwIfAny();
  }

  /** The default of a package parameter. */
  public static Expr defaultPackage(LibParameter parameter) {
    return switch (parameter) {
      case BUILD_FHS_USER_ENV -> Nix.selectOr(Nix.variable("pkgs"), pkgs("buildFHSUserEnv"),
          "buildFHSEnv");
      case MK_DERIVATION -> pkgs("stdenv", "mkDerivation");
      case MAKE_BIN_PATH -> pkgs("lib", "makeBinPath");
      case PKGS -> Nix.variable("pkgs");
      default -> {
        if (parameter.kind() != LibParameter.Kind.PACKAGE) {
          throw new IllegalArgumentException(parameter + " is not a package parameter");
        }
        yield pkgs(parameter.nixName());
      }
    };
  }

  /** The Java name of a parameter, as builder methods and messages spell it. */
  public static String javaName(LibParameter parameter) {
    return Names.camelCase(parameter.nixName());
  }

  /**
   * The Nix value passed for {@code parameter} ({@code pkgs.coreutils}, {@code "resource"},
   * {@code 0}, …), or empty when none is passed: an unset optional parameter, or
   * {@link LibParameter#RESOURCES}, which the renderer fills.
   */
  public Optional<Expr> nixValue(LibParameter parameter) {
    return switch (parameter) {
      case CHANNEL -> Optional.of(Nix.string(channel));
      case FAILURE -> failure();
      case ORIGINATOR_PID_VARIABLE -> Optional.of(Nix.string(originatorPidVariable));
      case RESOURCES -> Optional.empty();
      case RESOURCES_DIRECTORY -> Optional.of(Nix.string(resourcesDirectory));
      case SEQUENTIAL_START -> Optional.of(Nix.integer(sequentialStart));
      case STORE_GARBAGE_COLLECTION_ROOT -> Optional.of(Nix.string(storeGarbageCollectionRoot));
      case STRING -> string();
      case VISITOR -> visitor();
      case BUILD_FHS_USER_ENV, COREUTILS, FINDUTILS, FLOCK, JQ, MAKE_BIN_PATH, MAKE_WRAPPER,
          MK_DERIVATION, NIX, PKGS, PS, REDIS, WRITE_SHELL_APPLICATION, YQ_GO ->
          Optional.of(packages.get(parameter));
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.packages.putAll(packages);
    builder.channel = channel;
    builder.failure = failure;
    builder.originatorPidVariable = originatorPidVariable;
    builder.resourcesDirectory = resourcesDirectory;
    builder.sequentialStart = sequentialStart;
    builder.storeGarbageCollectionRoot = storeGarbageCollectionRoot;
    builder.string = string;
    builder.visitor = visitor;
    return builder;
  }

  /** The expression of a package parameter ({@link LibParameter.Kind#PACKAGE}). */
  public Expr packageExpression(LibParameter parameter) {
    Expr value = packages.get(parameter);
    if (value == null) {
      throw new IllegalArgumentException(parameter + " is not a package parameter");
    }
    return value;
  }

  public Expr buildFHSUserEnv() {
    return packages.get(LibParameter.BUILD_FHS_USER_ENV);
  }

  public Expr coreutils() {
    return packages.get(LibParameter.COREUTILS);
  }

  public Expr findutils() {
    return packages.get(LibParameter.FINDUTILS);
  }

  public Expr flock() {
    return packages.get(LibParameter.FLOCK);
  }

  public Expr jq() {
    return packages.get(LibParameter.JQ);
  }

  public Expr makeBinPath() {
    return packages.get(LibParameter.MAKE_BIN_PATH);
  }

  public Expr makeWrapper() {
    return packages.get(LibParameter.MAKE_WRAPPER);
  }

  public Expr mkDerivation() {
    return packages.get(LibParameter.MK_DERIVATION);
  }

  public Expr nix() {
    return packages.get(LibParameter.NIX);
  }

  /** The package set inits receive as {@code pkgs}. */
  public Expr packageSet() {
    return packages.get(LibParameter.PKGS);
  }

  public Expr ps() {
    return packages.get(LibParameter.PS);
  }

  public Expr redis() {
    return packages.get(LibParameter.REDIS);
  }

  public Expr writeShellApplication() {
    return packages.get(LibParameter.WRITE_SHELL_APPLICATION);
  }

  public Expr yqGo() {
    return packages.get(LibParameter.YQ_GO);
  }

  /** The Redis channel of lifecycle events (default {@code "resource"}). */
  public String channel() {
    return channel;
  }

  /** A package providing {@code bin/failure}; empty for the library's default. */
  public Optional<Expr> failure() {
    return Optional.ofNullable(failure);
  }

  public String originatorPidVariable() {
    return originatorPidVariable;
  }

  public String resourcesDirectory() {
    return resourcesDirectory;
  }

  public long sequentialStart() {
    return sequentialStart;
  }

  public String storeGarbageCollectionRoot() {
    return storeGarbageCollectionRoot;
  }

  /** The legacy {@code string} helper, passed through; empty for null. */
  public Optional<Expr> string() {
    return Optional.ofNullable(string);
  }

  /** The legacy {@code visitor} helper, passed through; empty for null. */
  public Optional<Expr> visitor() {
    return Optional.ofNullable(visitor);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LibParameters p && packages.equals(p.packages)
        && channel.equals(p.channel) && Objects.equals(failure, p.failure)
        && originatorPidVariable.equals(p.originatorPidVariable)
        && resourcesDirectory.equals(p.resourcesDirectory)
        && sequentialStart == p.sequentialStart
        && storeGarbageCollectionRoot.equals(p.storeGarbageCollectionRoot)
        && Objects.equals(string, p.string) && Objects.equals(visitor, p.visitor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(packages, channel, failure, originatorPidVariable, resourcesDirectory,
        sequentialStart, storeGarbageCollectionRoot, string, visitor);
  }

  @Override
  public String toString() {
    return "LibParameters{channel=" + Rules.show(channel) + ", originatorPidVariable="
        + originatorPidVariable + ", resourcesDirectory=" + Rules.show(resourcesDirectory)
        + ", sequentialStart=" + sequentialStart + ", storeGarbageCollectionRoot="
        + Rules.show(storeGarbageCollectionRoot) + "}";
  }

  /** A mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private final Map<LibParameter, Expr> packages = new EnumMap<>(LibParameter.class);
    private String channel = "resource";
    private Expr failure;
    private String originatorPidVariable;
    private String resourcesDirectory;
    private long sequentialStart;
    private String storeGarbageCollectionRoot;
    private Expr string;
    private Expr visitor;

    private Builder() {}

    /** Sets a package parameter ({@link LibParameter.Kind#PACKAGE}); null restores the default. */
    public Builder packageExpression(LibParameter parameter, Expr value) {
      Objects.requireNonNull(parameter, "parameter");
      if (parameter.kind() != LibParameter.Kind.PACKAGE) {
        throw new IllegalArgumentException(parameter + " is not a package parameter");
      }
      if (value == null) {
        packages.remove(parameter);
      } else {
        packages.put(parameter, value);
      }
      return this;
    }

    public Builder buildFHSUserEnv(Expr value) {
      return packageExpression(LibParameter.BUILD_FHS_USER_ENV, value);
    }

    public Builder coreutils(Expr value) {
      return packageExpression(LibParameter.COREUTILS, value);
    }

    public Builder findutils(Expr value) {
      return packageExpression(LibParameter.FINDUTILS, value);
    }

    public Builder flock(Expr value) {
      return packageExpression(LibParameter.FLOCK, value);
    }

    public Builder jq(Expr value) {
      return packageExpression(LibParameter.JQ, value);
    }

    public Builder makeBinPath(Expr value) {
      return packageExpression(LibParameter.MAKE_BIN_PATH, value);
    }

    public Builder makeWrapper(Expr value) {
      return packageExpression(LibParameter.MAKE_WRAPPER, value);
    }

    public Builder mkDerivation(Expr value) {
      return packageExpression(LibParameter.MK_DERIVATION, value);
    }

    public Builder nix(Expr value) {
      return packageExpression(LibParameter.NIX, value);
    }

    /** The package set inits receive as {@code pkgs} (default: the flake's {@code pkgs}). */
    public Builder packageSet(Expr value) {
      return packageExpression(LibParameter.PKGS, value);
    }

    public Builder ps(Expr value) {
      return packageExpression(LibParameter.PS, value);
    }

    public Builder redis(Expr value) {
      return packageExpression(LibParameter.REDIS, value);
    }

    public Builder writeShellApplication(Expr value) {
      return packageExpression(LibParameter.WRITE_SHELL_APPLICATION, value);
    }

    public Builder yqGo(Expr value) {
      return packageExpression(LibParameter.YQ_GO, value);
    }

    /** The Redis channel: any non-empty string (default {@code "resource"}). */
    public Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    /** A package providing {@code bin/failure}; null for the library's default program. */
    public Builder failure(Expr failure) {
      this.failure = failure;
      return this;
    }

    /**
     * Required: the environment variable carrying the originator PID: capitals, digits and
     * {@code _}, and not a name bash or the runtime gives a meaning to ({@code PATH},
     * {@code BASH_ENV}, {@code RESOURCE_…}, …).
     */
    public Builder originatorPidVariable(String name) {
      this.originatorPidVariable = name;
      return this;
    }

    /** Required: the root of the runtime state, absolute or {@code ~/…}. */
    public Builder resourcesDirectory(String folder) {
      this.resourcesDirectory = folder;
      return this;
    }

    /** The first value of the sequential counter (default 0). */
    public Builder sequentialStart(long start) {
      this.sequentialStart = start;
      return this;
    }

    /** Required: the folder of GC-root links, absolute or {@code ~/…}. */
    public Builder storeGarbageCollectionRoot(String folder) {
      this.storeGarbageCollectionRoot = folder;
      return this;
    }

    /** The legacy {@code string} helper (any expression), or null. */
    public Builder string(Expr string) {
      this.string = string;
      return this;
    }

    /** The legacy {@code visitor} helper (any expression), or null. */
    public Builder visitor(Expr visitor) {
      this.visitor = visitor;
      return this;
    }

    /**
     * The parameters.
     *
     * @throws ModelException naming every parameter that breaks a rule, under
     *     {@code parameters}
     */
    public LibParameters build() {
      return new LibParameters(this, "parameters");
    }

    LibParameters build(String path) {
      return new LibParameters(this, path);
    }
  }
}
