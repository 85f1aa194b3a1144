package dev.flakegen.testing.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the tests (what {@code nix-instantiate --json}, {@code nix eval --json} and the
 * runtime's events print), read strictly with Jackson into plain values: objects are {@link
 * LinkedHashMap}s in the text's key order, arrays {@link List}s, integral numbers {@link Long}s,
 * other numbers {@link java.math.BigDecimal}s, {@code null} Java's null. Duplicate keys and text
 * after the value are errors.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private Json() {}

  /** The value of {@code text}; {@link IllegalArgumentException} naming the error if not JSON. */
  public static Object parse(String text) {
    try {
      return plain(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("JSON: " + e.getOriginalMessage() + " in: " + text, e);
    }
  }

  /** The object {@code text} holds; fails if it holds another value. */
  @SuppressWarnings("unchecked") // plain() makes every object a Map<String, Object>
  public static Map<String, Object> object(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("not a JSON object: " + text);
    }
    return (Map<String, Object>) value;
  }

  /**
   * The value at a path of keys (String) and indexes (Integer) in a parsed value; fails naming the
   * keys there when a key is missing.
   */
  public static Object at(Object json, Object... path) {
    Object value = json;
    for (Object step : path) {
      if (step instanceof Integer index) {
        value = ((List<?>) value).get(index);
      } else {
        Map<?, ?> map = (Map<?, ?>) value;
        if (!map.containsKey(step)) {
          throw new AssertionError("no key " + step + " in " + map.keySet());
        }
        value = map.get(step);
      }
    }
    return value;
  }

  /** {@code value} (maps, lists, strings, numbers, booleans, null) as JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not writable as JSON: " + value, e);
    }
  }

  private static Object plain(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> field : node.properties()) {
            map.put(field.getKey(), plain(field.getValue()));
          }
          return map;
        }
      case ARRAY:
        {
          List<Object> list = new ArrayList<>();
          for (JsonNode item : node) {
            list.add(plain(item));
          }
          return list;
        }
      case STRING:
        return node.textValue();
      case NUMBER:
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return node.longValue();
        }
        return node.decimalValue();
      case BOOLEAN:
        return node.booleanValue();
      case NULL:
        return null;
      default:
        throw new IllegalArgumentException("not a JSON value: " + node);
    }
  }
}
