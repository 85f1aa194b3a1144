package dev.flakegen.render;

import static dev.flakegen.nix.build.Nix.apply;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.lambda;
import static dev.flakegen.nix.build.Nix.select;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.variable;

import dev.flakegen.model.shell.Assigned;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.build.AttrSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Resource fragments in Nix: {@code resources.NAME { failure = …; setup = setup: "…"; }}. */
final class ResourceCalls {

  private ResourceCalls() {}

  /**
   * {@code resources.NAME CALL} ({@code resources."INPUT/NAME" CALL} for an input's resource),
   * whose value is the fragment's shell text.
   */
  static Expr fragment(Assigned.ResourceFragment fragment) {
    return apply(select(variable("resources"), fragment.key()), call(fragment.call()));
  }

  /**
   * The call's argument set: {@code failure} when set (an integer, or the failure script's text,
   * which the library runs as a group after {@code ||}), {@code setup} when it wraps setup
   * ({@code setup: "printf '%s' 'in' | NAME='v' ${setup} 'a' < '/in'"}: the input source, the
   * variables, the arguments and the file, each quoted as shell data).
   */
  static Expr call(ResourceCall call) {
    AttrSetBuilder set = set();
    if (call.failureCode().isPresent()) {
      set = set.attr("failure", integer(call.failureCode().getAsLong()));
    } else if (call.failureScript().isPresent()) {
      set = set.attr("failure", string(ShellWriter.script(call.failureScript().get()).toArray()));
    }
    if (call.wrapsSetup()) {
      List<Object> parts = new ArrayList<>();
      call.standardInputText().ifPresent(text -> parts.add("printf '%s' "
          + ShellWriter.quote(text) + " | "));
      call.standardInputCommand().ifPresent(pipeline -> {
        parts.addAll(ShellWriter.pipelinePieces(pipeline));
        parts.add(" | ");
      });
      StringBuilder environment = new StringBuilder();
      for (Map.Entry<String, String> variable : call.environment()) {
        environment.append(variable.getKey()).append('=')
            .append(ShellWriter.quote(variable.getValue())).append(' ');
      }
      if (environment.length() > 0) {
        parts.add(environment.toString());
      }
      parts.add(variable("setup"));
      StringBuilder tail = new StringBuilder();
      for (String argument : call.arguments()) {
        tail.append(' ').append(ShellWriter.quote(argument));
      }
      call.standardInput().ifPresent(file -> tail.append(" < ").append(ShellWriter.quote(file)));
      parts.add(tail.toString());
      set = set.attr("setup", lambda("setup", string(parts.toArray())));
    }
    return set.build();
  }
}
