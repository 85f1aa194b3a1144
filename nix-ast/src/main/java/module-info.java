/**
 * The Nix language in Java: the AST ({@code ast}), the parser facade ({@code parse}), Nix's core
 * view and canonical text ({@code core}), the undefined-variable check ({@code check}), the
 * readable and canonical printers ({@code print}) and the builder DSL ({@code build}).
 *
 * <p>Not exported: the generated ANTLR lexer and parser with their bases ({@code parse.grammar})
 * and the printer's layout engine ({@code print.layout}). ANTLR's runtime has no module
 * descriptor, only an automatic module name, hence the suppression.
 */
@SuppressWarnings({"requires-automatic", "module"})
module dev.flakegen.nix {
  requires org.antlr.antlr4.runtime;

  exports dev.flakegen.nix.ast;
  exports dev.flakegen.nix.build;
  exports dev.flakegen.nix.check;
  exports dev.flakegen.nix.core;
  exports dev.flakegen.nix.parse;
  exports dev.flakegen.nix.print;
}
