package dev.flakegen.maven;

import dev.flakegen.generate.GenerateRequest;
import dev.flakegen.generate.GenerateResult;
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
  GenerateRequest.Mode mode() {
    return GenerateRequest.Mode.CHECK;
  }

  @Override
  void report(Target target, GenerateResult result) throws MojoFailureException {
    String folder = describe(target.directory());
    if (result instanceof GenerateResult.Differs differs) {
      String report = differs.report(folder, regenerateCommand);
      for (String line : report.split("\n")) {
        getLog().error(line);
      }
      throw new MojoFailureException("flakegen: " + report);
    }
    getLog().info("flakegen: " + folder + " is up to date with " + target.model());
  }
}
