package dev.flakegen.model.shell;

import java.util.List;

/**
 * One shell word: parts written next to each other, so {@code "$KEYRING"'/key'} is one word.
 * Made with {@link Shell#word}.
 */
public record Word(List<WordPart> parts) implements Assigned, Piece {
  public Word {
    parts = List.copyOf(parts);
  }
}
