package dev.flakegen.model;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.MessageValues;
import dev.flakegen.nix.build.Nix;
import org.apache.commons.text.similarity.LevenshteinDistance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The validation rules the model types share; each throws {@link ModelException}. Public only
 * for the model's shell package ({@code dev.flakegen.model.shell}); not API.
 */
public final class Rules {

  private Rules() {}

  /** What a Nix identifier usable as a flake output name looks like. */
  static final Pattern OUTPUT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_'-]*");

  /** A shell variable name. */
  public static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The names a free Nix expression of the model may use (besides Nix's built-in names). */
  static final Set<String> EXPRESSION_SCOPE = Set.of("pkgs", "system");

  /** A text in messages: quoted and escaped, see {@link MessageValues#show}. */
  public static String show(String value) {
    return MessageValues.show(value);
  }

  public static ModelException fail(String path, String rule) {
    return new ModelException(path, rule);
  }

  public static <T> T required(T value, String path) {
    if (value == null) {
      throw fail(path, "must be set");
    }
    return value;
  }

  /**
   * Text that a Nix string can hold exactly: no NUL (Nix cuts strings there) and no unpaired
   * UTF-16 surrogate (it has no bytes).
   */
  public static String text(String text, String path) {
    required(text, path);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw fail(path, show(text) + " must not contain NUL (a Nix string cannot hold it)");
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw fail(path, show(text) + " must be valid Unicode (unpaired surrogate at " + i + ")");
      }
    }
    return text;
  }

  public static String nonEmptyText(String text, String path) {
    text(text, path);
    if (text.isEmpty()) {
      throw fail(path, "must not be empty");
    }
    return text;
  }

  /** A file name directly inside a folder: a target or a resolution. */
  static String fileName(String name, String path) {
    text(name, path);
    if (name.isEmpty()) {
      throw fail(path, "must not be empty");
    }
    if (name.indexOf('/') >= 0) {
      throw fail(path, show(name) + " must not contain '/'");
    }
    if (name.equals(".") || name.equals("..")) {
      throw fail(path, show(name) + " must not be '.' or '..'");
    }
    return name;
  }

  public static String outputName(String name, String path) {
    required(name, path);
    if (!OUTPUT_NAME.matcher(name).matches()) {
      throw fail(path, show(name) + " must be a Nix identifier usable as a flake output name"
          + " ([A-Za-z_][A-Za-z0-9_'-]*)");
    }
    return name;
  }

  public static String shellName(String name, String path) {
    required(name, path);
    if (!SHELL_NAME.matcher(name).matches()) {
      throw fail(path, show(name) + " must be a shell variable name ([A-Za-z_][A-Za-z0-9_]*)");
    }
    return name;
  }

  /** A folder of the runtime: absolute, or {@code ~/…} (the runtime puts $HOME there). */
  static String stateFolder(String folder, String path) {
    text(folder, path);
    if (!folder.startsWith("/") && !folder.startsWith("~/")) {
      throw fail(path, show(folder) + " must be absolute ('/…') or start with '~/'");
    }
    return folder;
  }

  /** An environment variable name the runtime may take for the originator PID. */
  static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  /**
   * Names bash, the C library, Nix, redis-cli, jq or the runtime give a meaning to: an originator
   * PID variable of one of these names would change how the programs run ({@code BASH_ENV} makes
   * every bash source a file; {@code PATH} breaks every setup). lib.nix refuses the same.
   */
  static final List<String> RESERVED_NAMES = List.of("BASH_ENV", "CDPATH", "COLUMNS", "COPROC",
      "DIRSTACK", "ENV", "EPOCHREALTIME", "EPOCHSECONDS", "EUID", "EXECIGNORE", "FIGNORE",
      "FLAKEGEN_ITEM", "FUNCNAME", "FUNCNEST", "GCONV_PATH", "GLOBIGNORE", "GLOBSORT", "GROUPS",
      "HOME", "HOSTALIASES", "HOSTNAME", "IFS", "IGNOREEOF", "INPUTRC", "LANG", "LANGUAGE",
      "LINENO", "LINES", "LOCALDOMAIN", "LOCPATH", "MAIL", "MAILCHECK", "MAILPATH", "MAPFILE",
      "NLSPATH", "OLDPWD", "OPTARG", "OPTERR", "OPTIND", "PATH", "PIPESTATUS", "POSIXLY_CORRECT",
      "PPID", "PROMPT_COMMAND", "PROMPT_DIRTRIM", "PS0", "PS1", "PS2", "PS3", "PS4", "PWD",
      "RANDOM", "REPLY", "RES_OPTIONS", "SECONDS", "SHELL", "SHELLOPTS", "SHLVL", "SRANDOM",
      "TERM", "TEXTDOMAIN", "TEXTDOMAINDIR", "TIMEFORMAT", "TMOUT", "TMPDIR", "TZ", "UID", "_");

  /** Prefixes of names with a meaning (see {@link #RESERVED_NAMES}). */
  static final List<String> RESERVED_PREFIXES = List.of("BASH", "COMP_", "GLIBC_", "HIST", "JQ_",
      "LC_", "LD_", "MALLOC_", "NIX_", "READLINE_", "REDISCLI_", "RESOLUTION_", "RESOURCE");

  /**
   * The originator PID variable: capitals, digits and {@code _} (the runtime's own variables are
   * lower case, so none is read by mistake), and none of the {@link #RESERVED_NAMES} or
   * {@link #RESERVED_PREFIXES}.
   */
  static String environmentName(String name, String path) {
    required(name, path);
    if (!ENVIRONMENT_NAME.matcher(name).matches()) {
      throw fail(path, show(name) + " must be an environment variable name of capitals, digits"
          + " and _ ([A-Z_][A-Z0-9_]*)");
    }
    if (RESERVED_NAMES.contains(name)
        || RESERVED_PREFIXES.stream().anyMatch(name::startsWith)) {
      throw fail(path, show(name) + " is a name bash or the runtime gives a meaning to (not "
          + String.join(", ", RESERVED_NAMES) + ", nor starting with "
          + String.join(", ", RESERVED_PREFIXES) + ")");
    }
    return name;
  }

  /** A free Nix expression: valid, and closed but for {@code pkgs} and {@code system}. */
  static Expr expression(Expr expr, String path) {
    required(expr, path);
    try {
      Nix.validate(expr, EXPRESSION_SCOPE);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      String prefix = "validate.expr ";
      throw fail(path, (message.startsWith(prefix) ? message.substring(prefix.length()) : message)
          + "; it may use pkgs and system");
    }
    return expr;
  }

  /** A path step for a map key: {@code .key} for identifiers, else {@code ["key"]}. */
  static String key(String path, String key) {
    return OUTPUT_NAME.matcher(key).matches() ? path + "." + key : path + "[" + show(key) + "]";
  }

  /**
   * {@code " (did you mean \"x\"?)"} for the known names nearest to {@code name} by edit distance
   * (at most a third of its length, at least 2; ties all named, in order), else
   * {@code " (known: a, b)"}, or nothing when none are known.
   */
  static String suggest(String name, Collection<String> known) {
    if (known.isEmpty()) {
      return "";
    }
    int limit = Math.max(2, name.length() / 3);
    LevenshteinDistance distance = new LevenshteinDistance(limit);
    int best = Integer.MAX_VALUE;
    List<String> nearest = new ArrayList<>();
    for (String candidate : new TreeSet<>(known)) {
      int d = distance.apply(name, candidate);
      if (d < 0) {
        continue;
      }
      if (d < best) {
        best = d;
        nearest.clear();
      }
      if (d == best) {
        nearest.add(candidate);
      }
    }
    if (nearest.isEmpty()) {
      List<String> sorted = new ArrayList<>(new TreeSet<>(known));
      return " (known: " + String.join(", ", sorted.subList(0, Math.min(10, sorted.size())))
          + (sorted.size() > 10 ? ", …" : "") + ")";
    }
    List<String> shown = new ArrayList<>();
    for (String candidate : nearest) {
      shown.add(show(candidate));
    }
    return " (did you mean " + String.join(" or ", shown) + "?)";
  }

  public static <T> List<T> copy(List<T> list, String path) {
    required(list, path);
    for (int i = 0; i < list.size(); i++) {
      required(list.get(i), path + "[" + i + "]");
    }
    return List.copyOf(list);
  }
}
