/**
 * The builder DSL: constructing Nix expressions from Java safely. {@link dev.flakegen.nix.build.Nix}
 * has the static factories (strings that escape, names that validate and quote, {@code parse} for
 * Nix text, {@code validate} for whole trees); {@link dev.flakegen.nix.build.AttrSetBuilder},
 * {@link dev.flakegen.nix.build.LetBuilder} and {@link dev.flakegen.nix.build.PatternBuilder} are
 * the immutable builders for sets, {@code let} and set patterns; {@link
 * dev.flakegen.nix.core.Lowering} turns a tree into Nix's core view exactly as the parser would.
 */
package dev.flakegen.nix.build;
