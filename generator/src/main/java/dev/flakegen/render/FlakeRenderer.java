package dev.flakegen.render;

import static dev.flakegen.nix.build.Nix.apply;
import static dev.flakegen.nix.build.Nix.attr;
import static dev.flakegen.nix.build.Nix.attrPath;
import static dev.flakegen.nix.build.Nix.bool;
import static dev.flakegen.nix.build.Nix.dynamicAttr;
import static dev.flakegen.nix.build.Nix.indentedString;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.lambda;
import static dev.flakegen.nix.build.Nix.let;
import static dev.flakegen.nix.build.Nix.path;
import static dev.flakegen.nix.build.Nix.pattern;
import static dev.flakegen.nix.build.Nix.select;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.update;
import static dev.flakegen.nix.build.Nix.variable;

import dev.flakegen.model.Check;
import dev.flakegen.model.Expectation;
import dev.flakegen.model.Expected;
import dev.flakegen.model.shell.Assigned;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeInput;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.LibParameter;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.ResourceName;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.model.Value;
import dev.flakegen.nix.ast.AttrName;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.build.AttrSetBuilder;
import dev.flakegen.nix.print.ReadablePrinter;
import dev.flakegen.output.FileSet;
import dev.flakegen.output.GeneratedHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders a {@link Flake} into the files of a resource flake: {@code flake.nix} (from the model),
 * {@code lib.nix} (the resource library) and {@code scripts.nix} (the runtime programs). Every
 * file is built as a Nix tree with the {@code nix-ast} DSL, printed readably, parsed back and
 * checked before it is returned (see {@code generator/README.md} for the shape). The same model
 * gives the same bytes on every run, machine, locale and JVM.
 *
 * <pre>{@code
 * FileSet files = FlakeRenderer.render(flake);   // in memory
 * }</pre>
 *
 * <p>To write a folder or check it, use {@link dev.flakegen.generate.Generation}, which renders
 * with this class.
 */
public final class FlakeRenderer {

  /** The file names, in the order of the file set. */
  public static final List<String> FILES = List.of("flake.nix", "lib.nix", "module.nix", "scripts.nix");

  /** The formals of a rendered init function (the library passes {@code pid} too). */
  static final List<String> INIT_FORMALS =
      List.of("pkgs", "resources", "root", "sequential", "wrap");

  private FlakeRenderer() {}

  /** The files, with a header that names neither the model nor how to regenerate them. */
  public static FileSet render(Flake flake) {
    return render(flake, GeneratedHeader.ANONYMOUS);
  }

  /**
   * The files, each starting with {@code header} (the bundled ones then keep their own comment).
   *
   * @throws RenderException when a rendered file fails its checks (a bug in flakegen)
   */
  public static FileSet render(Flake flake, GeneratedHeader header) {
    List<String> lines = header.lines();
    byte[] headerBytes = ReadablePrinter.headerComment(lines)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return FileSet.builder()
        .add("flake.nix", CheckedNix.print("flake.nix", flakeNix(flake), lines))
        .add("lib.nix", concat(headerBytes, bundled("lib.nix")))
        .add("module.nix", concat(headerBytes, bundled("module.nix")))
        .add("scripts.nix", CheckedNix.print("scripts.nix", scriptsTree(), lines))
        .build();
  }

  /**
   * What depends on nothing but the runtime's resources, made once on first use (the JVM's
   * class initialisation makes it safe to share): the bundled files and the tree of
   * {@code scripts.nix}.
   */
  private static final class Runtime {
    static final byte[] LIB = BundledNix.render("lib.nix");
    static final byte[] MODULE = BundledNix.render("module.nix");
    static final Expr SCRIPTS = Templates.scriptsNix();
  }

  /** The bytes of a bundled file. */
  private static byte[] bundled(String file) {
    return switch (file) {
      case "lib.nix" -> Runtime.LIB.clone();
      case "module.nix" -> Runtime.MODULE.clone();
      default -> throw new IllegalArgumentException("not a bundled file: " + file);
    };
  }

  /** The tree of {@code scripts.nix}. */
  private static Expr scriptsTree() {
    return Runtime.SCRIPTS;
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /** The tree of {@code flake.nix}. */
  public static Expr flakeNix(Flake flake) {
    Expr forEachSystem = lambda("f", apply(select(variable("builtins"), "listToAttrs"),
        apply(variable("map"), lambda("system", set()
            .attr("name", variable("system"))
            .attr("value", apply(variable("f"), variable("system")))
            .build()), variable("systems"))));
    Expr packages = update(apply(select(variable("builtins"), "mapAttrs"),
            lambda("name", lambda("resource", select(variable("resource"), "setup"))),
            variable("resources")),
        set()
            .inheritFrom(variable("lifecycle"), "procfile", "release-listener", "resolve-listener")
            .attr("services", apply(select(variable("lifecycle"), "services"),
                set().attr("foreman", select(variable("pkgs"), "foreman")).build()))
            .build());
    Expr apps = update(apply(select(variable("builtins"), "mapAttrs"),
            lambda("name", lambda("resource", app(select(variable("resource"), "setup"), "setup",
                string("Sets up the resource ", variable("name"), " and prints its folder")))),
            variable("resources")),
        set()
            .attr("release-listener", app(select(variable("lifecycle"), "release-listener"),
                "resource-release-listener",
                string("Releases each resource once nothing uses it")))
            .attr("resolve-listener", app(select(variable("lifecycle"), "resolve-listener"),
                "resource-resolve-listener",
                string("Quarantines failed inits and releases, with their resolutions")))
            .attr("services", app(select(variable("packages"), "services"), "resource-services",
                string("Runs the lifecycle services (Redis and the listeners) with foreman")))
            .build());
    var let = let()
        .attr("pkgs", select(variable("nixpkgs"), List.of(attr("legacyPackages"),
            dynamicAttr(variable("system")))))
        .attr("parameters", apply(variable("parametersFor"), variable("system"), variable("pkgs")))
        .attr("lifecycle", apply(select(variable("self"), "lib"),
            update(variable("parameters"), set().attr("resources", set().build()).build())))
        .attr("descriptions", descriptions(flake))
        .attr("libraries", libraries(flake))
        .attr("resources", resources(flake))
        .attr("checks", checks(flake));
    SortedMap<String, ResourceName> foreign = foreign(flake);
    if (!foreign.isEmpty()) {
      // the inputs' resources the flake uses, under their keys INPUT/NAME
      AttrSetBuilder set = set();
      for (Map.Entry<String, ResourceName> entry : foreign.entrySet()) {
        set = set.attr(entry.getKey(), select(variable("inputs"), List.<AttrName>of(
            attr(entry.getValue().input()), attr("resources"), dynamicAttr(variable("system")),
            attr(entry.getValue().name()))));
      }
      let = let.attr("foreign", set.build());
    }
    if (!flake.programs().isEmpty()) {
      // the model's programs: packages and apps of their own, after the resources'
      boolean programsUseForeign = flake.programs().values().stream()
          .anyMatch(script -> script.resources().stream().anyMatch(key -> key.contains("/")));
      Expr programs = programs(flake);
      if (programsUseForeign) {
        // their fragments select from resources: there, the flake's and the inputs' together
        let = let.attr("available", update(variable("resources"), variable("foreign")));
        programs = let().attr("resources", variable("available")).in(programs);
      }
      let = let.attr("programs", programs);
      packages = update(packages, variable("programs"));
      apps = update(apps, apply(select(variable("builtins"), "mapAttrs"),
          lambda("name", lambda("program", app(variable("program"), variable("name"),
              string("Runs the program ", variable("name"))))),
          variable("programs")));
    }
    Expr flakeOfSystem = lambda("system", let
        .attr("packages", packages)
        .attr("apps", apps)
        .in(set().inherit("packages", "apps", "checks", "resources").build()));
    Expr ofSystem = apply(variable("flake"), variable("system"));
    Expr outputs = let()
        .attr("systems", Values.strings(flake.systems()))
        .attr("forEachSystem", forEachSystem)
        .attr("parametersFor", lambda("system", lambda("pkgs", parameters(flake.parameters()))))
        .attr("flake", flakeOfSystem)
        .in(set()
            .attr("lib", apply(variable("import"), path("./lib.nix")))
            .attr(attrPath("nixosModules", "default"), apply(apply(variable("import"),
                path("./module.nix")), set()
                    .attr("library", select(variable("self"), "lib"))
                    .attr("parameters", variable("parametersFor"))
                    .attr("settings", settings(flake.services()))
                    .build()))
            .attr("packages", perSystem(select(ofSystem, "packages")))
            .attr("apps", perSystem(select(ofSystem, "apps")))
            .attr("checks", perSystem(select(ofSystem, "checks")))
            .attr("resources", perSystem(select(ofSystem, "resources")))
            .build());
    AttrSetBuilder top = set()
        .attr("description", string(flake.description()))
        .attr(attrPath("inputs", "nixpkgs", "url"), string(flake.nixpkgsUrl()));
    var formals = pattern().formal("self").formal("nixpkgs");
    for (FlakeInput input : flake.inputs().values()) {
      top = top.attr(attrPath("inputs", input.name(), "url"), string(input.url()));
      if (input.followsNixpkgs()) {
        top = top.attr(attrPath("inputs", input.name(), "inputs", "nixpkgs", "follows"),
            string("nixpkgs"));
      }
    }
    if (!flake.inputs().isEmpty()) {
      // the other inputs are reached as inputs.NAME: their names cannot shadow the let's
      formals = formals.ellipsis().aliasFirst("inputs");
    }
    return top.attr("outputs", lambda(formals, outputs)).build();
  }

  /**
   * {@code { type = "app"; program = "${PACKAGE}/bin/NAME"; meta.description = …; }}: today's
   * {@code nix flake check} warns about an app without {@code meta}.
   */
  private static Expr app(Expr packageExpr, String program, Expr description) {
    return set().attr("type", string("app")).attr("program", string(packageExpr, "/bin/" + program))
        .attr(attrPath("meta", "description"), description)
        .build();
  }

  /** {@code { type = "app"; program = "${PACKAGE}/bin/${NAME}"; meta.description = …; }} */
  private static Expr app(Expr packageExpr, Expr program, Expr description) {
    return set().attr("type", string("app"))
        .attr("program", string(packageExpr, "/bin/", program))
        .attr(attrPath("meta", "description"), description)
        .build();
  }

  /**
   * {@code programs = { NAME = pkgs.writeShellApplication { name = "NAME"; text = ''…''; }; };}:
   * the text may set up resources ({@code ${resources.NAME { … }}}, from the let's
   * {@code resources}).
   */
  private static Expr programs(Flake flake) {
    AttrSetBuilder set = set();
    for (Map.Entry<String, ShellScript> entry : flake.programs().entrySet()) {
      set = set.attr(entry.getKey(), apply(select(variable("pkgs"), "writeShellApplication"),
          set().attr("name", string(entry.getKey()))
              .attr("text", script(entry.getValue()))
              .build()));
    }
    return set.build();
  }

  /** The defaults of the NixOS module's service options. */
  static Expr settings(dev.flakegen.model.Services services) {
    return set()
        .attr("group", string(services.group()))
        .attr("interval", integer(services.interval()))
        .attr("redis", bool(services.redis()))
        .attr("redis-address", string(services.redisAddress()))
        .attr("user", string(services.user()))
        .build();
  }

  private static Expr perSystem(Expr body) {
    return apply(variable("forEachSystem"), lambda("system", body));
  }

  /** {@code parameters = { buildFHSUserEnv = …; channel = "…"; … };}, in the lib's order. */
  static Expr parameters(LibParameters parameters) {
    AttrSetBuilder set = set();
    for (LibParameter parameter : LibParameter.values()) {
      Optional<Expr> value = parameters.nixValue(parameter);
      if (value.isPresent()) {
        set = set.attr(parameter.nixName(), value.get());
      }
    }
    return set.build();
  }

  private static Expr descriptions(Flake flake) {
    AttrSetBuilder set = set();
    for (Map.Entry<String, Implementation> entry : flake.resources().entrySet()) {
      set = set.attr(entry.getKey(), description(entry.getValue()));
    }
    return set.build();
  }

  /** An implementation description; attributes at their library default are left out. */
  static Expr description(Implementation implementation) {
    AttrSetBuilder set = set();
    if (implementation.init().isPresent()) {
      set = set.attr("init", init(implementation.init().get()));
    }
    if (!(implementation.seed() instanceof Value.Null)) {
      set = set.attr("seed", implementation.seed().nix());
    }
    set = set.attr("targets", Values.strings(implementation.targets()));
    if (implementation.isTransient()) {
      set = set.attr("transient", bool(true));
    }
    if (implementation.publishesStreams()) {
      set = set.attr("publish-streams", bool(true));
    }
    if (implementation.release().isPresent()) {
      set = set.attr("release", usingResources(implementation.release().get()));
    }
    if (!implementation.initResolutions().isEmpty()) {
      set = set.attr("init-resolutions", scripts(implementation.initResolutions()));
    }
    if (!implementation.releaseResolutions().isEmpty()) {
      set = set.attr("release-resolutions", scripts(implementation.releaseResolutions()));
    }
    return set.build();
  }

  /** {@code { pkgs, resources, root, sequential, wrap, ... }: ''…''}. */
  static Expr init(ShellScript init) {
    var formals = pattern();
    for (String formal : INIT_FORMALS) {
      formals = formals.formal(formal);
    }
    return lambda(formals.ellipsis(), script(init));
  }

  /** The script's text as a Nix string (an indented one where it can be). */
  static Expr script(ShellScript script) {
    return indentedString(ShellWriter.script(script).toArray());
  }

  private static Expr scripts(SortedMap<String, ShellScript> scripts) {
    AttrSetBuilder set = set();
    for (Map.Entry<String, ShellScript> entry : scripts.entrySet()) {
      set = set.attr(entry.getKey(), usingResources(entry.getValue()));
    }
    return set.build();
  }

  /**
   * A release, resolution or fixture: its text, or, when it sets resources up,
   * {@code libraries."KEY".script ({ resources, ... }: ''…'')}: the library of the resources it
   * uses applies it to them, as it applies an init.
   */
  static Expr usingResources(ShellScript script) {
    if (script.resources().isEmpty()) {
      return script(script);
    }
    return apply(library(String.join(" ", script.resources()), "script"),
        lambda(pattern().formal("resources").ellipsis(), script(script)));
  }

  /** The other scripts of a resource (release, resolutions) that set resources up. */
  private static List<ShellScript> otherScripts(Implementation implementation) {
    List<ShellScript> scripts = new ArrayList<>();
    implementation.release().ifPresent(scripts::add);
    scripts.addAll(implementation.initResolutions().values());
    scripts.addAll(implementation.releaseResolutions().values());
    return scripts;
  }

  /**
   * The library key of a resource: the names of the resources its init uses, sorted and joined by
   * spaces ({@code ""} for none).
   */
  static String libraryKey(Implementation implementation) {
    return String.join(" ", implementation.initDependencies());
  }

  /**
   * The inputs' resources that the model's scripts use, by key ({@code INPUT/NAME}), sorted:
   * every script that may set up a resource is looked at, control flow included.
   */
  static SortedMap<String, ResourceName> foreign(Flake flake) {
    SortedMap<String, ResourceName> foreign = new TreeMap<>();
    List<ShellScript> scripts = new ArrayList<>(flake.programs().values());
    for (Implementation implementation : flake.resources().values()) {
      implementation.init().ifPresent(scripts::add);
      implementation.release().ifPresent(scripts::add);
      scripts.addAll(implementation.initResolutions().values());
      scripts.addAll(implementation.releaseResolutions().values());
    }
    flake.checks().values().forEach(check -> check.fixture().ifPresent(scripts::add));
    for (ShellScript script : scripts) {
      for (Assigned.ResourceFragment f : script.resourceUses("").values()) {
        if (f.input() != null) {
          foreign.put(f.key(), new ResourceName(f.input(), f.resource()));
        }
      }
    }
    return foreign;
  }

  /**
   * {@code libraries = { "" = self.lib (parameters // { resources = { }; }); … };}: one library
   * per distinct set of resources that inits use, so that adding an unrelated resource does not
   * change a resource's hash.
   */
  private static Expr libraries(Flake flake) {
    SortedMap<String, Set<String>> keys = new TreeMap<>();
    for (Implementation implementation : flake.resources().values()) {
      keys.put(libraryKey(implementation), implementation.initDependencies());
      for (ShellScript script : otherScripts(implementation)) {
        keys.put(String.join(" ", script.resources()), script.resources());
      }
    }
    for (Check check : flake.checks().values()) {
      check.fixture().ifPresent(fixture -> keys.put(String.join(" ", fixture.resources()),
          fixture.resources()));
    }
    AttrSetBuilder set = set();
    for (Map.Entry<String, Set<String>> entry : keys.entrySet()) {
      AttrSetBuilder resources = set();
      String[] local = entry.getValue().stream().filter(key -> !key.contains("/"))
          .toArray(String[]::new);
      if (local.length > 0) {
        resources = resources.inheritFrom(variable("resources"), local);
      }
      for (String key : entry.getValue()) {
        if (key.contains("/")) {
          resources = resources.attr(key, select(variable("foreign"), key));
        }
      }
      set = set.attr(entry.getKey(), apply(select(variable("self"), "lib"),
          update(variable("parameters"), set().attr("resources", resources.build()).build())));
    }
    return set.build();
  }

  private static Expr library(String key, String function) {
    return select(variable("libraries"), List.<AttrName>of(attr(key), attr(function)));
  }

  private static Expr resources(Flake flake) {
    AttrSetBuilder set = set();
    for (Map.Entry<String, Implementation> entry : flake.resources().entrySet()) {
      // named after the resource: its setup is the store path …-NAME-setup (a store name: '
      // becomes -)
      set = set.attr(entry.getKey(), apply(
          library(libraryKey(entry.getValue()), "implementation"),
          update(select(variable("descriptions"), entry.getKey()),
              set().attr("name", string(entry.getKey().replace('\'', '-'))).build())));
    }
    return set.build();
  }

  private static Expr checks(Flake flake) {
    AttrSetBuilder set = set();
    for (Map.Entry<String, Check> entry : flake.checks().entrySet()) {
      Check check = entry.getValue();
      Implementation implementation = flake.resources().get(check.resource());
      set = set.attr(entry.getKey(), apply(library(libraryKey(implementation), "check"),
          update(select(variable("descriptions"), check.resource()),
              checkArguments(entry.getKey(), check))));
    }
    return set.build();
  }

  /**
   * The check's own arguments: its derivation's name ({@code resource-check-NAME}, a store name:
   * {@code '} becomes {@code -}), diffutils, setup's input, the fixture, the resolution, the
   * expectations.
   */
  static Expr checkArguments(String name, Check check) {
    AttrSetBuilder set = set()
        .attr("name", string("resource-check-" + name.replace('\'', '-')))
        .attr("diffutils", check.diffutils());
    if (!check.arguments().isEmpty()) {
      set = set.attr("arguments", Values.strings(check.arguments()));
    }
    if (check.standardInput().isPresent()) {
      set = set.attr("standard-input", string(check.standardInput().get()));
    }
    if (check.fixture().isPresent()) {
      set = set.attr("fixture", usingResources(check.fixture().get()));
    }
    if (check.resolution().isPresent()) {
      set = set.attr("resolution", string(check.resolution().get()));
    }
    for (Map.Entry<Expected, Expectation> entry : check.expectations().entrySet()) {
      set = set.attr(entry.getKey().argument(), entry.getValue().nix());
    }
    return set.build();
  }
}
