package com.example;

import com.example.nix.Greeting;
import dev.flakegen.nix.build.Nix;
import dev.flakegen.nix.print.ReadablePrinter;

/** Calls greet.nix through the bindings flakegen:bindings generated for it. */
public final class UsesBindings {

  private UsesBindings() {}

  /** {@code greet { name = "world"; }} as Nix text. */
  public static String call() {
    return ReadablePrinter.print(Greeting.builder().name("world").build()
        .call(Nix.variable("greet")));
  }
}
