package dev.flakegen.model.shell;

/**
 * What {@link Shell#word} and {@link Shell#command} take besides plain text: a whole {@link Word}
 * or one {@link WordPart}. Sealed, so the compiler rejects anything else; text next to a piece
 * goes through {@link Shell#literal}, e.g. {@code word(variable("KEY"), literal("/key"))}.
 */
public sealed interface Piece permits Word, WordPart {}
