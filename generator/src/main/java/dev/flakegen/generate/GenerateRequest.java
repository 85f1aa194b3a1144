package dev.flakegen.generate;

import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;
import dev.flakegen.model.FlakeModelLoader;
import dev.flakegen.model.ModelLoadException;
import dev.flakegen.output.GeneratedFolder;
import dev.flakegen.output.GeneratedHeader;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link Generation} does: which model, which folder, the command the files' header
 * names to regenerate them, and whether to write the folder or only compare it.
 *
 * <pre>{@code
 * GenerateRequest request = GenerateRequest.builder()
 *     .modelClass("com.example.MyFlake", classLoader)
 *     .directory(Path.of("nix"))
 *     .regenerateCommand("mvn flakegen:generate")
 *     .build();
 * }</pre>
 *
 * @param model where the model comes from
 * @param directory the folder of the generated files
 * @param regenerateCommand the command the header names, one line; empty for none
 * @param mode write the folder, or compare it
 */
public record GenerateRequest(ModelSource model, Path directory,
    Optional<String> regenerateCommand, Mode mode) {

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the regenerate command is blank or not one line
   */
  public GenerateRequest {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(regenerateCommand, "regenerateCommand");
    Objects.requireNonNull(mode, "mode");
    regenerateCommand.ifPresent(command -> GeneratedHeader.of(null, command));
  }

  /** Write the folder, or compare it. */
  public enum Mode {
    /** Make the folder hold the rendered files ({@link GeneratedFolder#sync}). */
    GENERATE,
    /** Write nothing; list how the folder differs ({@link GeneratedFolder#compare}). */
    CHECK
  }

  /** Where the model comes from; its name goes into the files' header. */
  public sealed interface ModelSource {

    /** The model's name as the header and messages give it: a class name, or empty. */
    Optional<String> name();

    /**
     * The model's flake: loads and makes the class, calls the model.
     *
     * @throws ModelLoadException when the class cannot be found or made
     * @throws dev.flakegen.model.ModelException when the model is invalid
     */
    Flake flake() throws ModelLoadException;

    /** A built flake, named {@code name} (empty: "a Java model"). */
    record OfFlake(Flake flake, Optional<String> name) implements ModelSource {
      public OfFlake {
        Objects.requireNonNull(flake, "flake");
        Objects.requireNonNull(name, "name");
      }
    }

    /** A model object, named by its class; its {@link FlakeModel#flake()} is called. */
    record OfModel(FlakeModel model) implements ModelSource {
      public OfModel {
        Objects.requireNonNull(model, "model");
      }

      @Override
      public Optional<String> name() {
        return Optional.of(model.getClass().getName());
      }

      @Override
      public Flake flake() {
        return model.flake();
      }
    }

    /** A model class, loaded through {@code loader} with {@link FlakeModelLoader}. */
    record OfClass(String className, ClassLoader loader) implements ModelSource {
      public OfClass {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(loader, "loader");
      }

      @Override
      public Optional<String> name() {
        return Optional.of(className);
      }

      @Override
      public Flake flake() throws ModelLoadException {
        return FlakeModelLoader.load(className, loader).flake();
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The header of the generated files. */
  public GeneratedHeader header() {
    return new GeneratedHeader(model.name(), regenerateCommand);
  }

  /** How messages name the model: its class name, or "the model". */
  String modelName() {
    return model.name().map(name -> "the model " + name).orElse("the model");
  }

  /** A mutable builder; the model and the directory are required. */
  public static final class Builder {
    private ModelSource model;
    private Path directory;
    private String regenerateCommand;
    private Mode mode = Mode.GENERATE;

    private Builder() {}

    /** The model: a built flake, with no name in the header. */
    public Builder model(Flake flake) {
      this.model = new ModelSource.OfFlake(flake, Optional.empty());
      return this;
    }

    /** The model: a built flake, named {@code name} (e.g. its class name) in the header. */
    public Builder model(Flake flake, String name) {
      this.model = new ModelSource.OfFlake(flake, Optional.of(name));
      return this;
    }

    /** The model: a model object; its class name goes into the header. */
    public Builder model(FlakeModel model) {
      this.model = new ModelSource.OfModel(model);
      return this;
    }

    /** The model: the class {@code className}, loaded through {@code loader}. */
    public Builder modelClass(String className, ClassLoader loader) {
      this.model = new ModelSource.OfClass(className, loader);
      return this;
    }

    /** The folder of the generated files. */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    /** The command the header names to regenerate the files; null for none. */
    public Builder regenerateCommand(String command) {
      this.regenerateCommand = command;
      return this;
    }

    /** Write the folder (the default) or compare it. */
    public Builder mode(Mode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * The request.
     *
     * @throws NullPointerException if the model or the directory is not set
     * @throws IllegalArgumentException if the regenerate command is blank or not one line
     */
    public GenerateRequest build() {
      return new GenerateRequest(model, directory, Optional.ofNullable(regenerateCommand), mode);
    }
  }
}
