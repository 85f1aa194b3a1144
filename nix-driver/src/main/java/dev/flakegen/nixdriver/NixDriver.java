package dev.flakegen.nixdriver;

import static dev.flakegen.nix.build.Nix.apply;
import static dev.flakegen.nix.build.Nix.lambda;
import static dev.flakegen.nix.build.Nix.select;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.variable;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.build.AttrSetBuilder;
import dev.flakegen.nix.build.Nix;
import dev.flakegen.nix.print.ReadablePrinter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A typed Java API over the installed Nix (the {@code nix} command, 2.8 or newer): evaluate
 * expressions and flake outputs into {@link NixValue}s, observe one attribute without forcing the
 * rest, realise (build) installables, check whether a path is valid in a store, and replicate a
 * closure from one store to another.
 *
 * <pre>{@code
 * NixDriver nix = NixDriver.builder().timeout(Duration.ofMinutes(5)).build();
 * NixValue name = nix.evaluate(Installable.of("path:/x#packages.x86_64-linux.hello.name")
 *     .withOverrideInput("nixpkgs", "path:/work/hostpkgs"));
 * Realisation built = nix.realise(Installable.of("path:/x#hello"), System.err::println);
 * nix.replicate(List.of(built.outputPath()), NixStore.local(), NixStore.fileCache(cache),
 *     SignaturePolicy.DO_NOT_CHECK);
 * }</pre>
 *
 * <p>Each call runs one or a few Nix processes with the driver's environment ({@code NIX_CONFIG}
 * by default turns on {@code nix-command} and {@code flakes} and empties {@code substituters}) and
 * waits at most the driver's timeout ({@link #withTimeout}); then Nix and everything it started
 * are killed and a {@link NixTimeoutException} is thrown. Interrupting the calling thread (for
 * example {@code Future.cancel(true)}) cancels the call the same way and throws
 * {@link InterruptedException}. A driver is immutable: any number of threads may use one at once.
 * Nix's failures are {@link NixFailureException}s with Nix's message and position.
 */
public final class NixDriver {

  /** The default {@code NIX_CONFIG}: flakes on, and no binary cache to wait for offline. */
  public static final String DEFAULT_CONFIG =
      "experimental-features = nix-command flakes\nsubstituters =";

  /** The default time a call may take. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  /**
   * Turns any value into JSON that keeps Nix's types apart (see {@code JsonValues}): floats,
   * lists and sets are tagged, a set with {@code outPath} becomes that path, a path its string.
   */
  private static final Expr TAGGING = Nix.parse(String.join("\n",
      "let",
      "  tag = v:",
      "    if builtins.isAttrs v then",
      "      (if v ? outPath then { p = builtins.toString v.outPath; }",
      "       else { a = builtins.mapAttrs (_: tag) v; })",
      "    else if builtins.isList v then { l = map tag v; }",
      "    else if builtins.isFloat v then { f = v; }",
      "    else if builtins.isPath v then builtins.toString v",
      "    else v;",
      "in tag"));

  private static final String NIX = "nix";
  private static final String NIX_STORE = "nix-store";

  private final Path binDirectory;
  private final Map<String, String> environment;
  private final Duration timeout;

  private NixDriver(Path binDirectory, Map<String, String> environment, Duration timeout) {
    this.binDirectory = binDirectory;
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    this.timeout = timeout;
  }

  /** A driver with the defaults: {@code nix} from {@code PATH}, {@link #DEFAULT_CONFIG}. */
  public static NixDriver create() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** This driver with calls limited to {@code timeout} each. */
  public NixDriver withTimeout(Duration timeout) {
    return new NixDriver(binDirectory, environment, positive(timeout));
  }

  /** The time each call may take. */
  public Duration timeout() {
    return timeout;
  }

  /** What {@code nix --version} prints, e.g. {@code nix (Nix) 2.8.0}. */
  public String version() throws InterruptedException {
    return run(List.of("--version"), BuildLogListener.IGNORE).requireSuccess().strip();
  }

  // ---- evaluate and observe ------------------------------------------------------------------

  /**
   * The value of {@code installable}, fully evaluated ({@code nix eval --json}); sets with an
   * {@code outPath} become {@link NixValue.StorePathValue}s (nothing is built).
   *
   * @throws NixFailureException for an evaluation error, with Nix's message and position
   */
  public NixValue evaluate(Installable installable) throws InterruptedException {
    return observe(installable, List.of());
  }

  /** The value at {@code attributePath} in {@code installable}; see {@link #observe(Installable, List)}. */
  public NixValue observe(Installable installable, String... attributePath)
      throws InterruptedException {
    return observe(installable, List.of(attributePath));
  }

  /**
   * The value at {@code attributePath} (names, not Nix text: {@code "meta", "license",
   * "shortName"}) in {@code installable}. Only what that path needs is evaluated; the value found
   * is evaluated fully, except that a set with an {@code outPath} (a derivation) stands for its
   * path: observing a derivation's {@code name}, {@code meta} or the derivation itself builds
   * nothing.
   *
   * @throws NixFailureException for an evaluation error or a missing attribute
   */
  public NixValue observe(Installable installable, List<String> attributePath)
      throws InterruptedException {
    Expr value = variable("value");
    if (!installable.arguments().isEmpty()) {
      value = apply(value, argumentSet(installable));
    }
    if (!attributePath.isEmpty()) {
      value = select(value, attributePath.toArray(String[]::new));
    }
    Expr function = lambda("value", apply(TAGGING, value));
    List<String> arguments = new ArrayList<>(List.of("eval", "--json"));
    addInstallable(arguments, installable, Optional.empty());
    arguments.add("--apply");
    arguments.add(ReadablePrinter.print(function));
    String json = run(arguments, BuildLogListener.IGNORE).requireSuccess();
    return JsonValues.parseTagged(json);
  }

  // ---- realise -------------------------------------------------------------------------------

  /** Builds {@code installable}; see {@link #realise(Installable, BuildLogListener)}. */
  public Realisation realise(Installable installable) throws InterruptedException {
    return realise(installable, BuildLogListener.IGNORE);
  }

  /**
   * Builds {@code installable} ({@code nix build --json --no-link -L}): a flake output, a
   * {@code .drv} path, or an expression that evaluates to a derivation (arguments applied), and
   * returns its outputs. Nix's log lines, the builders' output among them, go to {@code log} as
   * they come. The outputs are not registered as garbage-collection roots.
   *
   * @throws NixFailureException when evaluation or a build fails
   */
  public Realisation realise(Installable installable, BuildLogListener log)
      throws InterruptedException {
    Objects.requireNonNull(log, "log");
    Optional<Expr> called = Optional.empty();
    if (!installable.arguments().isEmpty()) {
      Expr expression = installable.expression().orElseThrow(() -> new IllegalArgumentException(
          "arguments can be applied when realising an expression, not " + installable));
      called = Optional.of(apply(expression, argumentSet(installable)));
    } else if (installable.reference().filter(NixDriver::isStoreDerivation).isPresent()) {
      // A bare .drv installable means its outputs to Nix 2.8 but the .drv file itself to today's
      // Nix (which wants DRV^*, unknown to 2.8); importing the .drv means its outputs to both.
      called = Optional.of(apply(variable("import"),
          string(installable.reference().orElseThrow())));
    }
    List<String> arguments = new ArrayList<>(List.of("build", "--json", "--no-link", "-L"));
    addInstallable(arguments, installable, called);
    String json = run(arguments, log).requireSuccess();
    List<Realisation.Output> outputs = new ArrayList<>();
    for (NixValue built : list(JsonValues.parsePlain(json))) {
      if (built instanceof NixValue.StringValue) {
        // A store path that is not a derivation's output, as today's Nix lists it.
        outputs.add(new Realisation.Output(Optional.empty(), "", storePath(built)));
        continue;
      }
      Optional<NixValue> path = built.find("path");
      if (path.isPresent()) {
        outputs.add(new Realisation.Output(Optional.empty(), "", storePath(path.get())));
        continue;
      }
      StorePath derivation = storePath(built.find("drvPath").orElseThrow(
          () -> new NixDriverException("nix build --json: no drvPath in " + json)));
      NixValue named = built.find("outputs").orElse(new NixValue.AttrsValue(Map.of()));
      if (named instanceof NixValue.AttrsValue attrs) {
        attrs.attributes().forEach((name, out) -> outputs.add(
            new Realisation.Output(Optional.of(derivation), name, storePath(out))));
      }
    }
    return new Realisation(outputs);
  }

  /**
   * Checks a flake ({@code nix flake check -L REF}, with the installable's input overrides): its
   * outputs evaluate and its checks build. Nix's log lines go to {@code log} as they come.
   *
   * @throws IllegalArgumentException if {@code flake} is an expression, not a flake reference
   * @throws NixFailureException when evaluation or a check fails
   */
  public void checkFlake(Installable flake, BuildLogListener log) throws InterruptedException {
    Objects.requireNonNull(log, "log");
    if (flake.expression().isPresent() || !flake.arguments().isEmpty()) {
      throw new IllegalArgumentException("a flake check takes a flake reference, not " + flake);
    }
    List<String> arguments = new ArrayList<>(List.of("flake", "check", "-L"));
    addInstallable(arguments, flake, Optional.empty());
    run(arguments, log).requireSuccess();
  }

  // ---- stores --------------------------------------------------------------------------------

  /**
   * Whether {@code path} is valid in {@code store} ({@code nix-store --check-validity}): present,
   * with its closure, in the local store or in a binary cache such as {@code file:///tmp/cache}.
   *
   * @throws NixFailureException when Nix cannot open the store
   */
  public boolean checkPath(NixStore store, StorePath path) throws InterruptedException {
    return validPaths(store, List.of(path)).contains(path);
  }

  /**
   * Which of {@code paths} are valid in {@code store}, in one call. A {@code .drv} path is the
   * derivation file itself, not its outputs.
   */
  public Set<StorePath> validPaths(NixStore store, Collection<StorePath> paths)
      throws InterruptedException {
    Set<StorePath> valid = new LinkedHashSet<>(paths);
    if (paths.isEmpty()) {
      return valid;
    }
    List<String> arguments = new ArrayList<>();
    addStore(arguments, "--store", store);
    arguments.addAll(List.of("--check-validity", "--print-invalid"));
    paths.forEach(path -> arguments.add(path.path()));
    String invalid = run(NIX_STORE, arguments, BuildLogListener.IGNORE).requireSuccess();
    invalid.lines().filter(line -> !line.isBlank()).forEach(line -> valid.remove(StorePath.of(line)));
    return valid;
  }

  /**
   * The closure of {@code paths} in {@code store}: themselves and every path they refer to,
   * directly or not ({@code nix-store --query --requisites}).
   *
   * @throws NixFailureException when a path is not valid there
   */
  public List<StorePath> closure(NixStore store, Collection<StorePath> paths)
      throws InterruptedException {
    Set<StorePath> missing = new LinkedHashSet<>(paths);
    missing.removeAll(validPaths(store, paths));
    if (!missing.isEmpty()) {
      throw new NixFailureException(List.of(NIX_STORE, "--check-validity"), 1,
          "path '" + missing.iterator().next() + "' is not valid in " + store, Optional.empty(),
          "");
    }
    List<String> arguments = new ArrayList<>();
    addStore(arguments, "--store", store);
    arguments.addAll(List.of("--query", "--requisites"));
    paths.forEach(path -> arguments.add(path.path()));
    return run(NIX_STORE, arguments, BuildLogListener.IGNORE).requireSuccess().lines()
        .filter(line -> !line.isBlank()).map(StorePath::of).toList();
  }

  /**
   * Copies {@code paths} with their closure from {@code from} to {@code to} ({@code nix copy
   * --from --to}; {@code .drv} paths as files, with {@code --derivation}), then checks that every
   * path of the closure is valid in {@code to}.
   *
   * @throws NixFailureException when a path is missing in {@code from}, the copy fails, or a
   *     path did not arrive
   */
  public Replication replicate(Collection<StorePath> paths, NixStore from, NixStore to,
      SignaturePolicy signatures) throws InterruptedException {
    if (from.equals(to)) {
      throw new IllegalArgumentException("source and target are the same store: " + from);
    }
    List<StorePath> closure = closure(from, paths);
    List<StorePath> derivations = paths.stream().filter(StorePath::isDerivation).toList();
    List<StorePath> others = paths.stream().filter(path -> !path.isDerivation()).toList();
    for (List<StorePath> group : List.of(others, derivations)) {
      if (group.isEmpty()) {
        continue;
      }
      List<String> arguments = new ArrayList<>(List.of("copy"));
      addStore(arguments, "--from", from);
      addStore(arguments, "--to", to);
      if (group == derivations) {
        arguments.add("--derivation");
      }
      if (signatures == SignaturePolicy.DO_NOT_CHECK) {
        arguments.add("--no-check-sigs");
      }
      group.forEach(path -> arguments.add(path.path()));
      run(NIX, arguments, BuildLogListener.IGNORE).requireSuccess();
    }
    Set<StorePath> arrived = validPaths(to, closure);
    for (StorePath path : closure) {
      if (!arrived.contains(path)) {
        throw new NixFailureException(List.of(NIX, "copy"), 0,
            "path '" + path + "' is not valid in " + to + " after copying", Optional.empty(), "");
      }
    }
    return new Replication(from, to, closure);
  }

  // ---- running Nix ---------------------------------------------------------------------------

  private static boolean isStoreDerivation(String reference) {
    if (!reference.endsWith(".drv")) {
      return false;
    }
    try {
      StorePath.of(reference);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The installable's arguments; {@code replacement} is an expression to give instead. */
  private static void addInstallable(List<String> arguments, Installable installable,
      Optional<Expr> replacement) {
    if (replacement.isPresent() || installable.expression().isPresent()) {
      String text = replacement.map(ReadablePrinter::print)
          .or(installable::expressionText)
          .orElseGet(() -> ReadablePrinter.print(installable.expression().orElseThrow()));
      arguments.addAll(List.of("--impure", "--expr", text));
    } else {
      arguments.add(installable.reference().orElseThrow());
      installable.inputOverrides().forEach((input, reference) ->
          arguments.addAll(List.of("--override-input", input, reference)));
    }
  }

  private static void addStore(List<String> arguments, String option, NixStore store) {
    if (!store.isLocal()) {
      arguments.add(option);
      arguments.add(store.uri());
    }
  }

  private static Expr argumentSet(Installable installable) {
    AttrSetBuilder arguments = set();
    for (Map.Entry<String, Expr> argument : installable.arguments().entrySet()) {
      arguments = arguments.attr(argument.getKey(), argument.getValue());
    }
    return arguments.build();
  }

  private static List<NixValue> list(NixValue value) {
    if (value instanceof NixValue.ListValue list) {
      return list.items();
    }
    throw new NixDriverException("expected a JSON list from Nix, got " + value.toJson());
  }

  private static StorePath storePath(NixValue value) {
    if (value instanceof NixValue.StringValue string) {
      return StorePath.of(string.value());
    }
    throw new NixDriverException("expected a store path from Nix, got " + value.toJson());
  }

  private NixProcess.Completed run(List<String> arguments, BuildLogListener log)
      throws InterruptedException {
    return run(NIX, arguments, log);
  }

  private NixProcess.Completed run(String program, List<String> arguments, BuildLogListener log)
      throws InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(nixProgram().resolveSibling(program).toString());
    command.addAll(arguments);
    return NixProcess.run(command, environment, timeout, log);
  }

  /** The {@code nix} program this driver runs. */
  public Path nixProgram() {
    if (binDirectory != null) {
      Path nix = binDirectory.resolve("nix");
      if (!Files.isExecutable(nix)) {
        throw new NixNotFoundException(binDirectory.toString());
      }
      return nix;
    }
    String path = environment.getOrDefault("PATH", "");
    for (String folder : path.split(File.pathSeparator)) {
      if (!folder.isEmpty()) {
        Path nix = Path.of(folder, "nix");
        if (Files.isExecutable(nix) && !Files.isDirectory(nix)) {
          return nix;
        }
      }
    }
    throw new NixNotFoundException("PATH=" + path);
  }

  private static Duration positive(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    return timeout;
  }

  /**
   * Configures a {@link NixDriver}: where {@code nix} is, its settings ({@code NIX_CONFIG}), other
   * environment variables, and the timeout. Not thread-safe; the driver it builds is.
   */
  public static final class Builder {

    private Path binDirectory;
    private String config = DEFAULT_CONFIG;
    private final Map<String, String> environment = new LinkedHashMap<>(System.getenv());
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    /** Run {@code DIR/nix} instead of the {@code nix} found on {@code PATH}. */
    public Builder binDirectory(Path directory) {
      this.binDirectory = directory.toAbsolutePath().normalize();
      return this;
    }

    /**
     * Nix's settings for every call, as {@code NIX_CONFIG} lines (replacing
     * {@link #DEFAULT_CONFIG}; keep {@code experimental-features = nix-command flakes}).
     */
    public Builder config(String nixConfig) {
      this.config = Objects.requireNonNull(nixConfig, "nixConfig");
      return this;
    }

    /** One more setting line after those of {@link #config}, e.g. {@code max-jobs = 2}. */
    public Builder addConfig(String line) {
      Objects.requireNonNull(line, "line");
      this.config = config.isEmpty() ? line : config + "\n" + line;
      return this;
    }

    /** Sets the environment variable {@code name} for Nix (the JVM's environment is inherited). */
    public Builder environment(String name, String value) {
      environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The time each call may take (default {@link #DEFAULT_TIMEOUT}). */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout);
      return this;
    }

    /** The driver. */
    public NixDriver build() {
      Map<String, String> finalEnvironment = new LinkedHashMap<>(environment);
      finalEnvironment.put("NIX_CONFIG", config);
      return new NixDriver(binDirectory, finalEnvironment, timeout);
    }
  }
}
