package dev.flakegen.model.shell;

import java.util.List;
import java.util.Objects;

/**
 * A piece of a shell {@link Word}. Each kind renders so that the shell sees exactly one piece of
 * one word: literal text is quoted, references are double-quoted expansions. Made with the
 * factories of {@link Shell}; checked when the script that holds it is built.
 */
public sealed interface WordPart extends Piece {

  /** Text that reaches the program exactly as written (any Unicode but NUL). */
  record Literal(String text) implements WordPart {
    public Literal {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A path in a package of {@code pkgs}: {@code "${pkgs.coreutils}/bin/mkdir"}. The sub-path is
   * empty or {@code /}-separated names of {@code [A-Za-z0-9._+-]}, starting with {@code /}.
   */
  record PackagePath(List<String> attributePath, String subPath) implements WordPart {
    public PackagePath {
      attributePath = List.copyOf(attributePath);
      Objects.requireNonNull(subPath, "subPath");
    }
  }

  /** One of the programs init receives: {@code "${root}"}, {@code "${sequential}"}, {@code "${wrap}"}. */
  record Program(ProgramName name) implements WordPart {
    public Program {
      Objects.requireNonNull(name, "name");
    }
  }

  /** The programs init receives (generator/README.md, "`lib.nix`"), by their formal's name. */
  enum ProgramName {
    ROOT("root"),
    SEQUENTIAL("sequential"),
    WRAP("wrap");

    private final String formal;

    ProgramName(String formal) {
      this.formal = formal;
    }

    /** The name of init's formal that holds the program's path. */
    public String formal() {
      return formal;
    }
  }

  /**
   * The value of a shell variable, {@code "$NAME"}. A variable the script does not assign first is
   * an environment variable and must be upper case (shellcheck would reject the script
   * otherwise).
   */
  record Variable(String name) implements WordPart {
    public Variable {
      Objects.requireNonNull(name, "name");
    }
  }

  /** All the script's arguments, each its own word: {@code "$@"}. */
  record Arguments() implements WordPart {}

  /** The script's argument {@code index} (from 1): {@code "$1"}, {@code "${10}"}. */
  record Argument(int index) implements WordPart {}

  /** A path below one of the folders of init's environment: {@code /mount/…} or {@code /scratch/…}. */
  record FolderPath(Folder folder, String subPath) implements WordPart {
    public FolderPath {
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(subPath, "subPath");
    }
  }

  /** The folders of init's environment. */
  enum Folder {
    /** The resource directory, bound at {@code /mount}. */
    MOUNT("/mount"),
    /** A fresh tmpfs at {@code /scratch}. */
    SCRATCH("/scratch");

    private final String path;

    Folder(String path) {
      this.path = path;
    }

    public String path() {
      return path;
    }
  }
}
