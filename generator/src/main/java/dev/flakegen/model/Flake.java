package dev.flakegen.model;

import dev.flakegen.model.shell.Assigned;
import dev.flakegen.model.shell.ShellScript;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A resource flake: its description, its nixpkgs input, the other resource flakes it takes as
 * inputs ({@link FlakeInput}: their resources are usable like its own), the systems it builds
 * for, the lib parameters, the resources (name → implementation) and the checks (name → check).
 * Resources and checks are kept sorted by name, so the order they were added in does not reach
 * the output.
 *
 * <pre>{@code
 * Flake flake = Flake.builder()
 *     .description("Hello, resources")
 *     .parameters(LibParameters.builder().originatorPidVariable("ORIGINATOR_PID_7Q")
 *         .resourcesDirectory("~/resources").storeGarbageCollectionRoot("~/.gc-roots"))
 *     .addResource("hello", Implementation.builder().init(init).targets("greeting"))
 *     .addCheck("hello", Check.builder("hello").expectedType(EventType.VALID))
 *     .build();
 * }</pre>
 *
 * <p>Parts may be given built or as builders: a builder is built with the flake, so that its
 * errors name the field from the flake down ({@code flake.resources.hello.targets[0]}).
 */
public final class Flake {

  /** The nixpkgs input unless set. */
  public static final String DEFAULT_NIXPKGS_URL = "github:NixOS/nixpkgs/nixos-25.05";

  /** The systems unless set. */
  public static final List<String> DEFAULT_SYSTEMS = List.of("x86_64-linux");

  /** Names of the lifecycle packages and apps, which no resource may take. */
  public static final List<String> RESERVED_NAMES =
      List.of("procfile", "release-listener", "resolve-listener", "services");

  /** The resolution every quarantine of a failed init offers. */
  public static final String ACCEPT = "accept";

  /** The resolution every quarantine of a failed release offers. */
  public static final String FINISH = "finish";

  private static final Pattern SYSTEM = Pattern.compile("[A-Za-z0-9_]+-[A-Za-z0-9_]+");

  private final String description;
  private final String nixpkgsUrl;
  private final SortedMap<String, FlakeInput> inputs;
  private final List<String> systems;
  private final LibParameters parameters;
  private final SortedMap<String, Implementation> resources;
  private final SortedMap<String, Check> checks;
  private final SortedMap<String, ShellScript> programs;
  private final Services services;

  private Flake(Builder builder) {
    String path = "flake";
    Problems problems = new Problems();
    this.description = problems.get(() -> Rules.text(builder.description,
        path + ".description"));
    this.nixpkgsUrl = problems.get(() -> Rules.nonEmptyText(builder.nixpkgsUrl,
        path + ".nixpkgsUrl"));
    SortedMap<String, FlakeInput> inputs = new TreeMap<>();
    for (int i = 0; i < builder.inputs.size(); i++) {
      FlakeInput input = builder.inputs.get(i);
      if (input == null) {
        problems.add(path + ".inputs[" + i + "]", "must be set");
        continue;
      }
      String at = path + ".inputs." + input.name();
      if (FlakeInput.RESERVED.contains(input.name())) {
        problems.add(at, Rules.show(input.name()) + " is reserved: the flake's own inputs take"
            + " the names " + FlakeInput.RESERVED);
        continue;
      }
      FlakeInput earlier = inputs.putIfAbsent(input.name(), input);
      if (earlier != null && !earlier.equals(input)) {
        problems.add(path + ".inputs", Rules.show(input.name()) + " is defined twice, differently"
            + " (" + Rules.show(earlier.url()) + " and " + Rules.show(input.url()) + ")");
        continue;
      }
      problems.run(() -> Rules.nonEmptyText(input.url(), at + ".url"));
      if (input.url() != null && input.url().chars().anyMatch(Character::isWhitespace)) {
        problems.add(at + ".url", Rules.show(input.url()) + " must be a flake reference without"
            + " white space");
      }
    }
    this.inputs = Collections.unmodifiableSortedMap(inputs);
    List<String> systems = problems.get(() -> Rules.copy(builder.systems, path + ".systems"));
    this.systems = systems == null ? List.of() : systems;
    if (systems != null && systems.isEmpty()) {
      problems.add(path + ".systems", "must name at least one system");
    }
    Set<String> seenSystems = new HashSet<>();
    for (int i = 0; i < this.systems.size(); i++) {
      String system = this.systems.get(i);
      if (!SYSTEM.matcher(system).matches()) {
        problems.add(path + ".systems[" + i + "]", Rules.show(system)
            + " must be a Nix system such as x86_64-linux (CPU-OS, of [A-Za-z0-9_])");
      } else if (!seenSystems.add(system)) {
        problems.add(path + ".systems[" + i + "]", Rules.show(system) + " is listed twice");
      }
    }
    Object parameters = builder.parameters;
    if (parameters == null) {
      problems.add(path + ".parameters", "must be set");
    }
    this.parameters = parameters instanceof LibParameters.Builder b
        ? problems.get(() -> b.build(path + ".parameters")) : (LibParameters) parameters;

    // every name defined, valid or not, so that a broken resource is not also "unknown"
    Set<String> defined = new TreeSet<>();
    // every init given, also of resources that break rules, so that its names are checked too
    SortedMap<String, Map<String, ShellScript>> scripts = new TreeMap<>();
    SortedMap<String, Implementation> resources = new TreeMap<>();
    for (Map.Entry<String, Object> entry : builder.resources) {
      String name = entry.getKey();
      if (name != null && name.contains("/")) {
        problems.add(path + ".resources name", Rules.show(name) + " is a resource of the input "
            + Rules.show(name.substring(0, name.indexOf('/'))) + ": a flake defines only its own"
            + " resources (ResourceName.of), and uses its inputs' as they are");
        continue;
      }
      if (!problems.run(() -> Rules.outputName(name, path + ".resources name"))) {
        continue;
      }
      String at = path + ".resources." + name;
      if (!defined.add(name)) {
        problems.add(path + ".resources", Rules.show(name) + " is defined twice");
        continue;
      }
      if (RESERVED_NAMES.contains(name)) {
        problems.add(path + ".resources name", Rules.show(name) + " is reserved: the flake's"
            + " packages and apps have one of that name (reserved: " + RESERVED_NAMES + ")");
      }
      Object value = entry.getValue();
      if (value == null) {
        problems.add(at, "must be set");
        continue;
      }
      scripts.put(name, value instanceof Implementation.Builder b ? b.scripts()
          : ((Implementation) value).scripts());
      Implementation implementation = value instanceof Implementation.Builder b
          ? problems.get(() -> b.build(at)) : (Implementation) value;
      if (implementation != null) {
        resources.put(name, implementation);
      }
    }
    this.resources = Collections.unmodifiableSortedMap(resources);
    Services services = builder.services;
    if (services == null) {
      problems.add(path + ".services", "must be set");
    }
    this.services = services;
    dependencies(path, defined, scripts, problems);
    sameDescriptions(path, problems);

    SortedMap<String, ShellScript> programs = new TreeMap<>();
    for (Map.Entry<String, Object> entry : builder.programs) {
      String name = entry.getKey();
      if (!problems.run(() -> Rules.outputName(name, path + ".programs name"))) {
        continue;
      }
      String at = path + ".programs." + name;
      if (programs.containsKey(name)) {
        problems.add(path + ".programs", Rules.show(name) + " is defined twice");
        continue;
      }
      if (defined.contains(name) || RESERVED_NAMES.contains(name)) {
        problems.add(path + ".programs name", Rules.show(name) + " is taken: the flake has a"
            + " resource or a lifecycle package of that name");
        continue;
      }
      ShellScript script = (ShellScript) entry.getValue();
      if (script == null) {
        problems.add(at, "must be set");
        continue;
      }
      if (problems.run(() -> script.validate(at, false, true, "a program"))) {
        unknownResources(script, at, defined, problems);
      }
      programs.put(name, script);
    }
    this.programs = Collections.unmodifiableSortedMap(programs);

    SortedMap<String, Check> checks = new TreeMap<>();
    Set<String> checkNames = new HashSet<>();
    for (Map.Entry<String, Object> entry : builder.checks) {
      String name = entry.getKey();
      if (!problems.run(() -> Rules.outputName(name, path + ".checks name"))) {
        continue;
      }
      String at = path + ".checks." + name;
      if (!checkNames.add(name)) {
        problems.add(path + ".checks", Rules.show(name) + " is defined twice");
        continue;
      }
      Object value = entry.getValue();
      if (value == null) {
        problems.add(at, "must be set");
        continue;
      }
      Check check = value instanceof Check.Builder b ? problems.get(() -> b.build(at))
          : (Check) value;
      if (check == null) {
        continue;
      }
      if (check.fixture().isPresent()) {
        unknownResources(check.fixture().get(), at + ".fixture", defined, problems);
      }
      if (!defined.contains(check.resource())) {
        problems.add(at + ".resource", Rules.show(check.resource())
            + " is not a resource of the flake" + Rules.suggest(check.resource(), defined));
      } else if (check.resolution().isPresent() && resources.containsKey(check.resource())) {
        Set<String> offered = resolutions(resources.get(check.resource()));
        String resolution = check.resolution().get();
        if (!offered.contains(resolution)) {
          problems.add(at + ".resolution", Rules.show(resolution)
              + " is not a resolution of the resource " + Rules.show(check.resource())
              + " (it has: " + String.join(", ", offered) + ")"
              + Rules.suggest(resolution, offered).replaceFirst("^ \\(known: .*\\)$", ""));
        }
      }
      checks.put(name, check);
    }
    this.checks = Collections.unmodifiableSortedMap(checks);
    problems.throwIfAny();
  }

  /**
   * The names of the resolutions a quarantine of the resource offers, sorted: its own and the
   * defaults, {@value #ACCEPT} (a failed init) and {@value #FINISH} (a failed release).
   */
  private static Set<String> resolutions(Implementation implementation) {
    Set<String> names = new TreeSet<>(List.of(ACCEPT, FINISH));
    names.addAll(implementation.initResolutions().keySet());
    names.addAll(implementation.releaseResolutions().keySet());
    return names;
  }

  /**
   * No two resources have the same hashed description (runtime/README.md, "Configuration", the description): the lib parameters are
   * the flake's, so two equal implementations would be one resource under two names, each
   * serving what the other cached.
   */
  private void sameDescriptions(String path, Problems problems) {
    Map<Implementation, String> first = new java.util.HashMap<>();
    for (Map.Entry<String, Implementation> entry : resources.entrySet()) {
      String earlier = first.putIfAbsent(entry.getValue(), entry.getKey());
      if (earlier != null) {
        problems.add(path + ".resources." + entry.getKey(), "has the same hashed description"
            + " as the resource " + Rules.show(earlier) + " (init, seed, targets, transient,"
            + " release and resolutions): they would be one resource; give one another seed");
      }
    }
  }

  /**
   * Every resource a script of a resource uses (init, release, resolutions) exists, and no
   * resource needs itself, directly or through others.
   */
  private void dependencies(String path, Set<String> defined,
      SortedMap<String, Map<String, ShellScript>> scripts, Problems problems) {
    for (Map.Entry<String, Map<String, ShellScript>> resource : scripts.entrySet()) {
      for (Map.Entry<String, ShellScript> script : resource.getValue().entrySet()) {
        unknownResources(script.getValue(), path + ".resources." + resource.getKey() + "."
            + script.getKey(), defined, problems);
      }
    }
    Set<String> done = new HashSet<>();
    for (String name : resources.keySet()) {
      List<String> cycle = cycleFrom(name, new ArrayList<>(), done);
      if (cycle != null) {
        String at = path + ".resources." + cycle.get(0) + ".init";
        search:
        for (Map.Entry<String, ShellScript> script : scripts.get(cycle.get(0)).entrySet()) {
          for (Map.Entry<String, Assigned.ResourceFragment> use : script.getValue().resourceUses(
              path + ".resources." + cycle.get(0) + "." + script.getKey()).entrySet()) {
            if (use.getValue().key().equals(cycle.get(1))) {
              at = use.getKey() + ".resource";
              break search;
            }
          }
        }
        problems.add(at, (cycle.size() == 2 ? Rules.show(cycle.get(0)) + " sets up itself: "
            : "") + "dependency cycle " + String.join(" -> ", cycle));
        done.addAll(cycle);
      }
    }
  }

  /**
   * Every resource {@code script} sets up is one of the flake's ({@code defined}), or its input
   * is one of the flake's inputs (what the input offers, Nix finds when it evaluates the flake);
   * else a problem at its use.
   */
  private void unknownResources(ShellScript script, String path, Set<String> defined,
      Problems problems) {
    for (Map.Entry<String, Assigned.ResourceFragment> use : script.resourceUses(path).entrySet()) {
      Assigned.ResourceFragment f = use.getValue();
      String at = use.getKey();
      if (f.input() == null) {
        if (Rules.OUTPUT_NAME.matcher(f.resource()).matches()
            && !defined.contains(f.resource())) {
          problems.add(at + ".resource", Rules.show(f.resource())
              + " is not a resource of the flake" + Rules.suggest(f.resource(), defined));
        }
      } else if (!inputs.containsKey(f.input())) {
        problems.add(at + ".input", Rules.show(f.input()) + " is not an input of the flake"
            + (inputs.isEmpty() ? " (it has none: add it with Flake.Builder.input)"
                : Rules.suggest(f.input(), inputs.keySet())));
      }
    }
  }

  /** A cycle reachable from {@code name} (depth first, in name order), or null. */
  private List<String> cycleFrom(String name, List<String> stack, Set<String> done) {
    int on = stack.indexOf(name);
    if (on >= 0) {
      List<String> cycle = new ArrayList<>(stack.subList(on, stack.size()));
      cycle.add(name);
      return cycle;
    }
    if (done.contains(name) || !resources.containsKey(name)) {
      return null;
    }
    stack.add(name);
    for (String dependency : resources.get(name).dependencies()) {
      List<String> cycle = cycleFrom(dependency, stack, done);
      if (cycle != null) {
        return cycle;
      }
    }
    stack.remove(stack.size() - 1);
    done.add(name);
    return null;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.description = description;
    builder.nixpkgsUrl = nixpkgsUrl;
    builder.inputs.addAll(inputs.values());
    builder.systems = new ArrayList<>(systems);
    builder.parameters = parameters;
    builder.services = services;
    resources.forEach((k, v) -> builder.resources.add(new SimpleImmutableEntry<>(k, v)));
    checks.forEach((k, v) -> builder.checks.add(new SimpleImmutableEntry<>(k, v)));
    programs.forEach((k, v) -> builder.programs.add(new SimpleImmutableEntry<>(k, v)));
    return builder;
  }

  public String description() {
    return description;
  }

  /** The URL of the nixpkgs input (default {@value #DEFAULT_NIXPKGS_URL}). */
  public String nixpkgsUrl() {
    return nixpkgsUrl;
  }

  /** The flake inputs whose resources the flake uses, by name, sorted. */
  public SortedMap<String, FlakeInput> inputs() {
    return inputs;
  }

  /** The systems the flake's outputs are made for, in the given order. */
  public List<String> systems() {
    return systems;
  }

  public LibParameters parameters() {
    return parameters;
  }

  /** The resources by name, sorted. */
  public SortedMap<String, Implementation> resources() {
    return resources;
  }

  /** How the NixOS module runs the lifecycle services by default. */
  public Services services() {
    return services;
  }

  /** The checks by name, sorted. */
  public SortedMap<String, Check> checks() {
    return checks;
  }

  /**
   * The programs by name, sorted: scripts the flake packages with {@code writeShellApplication}
   * as {@code packages.NAME} ({@code bin/NAME}) and exposes as {@code apps.NAME}; they may set
   * up resources (the seed's "in code we use the resource lambda").
   */
  public SortedMap<String, ShellScript> programs() {
    return programs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Flake f && description.equals(f.description)
        && nixpkgsUrl.equals(f.nixpkgsUrl) && inputs.equals(f.inputs)
        && systems.equals(f.systems)
        && parameters.equals(f.parameters) && resources.equals(f.resources)
        && checks.equals(f.checks) && programs.equals(f.programs)
        && services.equals(f.services);
  }

  @Override
  public int hashCode() {
    return Objects.hash(description, nixpkgsUrl, inputs, systems, parameters, resources, checks, programs,
        services);
  }

  @Override
  public String toString() {
    return "Flake{description=" + Rules.show(description) + ", resources=" + resources.keySet()
        + ", checks=" + checks.keySet() + "}";
  }

  /** A mutable builder; {@link #build()} validates the whole flake. */
  public static final class Builder {
    private String description = "";
    private String nixpkgsUrl = DEFAULT_NIXPKGS_URL;
    private final List<FlakeInput> inputs = new ArrayList<>();
    private List<String> systems = new ArrayList<>(DEFAULT_SYSTEMS);
    private Object parameters;
    private final List<Map.Entry<String, Object>> resources = new ArrayList<>();
    private final List<Map.Entry<String, Object>> checks = new ArrayList<>();
    private final List<Map.Entry<String, Object>> programs = new ArrayList<>();
    private Services services = Services.DEFAULT;

    private Builder() {}

    /** How the NixOS module runs the lifecycle services by default ({@link Services#DEFAULT}). */
    public Builder services(Services services) {
      this.services = services;
      return this;
    }

    /** The flake's {@code description} (default empty). */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** The nixpkgs input's URL. */
    public Builder nixpkgsUrl(String url) {
      this.nixpkgsUrl = url;
      return this;
    }

    /**
     * Adds a flake input, another resource flake whose resources ({@link FlakeInput#resource})
     * inits and programs may set up; a name may be added once (adding the same input again does
     * nothing).
     */
    public Builder input(FlakeInput input) {
      inputs.add(input);
      return this;
    }

    /** The systems, replacing those given before (and the default {@code x86_64-linux}). */
    public Builder systems(String... systems) {
      this.systems = new ArrayList<>(Arrays.asList(systems));
      return this;
    }

    /** Adds systems, after those given before (the first adds to the default). */
    public Builder addSystems(String... systems) {
      this.systems.addAll(Arrays.asList(systems));
      return this;
    }

    /** The lib parameters (required). */
    public Builder parameters(LibParameters parameters) {
      this.parameters = parameters;
      return this;
    }

    /** The lib parameters, built with the flake. */
    public Builder parameters(LibParameters.Builder parameters) {
      this.parameters = parameters;
      return this;
    }

    /** Adds a resource; a name may be added once. */
    public Builder addResource(String name, Implementation implementation) {
      resources.add(new SimpleImmutableEntry<>(name, implementation));
      return this;
    }

    /** Adds a resource, built with the flake. */
    public Builder addResource(String name, Implementation.Builder implementation) {
      resources.add(new SimpleImmutableEntry<>(name, implementation));
      return this;
    }

    /** Adds the resource {@code name} names; see {@link ResourceName}. */
    public Builder addResource(ResourceName name, Implementation implementation) {
      return addResource(name.key(), implementation);
    }

    /** Adds the resource {@code name} names, built with the flake. */
    public Builder addResource(ResourceName name, Implementation.Builder implementation) {
      return addResource(name.key(), implementation);
    }

    /**
     * Adds a program: {@code packages.NAME} and {@code apps.NAME}, a {@code writeShellApplication}
     * running {@code script}, which may set up the flake's resources (not init's programs or
     * folders); a name may be added once and may not be a resource's.
     */
    public Builder addProgram(String name, ShellScript script) {
      programs.add(new SimpleImmutableEntry<>(name, script));
      return this;
    }

    /** Adds a check; a name may be added once. */
    public Builder addCheck(String name, Check check) {
      checks.add(new SimpleImmutableEntry<>(name, check));
      return this;
    }

    /** Adds a check, built with the flake. */
    public Builder addCheck(String name, Check.Builder check) {
      checks.add(new SimpleImmutableEntry<>(name, check));
      return this;
    }

    /**
     * The flake.
     *
     * @throws ModelException naming every field that breaks a rule, each from {@code flake}
     *     down (parts given built were validated when they were built)
     */
    public Flake build() {
      return new Flake(this);
    }
  }
}
