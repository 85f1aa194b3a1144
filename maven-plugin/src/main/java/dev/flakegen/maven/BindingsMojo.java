package dev.flakegen.maven;

import dev.flakegen.bindings.BindingsException;
import dev.flakegen.bindings.BindingsGenerator;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * {@code flakegen:bindings}: generates a typed Java class for calling a Nix function from Java
 * (one property per formal of the function at {@code function} in {@code nixFile}, a builder,
 * and the call as a {@code nix-ast} expression) into a generated-sources folder that is added to
 * the compile sources. Bound to {@code generate-sources}; an unchanged class is not rewritten.
 */
@Mojo(name = "bindings", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class BindingsMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The Nix file that holds the function. */
  @Parameter(property = "flakegen.bindings.nixFile", required = true)
  File nixFile;

  /** The attribute path to the function in the file (e.g. {@code outputs.lib}); empty for the file itself. */
  @Parameter(property = "flakegen.bindings.function", defaultValue = "")
  String function;

  /** The Java package of the generated class. */
  @Parameter(property = "flakegen.bindings.packageName", required = true)
  String packageName;

  /** The class name; by default made from the last attribute name (e.g. {@code LibArguments}). */
  @Parameter(property = "flakegen.bindings.className")
  String className;

  /** Where the generated source goes; added to the project's compile source roots. */
  @Parameter(property = "flakegen.bindings.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/flakegen")
  File outputDirectory;

  /**
   * Skip the goal. Not {@code flakegen.skip}: that one skips the flake goals, while the project's
   * code usually needs its bindings to compile.
   */
  @Parameter(property = "flakegen.bindings.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("flakegen: bindings skipped (flakegen.bindings.skip)");
      return;
    }
    BindingsGenerator.Written written;
    try {
      written = BindingsGenerator.write(nixFile.toPath(), function == null ? "" : function,
          packageName, className, outputDirectory.toPath());
    } catch (BindingsException e) {
      throw new MojoFailureException("flakegen: bindings for " + describe() + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("flakegen: bindings for " + describe() + ": " + e, e);
    }
    project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    getLog().info("flakegen: " + (written.changed() ? "wrote " : "unchanged ") + written.file());
  }

  private String describe() {
    return nixFile + (function == null || function.isEmpty() ? "" : " at " + function);
  }
}
