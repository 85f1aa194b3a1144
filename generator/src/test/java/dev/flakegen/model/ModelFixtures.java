package dev.flakegen.model;

import dev.flakegen.model.shell.ShellScript;
import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;

/** Small valid parts to change one thing in. */
public final class ModelFixtures {

  private ModelFixtures() {}

  public static LibParameters.Builder parameters() {
    return LibParameters.builder()
        .originatorPidVariable("ORIGINATOR_PID")
        .resourcesDirectory("/var/lib/resources")
        .storeGarbageCollectionRoot("~/.gc-roots");
  }

  public static ShellScript touch(String target) {
    return ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/touch"), mount(target)))
        .build();
  }

  public static Implementation.Builder implementation(String target) {
    return Implementation.builder().init(touch(target)).targets(target);
  }

  public static Flake.Builder flake() {
    return Flake.builder().description("test").parameters(parameters());
  }
}
