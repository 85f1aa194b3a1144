package dev.flakegen.testing.hostile;

import java.util.List;

/**
 * Strings that break naive generators of Nix and shell: the one list every test of quoting draws
 * from (model fields, init literals, events, file names).
 */
public final class HostileStrings {

  private HostileStrings() {}

  /** Each a trap for some quoting: Nix strings, indented strings, shell quotes, expansions. */
  public static final List<String> STRINGS =
      List.of(
          "it's",
          "say \"hi\"",
          "$(touch /tmp/flakegen-pwned)",
          "${HOME}",
          "$HOME",
          "`id`",
          "a\nb",
          "''",
          "'''",
          "''${x}",
          "''$",
          "$${x}",
          "back\\slash\\",
          "\\n is not a newline",
          "tab\there",
          "cr\rlf\r\n",
          "non-ASCII: é ü 中 😀",
          "“double” ‘single’ ″ ‶ „",
          "$",
          "x$",
          "$$",
          "\\$HOME",
          "trailing '",
          "' leading",
          "trailing \\",
          "   leading spaces",
          "trailing space ",
          "\n\nblank lines\n\n",
          "#comment",
          "*?[a]",
          "~root",
          "-n",
          "a=b",
          "{a,b}",
          "!bang",
          ";&|<>()",
          "\u00a0nbsp\u2028line separator",
          "");

  /** All of {@link #STRINGS} in one, separated by {@code |}. */
  public static final String ALL = String.join("|", STRINGS);

  /** The strings that can be a file name (not empty, no '/', not '.' or '..'). */
  public static List<String> fileNames() {
    return STRINGS.stream().filter(s -> !s.isEmpty() && s.indexOf('/') < 0).toList();
  }
}
