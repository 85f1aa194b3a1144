package dev.flakegen.maven;

import dev.flakegen.generate.GenerateRequest;
import dev.flakegen.generate.GenerateResult;
import dev.flakegen.output.WriteReport;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code flakegen:generate}: compiles the project, renders its flake model and writes the files
 * into the output folder, for checking in. Only files whose bytes changed are written (each
 * atomically), files it generated before and no longer produces are deleted, and a file it did not
 * generate is never replaced. Like {@code spotless:apply} it is run when asked, not bound to a
 * phase; {@code flakegen:check} keeps the files honest in the build.
 */
@Mojo(name = "generate", requiresDependencyResolution = ResolutionScope.COMPILE,
    threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class GenerateMojo extends AbstractFlakegenMojo {

  /**
   * After generating, run {@code nix flake check} on each output folder when {@code nix} is on
   * the PATH (or at {@code flakegen.nix}), and fail with Nix's message when it fails.
   */
  @Parameter(property = "flakegen.build", defaultValue = "false")
  boolean build;

  /** The {@code nix} program for {@code build}. */
  @Parameter(property = "flakegen.nix", defaultValue = "nix")
  String nix;

  /** Extra {@code NIX_CONFIG} lines for {@code build}, after flakes are enabled. */
  @Parameter(property = "flakegen.nixConfig")
  String nixConfig;

  /** Flake inputs to override for {@code build}, e.g. {@code <nixpkgs>path:/src/nixpkgs</nixpkgs>}. */
  @Parameter
  Map<String, String> overrideInputs;

  /**
   * More inputs to override for {@code build}, {@code INPUT=FLAKE,…} (e.g.
   * {@code -Dflakegen.overrideInputs=nixpkgs=path:/src/nixpkgs}); an input named here replaces
   * the same input of {@code overrideInputs}.
   */
  @Parameter(property = "flakegen.overrideInputs")
  String overrideInputList;

  /** How long {@code build} may take, in seconds, before Nix is stopped. */
  @Parameter(property = "flakegen.buildTimeout", defaultValue = "1800")
  int buildTimeout;

  @Override
  GenerateRequest.Mode mode() {
    return GenerateRequest.Mode.GENERATE;
  }

  @Override
  void report(Target target, GenerateResult result)
      throws MojoExecutionException, MojoFailureException {
    String folder = describe(target.directory());
    WriteReport report = ((GenerateResult.Written) result).report();
    Map<WriteReport.Status, Integer> counts = new EnumMap<>(WriteReport.Status.class);
    for (WriteReport.Entry entry : report.entries()) {
      counts.merge(entry.status(), 1, Integer::sum);
      String line = "flakegen: " + entry.status().name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', ' ') + " " + folder + "/" + entry.path();
      if (entry.status() == WriteReport.Status.UNCHANGED) {
        getLog().debug(line);
      } else {
        getLog().info(line);
      }
    }
    Map<String, Integer> summary = new LinkedHashMap<>();
    counts.forEach((status, count) -> summary.put(status.name().toLowerCase(java.util.Locale.ROOT)
        .replace('_', ' '), count));
    getLog().info("flakegen: " + folder + " from " + target.model() + ": " + summary.toString()
        .replace("{", "").replace("}", "").replace("=", " "));
    if (build) {
      new NixFlakeCheck(nix, nixConfig,
          CommandLine.overrideInputs(overrideInputs, overrideInputList), buildTimeout, getLog())
          .run(target.directory(), folder);
    }
  }
}
