package dev.flakegen.maven;

import java.io.File;

/**
 * One flake of a {@code <flakes>} configuration: the model class and the folder its files go
 * into.
 *
 * <pre>{@code
 * <flakes>
 *   <flake><model>com.example.ToolsFlake</model><outputDirectory>nix/tools</outputDirectory></flake>
 * </flakes>
 * }</pre>
 */
public class FlakeTarget {

  /** The model: a class implementing {@code dev.flakegen.model.FlakeModel}. */
  private String model;

  /** The folder to generate into. */
  private File outputDirectory;

  /** For Maven's configurator. */
  public FlakeTarget() {}

  FlakeTarget(String model, File outputDirectory) {
    this.model = model;
    this.outputDirectory = outputDirectory;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public File getOutputDirectory() {
    return outputDirectory;
  }

  public void setOutputDirectory(File outputDirectory) {
    this.outputDirectory = outputDirectory;
  }
}
