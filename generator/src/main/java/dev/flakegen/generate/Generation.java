package dev.flakegen.generate;

import dev.flakegen.model.Flake;
import dev.flakegen.model.ModelException;
import dev.flakegen.model.ModelLoadException;
import dev.flakegen.output.Drift;
import dev.flakegen.output.FileSet;
import dev.flakegen.output.ForeignFileException;
import dev.flakegen.output.GeneratedFolder;
import dev.flakegen.output.WriteReport;
import dev.flakegen.render.FlakeRenderer;
import dev.flakegen.render.RenderException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The one generate/check step behind {@code flakegen generate [--check]} and the Maven goals
 * {@code flakegen:generate} and {@code flakegen:check}: load the model, build its flake, render
 * it with the header, then write the folder ({@link GeneratedFolder#sync}) or compare it
 * ({@link GeneratedFolder#compare}). It throws nothing for a failure a user can cause: every one
 * comes back as a typed {@link GenerateResult.Failure}, with the folder as it was.
 *
 * <pre>{@code
 * GenerateResult result = Generation.run(GenerateRequest.builder()
 *     .model(new MyFlake()).directory(Path.of("nix")).regenerateCommand("./regenerate")
 *     .build());
 * if (result instanceof GenerateResult.Failure failure) {
 *   System.err.println("error: " + failure.message("nix"));
 * }
 * }</pre>
 *
 * <p>{@link #render} and {@link #apply} are its two halves, for a caller that renders several
 * models before it writes any (as the Maven goals do).
 */
public final class Generation {

  private Generation() {}

  /** {@link #render} then {@link #apply}: the request's result. */
  public static GenerateResult run(GenerateRequest request) {
    Rendering rendering = render(request);
    return rendering instanceof Rendered rendered ? apply(rendered)
        : (GenerateResult.Failure) rendering;
  }

  /** The first half of a generation: the model rendered in memory, or why it was not. */
  public sealed interface Rendering permits Rendered, GenerateResult.Failure {}

  /** A model rendered in memory, checked, ready to {@link #apply}. */
  public record Rendered(GenerateRequest request, FileSet files) implements Rendering {
    public Rendered {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(files, "files");
    }
  }

  /**
   * Loads the model, builds its flake and renders it with the request's header; writes nothing.
   * A model's code that fails with an exception other than a {@link ModelException} gives
   * {@link GenerateResult.ModelNotLoaded}.
   */
  public static Rendering render(GenerateRequest request) {
    String model = request.modelName();
    try {
      Flake flake = request.model().flake();
      return new Rendered(request, FlakeRenderer.render(flake, request.header()));
    } catch (ModelLoadException e) {
      return new GenerateResult.ModelNotLoaded(e, model);
    } catch (ModelException e) {
      return new GenerateResult.InvalidModel(e, model);
    } catch (RenderException e) {
      return new GenerateResult.RenderBug(e, model);
    } catch (RuntimeException e) {
      return new GenerateResult.ModelNotLoaded(
          new ModelLoadException(model + " failed: " + e, e), model);
    }
  }

  /** Writes or compares the folder, as the request's mode says. */
  public static GenerateResult apply(Rendered rendered) {
    GenerateRequest request = rendered.request();
    FileSet files = rendered.files();
    try {
      if (request.mode() == GenerateRequest.Mode.CHECK) {
        List<Drift> drifts = GeneratedFolder.compare(files, request.directory());
        return drifts.isEmpty() ? new GenerateResult.UpToDate(files)
            : new GenerateResult.Differs(files, drifts);
      }
      WriteReport report = GeneratedFolder.sync(files, request.directory());
      return new GenerateResult.Written(files, report);
    } catch (ForeignFileException e) {
      return new GenerateResult.ForeignFiles(e);
    } catch (IOException e) {
      return new GenerateResult.IoFailure(e, request.mode());
    }
  }
}
