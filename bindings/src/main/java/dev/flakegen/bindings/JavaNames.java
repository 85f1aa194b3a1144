package dev.flakegen.bindings;

import dev.flakegen.nix.ast.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Java names for Nix names. A Nix identifier ({@code [A-Za-z_][A-Za-z0-9_'-]*}) becomes lower
 * camel case with {@link Names#camelCase} ({@code yq-go} → {@code yqGo}, {@code x'} →
 * {@code xPrime}); a name that is not a valid Java name (a keyword
 * such as {@code class}, a literal such as {@code true}, {@code _}) or that would clash with a
 * member of the generated class gets a trailing {@code _}, and so does a name already taken by an
 * earlier formal, until it is unique.
 */
final class JavaNames {

  private JavaNames() {}

  /** Java names for {@code nixNames}, in order, unique, none in {@code reserved}. */
  static List<String> members(List<String> nixNames, Set<String> reserved) {
    Set<String> taken = new HashSet<>(reserved);
    List<String> out = new ArrayList<>(nixNames.size());
    for (String nixName : nixNames) {
      String name = Names.camelCase(nixName);
      while (!SourceVersion.isName(name) || taken.contains(name)) {
        name = name + "_";
      }
      taken.add(name);
      out.add(name);
    }
    return List.copyOf(out);
  }

  /** Constant names ({@code YQ_GO}) for Java member names, in order and unique. */
  static List<String> constants(List<String> javaNames, Set<String> reserved) {
    Set<String> taken = new HashSet<>(reserved);
    List<String> out = new ArrayList<>(javaNames.size());
    for (String javaName : javaNames) {
      StringBuilder constant = new StringBuilder();
      for (int i = 0; i < javaName.length(); i++) {
        char c = javaName.charAt(i);
        if (Character.isUpperCase(c) && i > 0 && javaName.charAt(i - 1) != '_'
            && !Character.isUpperCase(javaName.charAt(i - 1))) {
          constant.append('_');
        }
        constant.append(c);
      }
      String name = constant.toString().toUpperCase(Locale.ROOT);
      while (!SourceVersion.isName(name) || taken.contains(name)) {
        name = name + "_";
      }
      taken.add(name);
      out.add(name);
    }
    return List.copyOf(out);
  }

  /** {@code lib} → {@code Lib}, {@code my-lib.nix} → {@code MyLibNix}: a type name. */
  static String type(String text) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c) && c < 128) {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    String name = out.toString();
    if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
      name = "Nix" + name;
    }
    return name;
  }
}
