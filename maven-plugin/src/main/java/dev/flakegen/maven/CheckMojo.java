package dev.flakegen.maven;

import dev.flakegen.output.Drift;
import dev.flakegen.output.FileSet;
import dev.flakegen.output.GeneratedFolder;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code flakegen:check}: renders the flake model in memory and fails the build if the files in
 * the output folder are not exactly what {@code flakegen:generate} would write, naming every
 * missing, different, orphaned or wrong-mode file with a bounded unified diff and ending with the
 * command that fixes it. Writes nothing. Bound to {@code verify}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class CheckMojo extends AbstractFlakegenMojo {

  @Override
  void apply(Target target, FileSet files) throws MojoExecutionException, MojoFailureException {
    String folder = describe(target.directory());
    List<Drift> drifts;
    try {
      drifts = GeneratedFolder.compare(files, target.directory());
    } catch (IOException e) {
      throw new MojoExecutionException("flakegen: cannot read " + folder + ": " + e, e);
    }
    if (!drifts.isEmpty()) {
      String report = GeneratedFolder.report(drifts, folder, regenerateCommand);
      for (String line : report.split("\n")) {
        getLog().error(line);
      }
      throw new MojoFailureException("flakegen: " + report);
    }
    getLog().info("flakegen: " + folder + " is up to date with " + target.model());
  }
}
