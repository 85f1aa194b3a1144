package dev.flakegen.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}: the jar's implementation version. */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = FlakegenCli.class.getPackage().getImplementationVersion();
    return new String[] {"flakegen " + (version == null ? "(development build)" : version)};
  }
}
