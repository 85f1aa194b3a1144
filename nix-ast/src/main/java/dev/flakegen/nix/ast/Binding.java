package dev.flakegen.nix.ast;

/** One binding of a set or {@code let}: {@code path = value;} or an {@code inherit}. */
public sealed interface Binding permits AttributeDefinition, Inherit {

  /** Where the binding starts. */
  SourcePos pos();
}
