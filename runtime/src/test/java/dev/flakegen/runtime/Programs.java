package dev.flakegen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The runtime programs assembled as lib.nix and writeShellApplication do: a preamble (bash,
 * errexit, nounset, pipefail, the {@linkplain #prelude prelude} of the values, PATH extended by the
 * tool folder), then lib/core.sh and lib/common.sh (not for failure, wrap and check, which stand
 * alone), then the program's text; setup has setup-hit.sh after lib/core.sh, and only the values
 * the hit reads ({@link #HIT_VALUES}) before it, the others after it. Each file is {@linkplain
 * #compact compacted} as lib.nix does.
 */
final class Programs {

  static final String RESOURCES = "/dev/flakegen/runtime/";
  static final List<String> FILES =
      List.of(
          "lib/core.sh",
          "lib/common.sh",
          "lib/lifecycle.sh",
          "setup-hit.sh",
          "setup.sh",
          "failure.sh",
          "sequential.sh",
          "root.sh",
          "wrap.sh",
          "publish.sh",
          "release-listener.sh",
          "resolve-listener.sh",
          "resolve.sh",
          "redis.sh",
          "check.sh");
  static final List<String> PROGRAMS =
      List.of(
          "setup",
          "failure",
          "sequential",
          "root",
          "wrap",
          "publish",
          "release-listener",
          "resolve-listener",
          "resolve",
          "redis",
          "check");

  /** Programs that use nothing of lib/core.sh and lib/common.sh: lib.nix need not prepend them. */
  static final List<String> STANDALONE = List.of("failure", "wrap", "check");

  /** Programs that get lib/lifecycle.sh after lib/common.sh. */
  static final List<String> LIFECYCLE = List.of("release-listener", "resolve-listener", "resolve");

  private Programs() {}

  /** The text of a file of the runtime module (from the classpath). */
  static String source(String name) {
    try (InputStream in = Programs.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line lib.nix's compact drops: blank, or only a comment ... */
  private static final Pattern BLANK_OR_COMMENT = Pattern.compile("[ \t]*(#.*)?");

  /** ... unless it is a ShellCheck directive. */
  private static final Pattern DIRECTIVE = Pattern.compile("[ \t]*# shellcheck .*");

  /**
   * TEXT as lib.nix's compact gives it to bash: without the lines that are blank or only a comment,
   * ShellCheck's directives kept; each kept line ends with a line feed.
   */
  static String compact(String text) {
    StringBuilder kept = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!BLANK_OR_COMMENT.matcher(line).matches() || DIRECTIVE.matcher(line).matches()) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }

  /** The text of a runtime file as the programs carry it ({@link #compact}). */
  static String script(String name) {
    return compact(source(name));
  }

  /** Values the prelude assigns without quoting (as lib.nix decides). */
  static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/._+:@%,=-]*");

  static final Pattern PLAIN_ITEM = Pattern.compile("[A-Za-z0-9/._+:@%,-]+");

  /** lib.escapeShellArg: single quotes, ' as '\''. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /**
   * The preamble as lib.nix and writeShellApplication write it: bash, errexit, nounset, pipefail,
   * the {@linkplain #prelude prelude} of ENV (values: String, a scalar, or List of String, an
   * array), PATH extended by the tool folder.
   */
  static String preamble(Map<String, ?> env) {
    return preamble(env, Tools.folder());
  }

  /** The preamble with TOOLS as the runtimeInputs folder. */
  static String preamble(Map<String, ?> env, Path tools) {
    return "#!/bin/bash\nset -o errexit\nset -o nounset\nset -o pipefail\n\n"
        + prelude(env)
        + "export PATH="
        + quote(tools.toString())
        + ":\"$PATH\"\n\n";
  }

  /**
   * lib.nix's prelude of ENV: a {@link #PLAIN} value as NAME=value, any other as NAME={@link
   * #ansiC}; a list as a bash array, each item the same way; then one {@code export} of the
   * scalars' names, sorted as Nix sorts attribute names (none when there is no scalar).
   */
  static String prelude(Map<String, ?> env) {
    StringBuilder text = new StringBuilder();
    TreeSet<String> exported = new TreeSet<>();
    for (Map.Entry<String, ?> entry : new java.util.TreeMap<>(env).entrySet()) {
      String name = entry.getKey();
      Object value = entry.getValue();
      if (value instanceof List) {
        text.append(name).append("=()\n");
        for (Object item : (List<?>) value) {
          String word = (String) item;
          text.append(name)
              .append("+=(")
              .append(PLAIN_ITEM.matcher(word).matches() ? word : ansiC(word))
              .append(")\n");
        }
      } else {
        String word = (String) value;
        text.append(name)
            .append('=')
            .append(PLAIN.matcher(word).matches() ? word : ansiC(word))
            .append('\n');
        exported.add(name);
      }
    }
    if (!exported.isEmpty()) {
      text.append("export ").append(String.join(" ", exported)).append('\n');
    }
    return text.toString();
  }

  /** The values setup-hit.sh reads: lib.nix puts them before it, the others after it. */
  static final List<String> HIT_VALUES =
      List.of(
          "RESOURCES_DIRECTORY",
          "RESOURCE_CHANNEL",
          "RESOURCE_GC_ROOT",
          "RESOURCE_ORIGINATOR_PID_VARIABLE",
          "RESOURCE_PLAIN_HASH",
          "RESOURCE_TRANSIENT");

  /**
   * VALUE as lib.nix's ansiC writes it: $'…' with each backslash, quote, $, ` and ~ as a
   * hexadecimal escape.
   */
  static String ansiC(String value) {
    return "$'"
        + value
            .replace("\\", "\\x5c")
            .replace("'", "\\x27")
            .replace("\"", "\\x22")
            .replace("$", "\\x24")
            .replace("`", "\\x60")
            .replace("~", "\\x7e")
        + "'";
  }

  /** The full text of PROGRAM (e.g. "setup") with ENV. */
  static String text(String program, Map<String, ?> env) {
    return text(program, env, Tools.folder());
  }

  /** The full text of PROGRAM with ENV and TOOLS as the runtimeInputs folder. */
  static String text(String program, Map<String, ?> env, Path tools) {
    String body = script(program + ".sh");
    if (STANDALONE.contains(program)) {
      return preamble(env, tools) + body;
    }
    if (LIFECYCLE.contains(program)) {
      return preamble(env, tools) + library() + script("lib/lifecycle.sh") + body;
    }
    if (program.equals("setup")) {
      Map<String, Object> hit = new LinkedHashMap<>();
      Map<String, Object> rest = new LinkedHashMap<>();
      env.forEach((name, value) -> (HIT_VALUES.contains(name) ? hit : rest).put(name, value));
      return preamble(hit, tools)
          + script("lib/core.sh")
          + script("setup-hit.sh")
          + prelude(rest)
          + script("lib/common.sh")
          + body;
    }
    return preamble(env, tools) + library() + body;
  }

  /**
   * lib/core.sh and lib/common.sh, the library every program but the standalone ones begins with.
   */
  static String library() {
    return script("lib/core.sh") + script("lib/common.sh");
  }

  /** PROGRAM with the library (lib/core.sh and lib/common.sh) prepended even if it stands alone. */
  static String textWithCommon(String program, Map<String, ?> env) {
    return preamble(env, Tools.folder()) + library() + script(program + ".sh");
  }

  /** Writes PROGRAM into DIRECTORY (executable) and returns its path. */
  static Path assemble(Path directory, String program, Map<String, ?> env) {
    return Files2.executable(directory.resolve(program), text(program, env));
  }
}
