package dev.flakegen.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoFailureException;

/**
 * What {@code -Dflakegen.…} on the command line changes. Maven injects a property only into a
 * parameter the POM leaves unset; these helpers make the command line win over the POM instead,
 * as a user typing {@code -Dflakegen.model=…} expects.
 */
final class CommandLine {

  /** A flake input's name as Nix accepts it in {@code --override-input} (no {@code /}). */
  private static final Pattern INPUT = Pattern.compile("[A-Za-z_][A-Za-z0-9_'-]*");

  private CommandLine() {}

  /**
   * The model to render: {@code flakegen.model} from the command line ({@code userProperties})
   * when given, else the POM's {@code <model>} (or a {@code <flakegen.model>} project property,
   * which Maven already injected into {@code configured}).
   */
  static String model(String configured, Properties userProperties) {
    String given = userProperties.getProperty("flakegen.model");
    return given != null && !given.isBlank() ? given : configured;
  }

  /**
   * The inputs to override: the POM's {@code <overrideInputs>}, then each {@code input=flake} of
   * {@code flakegen.overrideInputs} (comma-separated) from the command line or the project's
   * properties, which replaces the POM's entry for the same input.
   */
  static Map<String, String> overrideInputs(Map<String, String> configured, String property)
      throws MojoFailureException {
    Map<String, String> inputs = new LinkedHashMap<>();
    if (configured != null) {
      inputs.putAll(configured);
    }
    if (property == null || property.isBlank()) {
      return inputs;
    }
    String[] entries = property.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      int equals = entry.indexOf('=');
      String where = "flakegen.overrideInputs[" + i + "]";
      if (equals < 0) {
        throw new MojoFailureException("flakegen: " + where + ": \"" + entry + "\" must be"
            + " INPUT=FLAKE (e.g. nixpkgs=path:/src/nixpkgs)");
      }
      String input = entry.substring(0, equals).strip();
      String flake = entry.substring(equals + 1).strip();
      if (!INPUT.matcher(input).matches()) {
        throw new MojoFailureException("flakegen: " + where + ": \"" + input + "\" is not a"
            + " flake input name (letters, digits, _, ' and -, not starting with a digit or -)");
      }
      if (flake.isEmpty()) {
        throw new MojoFailureException("flakegen: " + where + ": the flake for \"" + input
            + "\" is empty");
      }
      inputs.put(input, flake);
    }
    return inputs;
  }
}
