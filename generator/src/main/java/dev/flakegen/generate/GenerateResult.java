package dev.flakegen.generate;

import dev.flakegen.model.ModelException;
import dev.flakegen.model.ModelLoadException;
import dev.flakegen.output.Drift;
import dev.flakegen.output.FileSet;
import dev.flakegen.output.ForeignFileException;
import dev.flakegen.output.GeneratedFolder;
import dev.flakegen.output.WriteReport;
import dev.flakegen.render.RenderException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Generation} came to: the folder was written ({@link Written}), is up to date
 * ({@link UpToDate}) or differs ({@link Differs}) — or a {@link Failure}, after which the folder
 * is as it was. Failures carry the exception and say what happened in words that callers put
 * after their own prefix ({@code generate: error: }, {@code flakegen: }).
 */
public sealed interface GenerateResult {

  /** {@link GenerateRequest.Mode#GENERATE}: the folder holds the files; what happened to each. */
  record Written(FileSet files, WriteReport report) implements GenerateResult {
    public Written {
      Objects.requireNonNull(files, "files");
      Objects.requireNonNull(report, "report");
    }
  }

  /** {@link GenerateRequest.Mode#CHECK}: the folder is what flakegen generates. */
  record UpToDate(FileSet files) implements GenerateResult {
    public UpToDate {
      Objects.requireNonNull(files, "files");
    }
  }

  /** {@link GenerateRequest.Mode#CHECK}: how the folder differs (not empty). */
  record Differs(FileSet files, List<Drift> drifts) implements GenerateResult {
    public Differs {
      Objects.requireNonNull(files, "files");
      drifts = List.copyOf(drifts);
    }

    /**
     * The drifts in words, ending with {@code fixCommand} (see {@link GeneratedFolder#report}).
     *
     * @param folder how to name the folder
     */
    public String report(String folder, String fixCommand) {
      return GeneratedFolder.report(drifts, folder, fixCommand);
    }
  }

  /** Nothing was written, or the folder was restored: why. */
  sealed interface Failure extends GenerateResult, Generation.Rendering {

    /** The exception behind the failure. */
    Exception error();

    /**
     * What happened, for a user.
     *
     * @param folder how to name the output folder (e.g. as the user gave it)
     */
    String message(String folder);
  }

  /**
   * The model class could not be found or made, or the model's own code failed (not with a
   * {@link ModelException}).
   *
   * @param model how messages name the model, e.g. {@code the model com.example.MyFlake}
   */
  record ModelNotLoaded(ModelLoadException error, String model) implements Failure {
    public ModelNotLoaded {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(model, "model");
    }

    /** Whether the class was not found (callers add where they looked). */
    public boolean classNotFound() {
      return error.getCause() instanceof ClassNotFoundException;
    }

    @Override
    public String message(String folder) {
      return error.getMessage();
    }
  }

  /**
   * The model breaks rules: {@link ModelException#problems()} names each with its field path.
   *
   * @param model how messages name the model
   */
  record InvalidModel(ModelException error, String model) implements Failure {
    public InvalidModel {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(model, "model");
    }

    @Override
    public String message(String folder) {
      return model + " is invalid: " + error.getMessage();
    }
  }

  /**
   * A rendered file failed its own checks though the model was valid: a bug in flakegen.
   *
   * @param model how messages name the model
   */
  record RenderBug(RenderException error, String model) implements Failure {
    public RenderBug {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(model, "model");
    }

    @Override
    public String message(String folder) {
      return "a generated file of " + model + " failed its checks (a bug in flakegen; nothing"
          + " was written): " + error.getMessage();
    }
  }

  /** Writing would replace files flakegen did not generate; nothing was written. */
  record ForeignFiles(ForeignFileException error) implements Failure {
    public ForeignFiles {
      Objects.requireNonNull(error, "error");
    }

    @Override
    public String message(String folder) {
      return error.getMessage();
    }
  }

  /**
   * Reading ({@link GenerateRequest.Mode#CHECK}) or writing the folder failed; a failed write
   * left the folder as it was unless restoring failed too (the exception's suppressed ones).
   *
   * @param mode what was being done
   */
  record IoFailure(IOException error, GenerateRequest.Mode mode) implements Failure {
    public IoFailure {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String message(String folder) {
      if (mode == GenerateRequest.Mode.CHECK) {
        return "cannot read " + folder + ": " + error;
      }
      return "cannot write " + folder + ": " + error
          + (error.getSuppressed().length == 0 ? "; the folder was left as it was"
              : "; restoring it failed too: " + List.of(error.getSuppressed()));
    }
  }
}
