package dev.flakegen.nix.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Resolves path literals as Nix 2.8's parser does: relative paths against the folder of the file
 * (made absolute and lexically normalised), {@code ~/…} against the home directory (not
 * normalised).
 */
public final class PathResolver {

  private final String baseDirectory;
  private final String home;

  /**
   * @param baseDirectory the folder relative paths are resolved against (absolute)
   * @param home what {@code ~} stands for
   */
  public PathResolver(String baseDirectory, String home) {
    this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
    this.home = Objects.requireNonNull(home, "home");
    if (!baseDirectory.startsWith("/")) {
      throw new IllegalArgumentException("baseDirectory must be absolute, was " + baseDirectory);
    }
  }

  /** The home directory as Nix finds it: {@code $HOME}, else the user's home from passwd. */
  public static String defaultHome() {
    String home = System.getenv("HOME");
    return home != null ? home : System.getProperty("user.home");
  }

  /** The resolved first segment of a path literal, as written in the source. */
  public String resolve(String head) {
    if (head.startsWith("~")) {
      return home + head.substring(1);
    }
    String resolved = canonical(head.startsWith("/") ? head : baseDirectory + "/" + head);
    return head.endsWith("/") && head.length() > 1 ? resolved + "/" : resolved;
  }

  /** Nix's canonPath without symlink resolution: drops {@code .}, resolves {@code ..}, no doubled '/'. */
  public static String canonical(String absolute) {
    StringBuilder out = new StringBuilder(absolute.length());
    int i = 0;
    int n = absolute.length();
    while (true) {
      while (i < n && absolute.charAt(i) == '/') {
        i++;
      }
      if (i >= n) {
        break;
      }
      int end = absolute.indexOf('/', i);
      if (end < 0) {
        end = n;
      }
      String segment = absolute.substring(i, end);
      if (segment.equals("..")) {
        int slash = out.lastIndexOf("/");
        if (slash >= 0) {
          out.setLength(slash);
        }
      } else if (!segment.equals(".")) {
        out.append('/').append(segment);
      }
      i = end;
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  /**
   * Splits path text that follows an interpolation into the pieces Nix's lexer makes of it: at
   * each point the longest of {@code PC*(/PC+)+/?}, {@code PC* /} (one segment and its slash) and {@code PC+}.
   */
  static List<String> splitLikeLexer(String text) {
    List<String> pieces = new ArrayList<>(1);
    int i = 0;
    int n = text.length();
    while (i < n) {
      int run = i;
      while (run < n && isPathChar(text.charAt(run))) {
        run++;
      }
      int path = run;
      boolean segment = false;
      while (path + 1 < n && text.charAt(path) == '/' && isPathChar(text.charAt(path + 1))) {
        path += 2;
        while (path < n && isPathChar(text.charAt(path))) {
          path++;
        }
        segment = true;
      }
      if (segment && path < n && text.charAt(path) == '/') {
        path++;
      }
      int longest = run;
      if (segment) {
        longest = Math.max(longest, path);
      }
      if (run < n && text.charAt(run) == '/') {
        longest = Math.max(longest, run + 1);
      }
      pieces.add(text.substring(i, longest));
      i = longest;
    }
    return pieces;
  }

  private static boolean isPathChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || c == '.' || c == '_' || c == '+' || c == '-';
  }
}
