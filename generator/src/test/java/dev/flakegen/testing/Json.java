package dev.flakegen.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for what {@code nix-instantiate --json} prints: objects are
 * {@link LinkedHashMap}s, arrays {@link List}s, numbers {@link Long} (or {@link Double}), and
 * {@code null} is {@link #NULL}.
 */
public final class Json {

  /** JSON's null (maps and lists cannot hold Java's). */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  public static Object parse(String text) {
    Json json = new Json(text);
    Object value = json.value();
    json.space();
    if (json.at != text.length()) {
      throw json.error("trailing text");
    }
    return value;
  }

  private Object value() {
    space();
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(at);
    switch (c) {
      case '{' -> {
        at++;
        Map<String, Object> map = new LinkedHashMap<>();
        space();
        if (peek('}')) {
          return map;
        }
        do {
          space();
          String key = string();
          space();
          expect(':');
          map.put(key, value());
          space();
        } while (peek(','));
        expect('}');
        return map;
      }
      case '[' -> {
        at++;
        List<Object> list = new ArrayList<>();
        space();
        if (peek(']')) {
          return list;
        }
        do {
          list.add(value());
          space();
        } while (peek(','));
        expect(']');
        return list;
      }
      case '"' -> {
        return string();
      }
      default -> {
        if (text.startsWith("true", at)) {
          at += 4;
          return Boolean.TRUE;
        } else if (text.startsWith("false", at)) {
          at += 5;
          return Boolean.FALSE;
        } else if (text.startsWith("null", at)) {
          at += 4;
          return NULL;
        }
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
          at++;
        }
        String number = text.substring(start, at);
        if (number.isEmpty()) {
          throw error("unexpected character");
        }
        return number.matches("-?[0-9]+") ? (Object) Long.parseLong(number)
            : (Object) Double.parseDouble(number);
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = text.charAt(at++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> out.append(e);
      }
    }
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private boolean peek(char c) {
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException("JSON: " + message + " at " + at + ": "
        + text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 20)));
  }

  /** The value at a path of keys (String) and indexes (Integer). */
  @SuppressWarnings("unchecked")
  public static Object at(Object json, Object... path) {
    Object value = json;
    for (Object step : path) {
      if (step instanceof Integer i) {
        value = ((List<Object>) value).get(i);
      } else {
        Map<String, Object> map = (Map<String, Object>) value;
        if (!map.containsKey((String) step)) {
          throw new AssertionError("no key " + step + " in " + map.keySet());
        }
        value = map.get((String) step);
      }
    }
    return value;
  }
}
