package dev.flakegen.maven;

import dev.flakegen.generate.GenerateRequest;
import dev.flakegen.generate.GenerateResult;
import dev.flakegen.generate.Generation;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals share: which models to render into which folders, loading a model class from
 * the project's compile class path, and rendering it with the header the files carry. Each
 * execution has its own state, so the goals are thread-safe.
 */
abstract class AbstractFlakegenMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  /**
   * The model: a public class with a public no-argument constructor implementing
   * {@code dev.flakegen.model.FlakeModel}, on the project's compile class path (usually in
   * {@code src/main/java}). Use {@code flakes} instead to generate several flakes.
   * {@code -Dflakegen.model=CLASS} on the command line wins over {@code <model>} in the POM.
   */
  @Parameter(property = "flakegen.model")
  String model;

  /** The folder the model's files are generated into. */
  @Parameter(property = "flakegen.outputDirectory", defaultValue = "${project.basedir}/nix")
  File outputDirectory;

  /** Several flakes, each a {@code <flake>} with a {@code model} and an {@code outputDirectory}. */
  @Parameter
  List<FlakeTarget> flakes;

  /** The command the generated files' header names to regenerate them; also the fix {@code check} prints. */
  @Parameter(property = "flakegen.regenerateCommand", defaultValue = "mvn flakegen:generate")
  String regenerateCommand;

  /** Skip the goal. */
  @Parameter(property = "flakegen.skip", defaultValue = "false")
  boolean skip;

  /** One model to render into one folder. */
  record Target(String model, Path directory) {}

  /**
   * Renders every target with the library's one step ({@link Generation#render}) before writing
   * or comparing any ({@link Generation#apply}), so that one invalid model leaves every folder as
   * it was; the goals only fill the requests and word the results.
   */
  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("flakegen: skipped (flakegen.skip)");
      return;
    }
    List<Target> targets = targets();
    List<Generation.Rendered> rendered = new ArrayList<>();
    try (URLClassLoader loader = projectClassLoader()) {
      for (Target target : targets) {
        GenerateRequest request;
        try {
          request = GenerateRequest.builder().modelClass(target.model(), loader)
              .directory(target.directory()).regenerateCommand(regenerateCommand).mode(mode())
              .build();
        } catch (IllegalArgumentException e) {
          throw new MojoFailureException("flakegen: " + e.getMessage(), e);
        }
        Generation.Rendering rendering = Generation.render(request);
        if (rendering instanceof Generation.Rendered each) {
          rendered.add(each);
        } else {
          fail(target, (GenerateResult.Failure) rendering);
        }
      }
    } catch (IOException e) {
      throw new MojoExecutionException("flakegen: cannot close the model class loader: " + e, e);
    }
    for (int i = 0; i < targets.size(); i++) {
      GenerateResult result = Generation.apply(rendered.get(i));
      if (result instanceof GenerateResult.Failure failure) {
        fail(targets.get(i), failure);
      }
      report(targets.get(i), result);
    }
  }

  /** Whether the goal writes the folders or compares them. */
  abstract GenerateRequest.Mode mode();

  /**
   * What the goal does with a target's result that is not a failure: {@code Written} for
   * {@code generate}, {@code UpToDate} or {@code Differs} for {@code check}.
   */
  abstract void report(Target target, GenerateResult result)
      throws MojoExecutionException, MojoFailureException;

  /**
   * A failure in Maven's terms: the user's to fix ({@link MojoFailureException}) or flakegen's
   * and the machine's ({@link MojoExecutionException}).
   */
  private void fail(Target target, GenerateResult.Failure failure)
      throws MojoExecutionException, MojoFailureException {
    String folder = describe(target.directory());
    if (failure instanceof GenerateResult.ModelNotLoaded notLoaded) {
      throw new MojoFailureException("flakegen: " + notLoaded.message(folder)
          + (notLoaded.classNotFound()
              ? " on the compile class path of " + project.getId() + " (is it under"
                  + " src/main/java, and compiled? `mvn flakegen:generate` compiles first)"
              : ""), notLoaded.error());
    } else if (failure instanceof GenerateResult.InvalidModel invalid) {
      throw new MojoFailureException("flakegen: " + invalid.message(folder), invalid.error());
    } else if (failure instanceof GenerateResult.ForeignFiles foreign) {
      throw new MojoFailureException("flakegen: " + folder + ": " + foreign.message(folder),
          foreign.error());
    }
    // a bug in flakegen, or an I/O failure
    throw new MojoExecutionException("flakegen: " + failure.message(folder), failure.error());
  }

  /** {@code directory} for messages: relative to the project's folder (e.g. {@code nix}, {@code ../examples}). */
  String describe(Path directory) {
    Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
    Path dir = directory.toAbsolutePath().normalize();
    String relative = base.relativize(dir).toString();
    return relative.isEmpty() ? "." : relative;
  }

  private List<Target> targets() throws MojoFailureException {
    List<Target> targets = new ArrayList<>();
    String model = session == null ? this.model
        : CommandLine.model(this.model, session.getUserProperties());
    if (flakes != null && !flakes.isEmpty()) {
      if (model != null) {
        throw new MojoFailureException("flakegen: configure either <model> (flakegen.model) or"
            + " <flakes>, not both");
      }
      for (int i = 0; i < flakes.size(); i++) {
        FlakeTarget flake = flakes.get(i);
        if (flake.getModel() == null || flake.getModel().isBlank()) {
          throw new MojoFailureException("flakegen: flakes[" + i + "].model is not set");
        }
        if (flake.getOutputDirectory() == null) {
          throw new MojoFailureException("flakegen: flakes[" + i + "].outputDirectory is not"
              + " set (" + flake.getModel() + ")");
        }
        targets.add(new Target(flake.getModel().strip(), resolve(flake.getOutputDirectory())));
      }
    } else if (model != null && !model.isBlank()) {
      targets.add(new Target(model.strip(), resolve(outputDirectory)));
    } else {
      throw new MojoFailureException("flakegen: no model is configured: set <model> (or"
          + " -Dflakegen.model=CLASS) to a class implementing dev.flakegen.model.FlakeModel, or"
          + " list several under <flakes>");
    }
    Set<Path> folders = new HashSet<>();
    for (Target target : targets) {
      if (!folders.add(target.directory())) {
        throw new MojoFailureException("flakegen: two flakes are generated into "
            + describe(target.directory()));
      }
    }
    return targets;
  }

  private Path resolve(File directory) {
    Path path = directory.toPath();
    if (!path.isAbsolute()) {
      path = project.getBasedir().toPath().resolve(path);
    }
    return path.toAbsolutePath().normalize();
  }

  private URLClassLoader projectClassLoader() throws MojoExecutionException {
    List<URL> urls = new ArrayList<>();
    try {
      for (String element : project.getCompileClasspathElements()) {
        urls.add(new File(element).toURI().toURL());
      }
    } catch (DependencyResolutionRequiredException | MalformedURLException e) {
      throw new MojoExecutionException("flakegen: cannot read the compile class path of "
          + project.getId() + ": " + e.getMessage(), e);
    }
    return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
  }
}
