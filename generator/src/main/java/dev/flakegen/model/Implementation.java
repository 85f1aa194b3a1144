package dev.flakegen.model;

import dev.flakegen.model.shell.ShellScript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An implementation description (generator/README.md, "`lib.nix`"): how to construct a resource ({@code init}, or none),
 * a {@code seed} that only perturbs the hash, the {@code targets} init must create directly in
 * the resource directory, whether it is {@code transient} (never cached), and the extensions: a
 * {@code release} command and named resolution scripts for failed inits and releases. Its events
 * carry init's standard input and output only when {@link Builder#publishStreams(boolean)} asks
 * for them; by default they carry their sizes and SHA-256 digests (runtime/README.md, "Events").
 *
 * <pre>{@code
 * Implementation hello = Implementation.builder()
 *     .init(ShellScript.builder()
 *         .run(command(pkg("coreutils", "/bin/echo"), literal("Hello!")).toFile(mount("greeting")))
 *         .build())
 *     .targets("greeting")
 *     .build();
 * }</pre>
 */
public final class Implementation {

  private final ShellScript init;
  private final Value seed;
  private final List<String> targets;
  private final boolean transientResource;
  private final boolean publishStreams;
  private final ShellScript release;
  private final SortedMap<String, ShellScript> initResolutions;
  private final SortedMap<String, ShellScript> releaseResolutions;

  private Implementation(Builder builder, String path) {
    Problems problems = new Problems();
    this.init = builder.init;
    if (init != null) {
      problems.run(() -> init.validate(path + ".init", true, "init"));
    }
    this.seed = builder.seed;
    problems.run(() -> Value.validate(seed, path + ".seed"));
    List<String> targets = problems.get(() -> Rules.copy(builder.targets, path + ".targets"));
    this.targets = targets == null ? List.of() : targets;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < this.targets.size(); i++) {
      String at = path + ".targets[" + i + "]";
      String target = this.targets.get(i);
      if (problems.run(() -> Rules.fileName(target, at)) && !seen.add(target)) {
        problems.add(at, Rules.show(target) + " is listed twice");
      }
    }
    this.transientResource = builder.transientResource;
    this.publishStreams = builder.publishStreams;
    this.release = builder.release;
    if (release != null) {
      problems.run(() -> release.validate(path + ".release", false, true, "a release"));
    }
    this.initResolutions = resolutions(builder.initResolutions, path + ".initResolutions",
        problems);
    this.releaseResolutions = resolutions(builder.releaseResolutions,
        path + ".releaseResolutions", problems);
    problems.throwIfAny();
  }

  private static SortedMap<String, ShellScript> resolutions(List<Map.Entry<String, ShellScript>>
      entries, String path, Problems problems) {
    SortedMap<String, ShellScript> out = new TreeMap<>(Value::compareCodePoints);
    for (Map.Entry<String, ShellScript> entry : entries) {
      String name = entry.getKey();
      if (name == null) {
        problems.add(path, "a resolution's name must be set");
        continue;
      }
      String at = Rules.key(path, name);
      if (!problems.run(() -> Rules.fileName(name, at))) {
        continue;
      }
      if (out.containsKey(name)) {
        problems.add(path, Rules.show(name) + " is defined twice");
        continue;
      }
      ShellScript script = entry.getValue();
      if (script == null) {
        problems.add(at, "must be set");
        continue;
      }
      problems.run(() -> script.validate(at, false, true, "a resolution"));
      out.put(name, script);
    }
    return Collections.unmodifiableSortedMap(out);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.init = init;
    builder.seed = seed;
    builder.targets.addAll(targets);
    builder.transientResource = transientResource;
    builder.publishStreams = publishStreams;
    builder.release = release;
    initResolutions.forEach((k, v) -> builder.initResolutions.add(Map.entry(k, v)));
    releaseResolutions.forEach((k, v) -> builder.releaseResolutions.add(Map.entry(k, v)));
    return builder;
  }

  /** How to construct the resource; empty for a resource that is only a directory. */
  public Optional<ShellScript> init() {
    return Optional.ofNullable(init);
  }

  /** Anything, only to perturb the hash (default {@link Value#NULL}). */
  public Value seed() {
    return seed;
  }

  /** The names init creates directly in the resource directory, in the given order. */
  public List<String> targets() {
    return targets;
  }

  /** Whether caching is off: every setup runs init. */
  public boolean isTransient() {
    return transientResource;
  }

  /**
   * Whether the resource's events carry init's standard input and output (else only their sizes
   * and SHA-256 digests; the default).
   */
  public boolean publishesStreams() {
    return publishStreams;
  }

  /** The command run when the resource is released, if any. */
  public Optional<ShellScript> release() {
    return Optional.ofNullable(release);
  }

  /** Resolution scripts offered when init fails, by name, sorted. */
  public SortedMap<String, ShellScript> initResolutions() {
    return initResolutions;
  }

  /** Resolution scripts offered when release fails, by name, sorted. */
  public SortedMap<String, ShellScript> releaseResolutions() {
    return releaseResolutions;
  }

  /**
   * The resources this implementation sets up through resource fragments, sorted: its init's,
   * its release's and its resolutions'.
   */
  public Set<String> dependencies() {
    Set<String> names = new TreeSet<>();
    scripts(init, release, initResolutions.entrySet(), releaseResolutions.entrySet())
        .values().forEach(script -> names.addAll(script.resources()));
    return Collections.unmodifiableSet(names);
  }

  /** The resources init sets up, sorted (the library its init is rendered with). */
  public Set<String> initDependencies() {
    return init == null ? Collections.emptySet() : init.resources();
  }

  /**
   * The implementation's scripts by their path below it ({@code init}, {@code release},
   * {@code initResolutions.NAME}, {@code releaseResolutions.NAME}), in that order.
   */
  public Map<String, ShellScript> scripts() {
    return scripts(init, release, initResolutions.entrySet(), releaseResolutions.entrySet());
  }

  private static Map<String, ShellScript> scripts(ShellScript init, ShellScript release,
      Collection<Map.Entry<String, ShellScript>> initResolutions,
      Collection<Map.Entry<String, ShellScript>> releaseResolutions) {
    Map<String, ShellScript> scripts = new LinkedHashMap<>();
    if (init != null) {
      scripts.put("init", init);
    }
    if (release != null) {
      scripts.put("release", release);
    }
    for (Map.Entry<String, ShellScript> entry : initResolutions) {
      if (entry.getKey() != null && entry.getValue() != null) {
        scripts.putIfAbsent(Rules.key("initResolutions", entry.getKey()), entry.getValue());
      }
    }
    for (Map.Entry<String, ShellScript> entry : releaseResolutions) {
      if (entry.getKey() != null && entry.getValue() != null) {
        scripts.putIfAbsent(Rules.key("releaseResolutions", entry.getKey()), entry.getValue());
      }
    }
    return Collections.unmodifiableMap(scripts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Implementation i && Objects.equals(init, i.init) && seed.equals(i.seed)
        && targets.equals(i.targets) && transientResource == i.transientResource
        && publishStreams == i.publishStreams
        && Objects.equals(release, i.release) && initResolutions.equals(i.initResolutions)
        && releaseResolutions.equals(i.releaseResolutions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(init, seed, targets, transientResource, publishStreams, release,
        initResolutions, releaseResolutions);
  }

  @Override
  public String toString() {
    return "Implementation{targets=" + targets + ", transient=" + transientResource
        + ", publishStreams=" + publishStreams
        + ", dependencies=" + new TreeSet<>(dependencies()) + "}";
  }

  /** A mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private ShellScript init;
    private Value seed = Value.NULL;
    private final List<String> targets = new ArrayList<>();
    private boolean transientResource;
    private boolean publishStreams;
    private ShellScript release;
    private final List<Map.Entry<String, ShellScript>> initResolutions = new ArrayList<>();
    private final List<Map.Entry<String, ShellScript>> releaseResolutions = new ArrayList<>();

    private Builder() {}

    /** The init given so far (null for none), for the flake's checks of names. */
    ShellScript initScript() {
      return init;
    }

    /** The scripts given so far, by their path below the implementation (see #scripts()). */
    Map<String, ShellScript> scripts() {
      return Implementation.scripts(init, release, initResolutions, releaseResolutions);
    }

    /** The init script; null for none. */
    public Builder init(ShellScript init) {
      this.init = init;
      return this;
    }

    /** The seed (default {@link Value#NULL}). */
    public Builder seed(Value seed) {
      this.seed = seed;
      return this;
    }

    /** The targets, replacing those given before. */
    public Builder targets(String... targets) {
      this.targets.clear();
      return addTargets(targets);
    }

    /** Adds targets, after those given before. */
    public Builder addTargets(String... targets) {
      this.targets.addAll(Arrays.asList(targets));
      return this;
    }

    /** Whether caching is off (default false). */
    public Builder transientResource(boolean transientResource) {
      this.transientResource = transientResource;
      return this;
    }

    /**
     * Whether the resource's events carry init's standard input and output in full (default
     * false: their sizes and SHA-256 digests only, so that what init reads and writes, often a
     * secret, never goes over the bus). The resource's log keeps both either way, private to its
     * owner. A resource that publishes them hashes differently from one that does not.
     */
    public Builder publishStreams(boolean publishStreams) {
      this.publishStreams = publishStreams;
      return this;
    }

    /** The release command; null for none. */
    public Builder release(ShellScript release) {
      this.release = release;
      return this;
    }

    /** Adds a resolution for a failed init; {@code name} is its file name. */
    public Builder addInitResolution(String name, ShellScript script) {
      initResolutions.add(new java.util.AbstractMap.SimpleImmutableEntry<>(name, script));
      return this;
    }

    /** Adds a resolution for a failed release; {@code name} is its file name. */
    public Builder addReleaseResolution(String name, ShellScript script) {
      releaseResolutions.add(new java.util.AbstractMap.SimpleImmutableEntry<>(name, script));
      return this;
    }

    /**
     * The implementation.
     *
     * @throws ModelException naming every field that breaks a rule, under
     *     {@code implementation}
     */
    public Implementation build() {
      return new Implementation(this, "implementation");
    }

    Implementation build(String path) {
      return new Implementation(this, path);
    }
  }
}
