package dev.flakegen.nixdriver;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON from and to {@link NixValue}s. Nix's own {@code --json} output is read plainly
 * ({@link #parsePlain}); evaluations go through {@link NixDriver}'s tagging function, whose output
 * tells floats, lists, sets and store paths apart ({@link #parseTagged}).
 */
final class JsonValues {

  /** Shared and thread-safe once configured; no limits on nesting or string length for Nix's output. */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(Integer.MAX_VALUE)
          .maxStringLength(Integer.MAX_VALUE)
          .maxNumberLength(Integer.MAX_VALUE)
          .build())
      .build();

  private JsonValues() {}

  /** Plain JSON: objects are attribute sets, every number with a fraction or exponent a float. */
  static NixValue parsePlain(String json) {
    return parse(json, false);
  }

  /**
   * The tagged form the evaluation function prints: strings, integers, booleans and null as they
   * are; {@code {"f": x}} a float, {@code {"l": [..]}} a list, {@code {"a": {..}}} a set and
   * {@code {"p": "/nix/store/.."}} a set with an {@code outPath}.
   */
  static NixValue parseTagged(String json) {
    return parse(json, true);
  }

  private static NixValue parse(String json, boolean tagged) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IllegalArgumentException("no JSON value in Nix's output");
      }
      NixValue value = tagged ? readTagged(parser) : readPlain(parser);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("more than one JSON value in Nix's output");
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException("Nix's output is not JSON: " + e.getMessage(), e);
    }
  }

  private static NixValue readPlain(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_ARRAY: {
        List<NixValue> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readPlain(parser));
        }
        return new NixValue.ListValue(items);
      }
      case START_OBJECT: {
        Map<String, NixValue> attributes = new LinkedHashMap<>();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
          String name = parser.currentName();
          parser.nextToken();
          attributes.put(name, readPlain(parser));
        }
        return new NixValue.AttrsValue(attributes);
      }
      default:
        return scalar(parser);
    }
  }

  private static NixValue readTagged(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_OBJECT) {
      return scalar(parser);
    }
    if (parser.nextToken() != JsonToken.FIELD_NAME) {
      throw new IOException("an untagged empty object");
    }
    String tag = parser.currentName();
    parser.nextToken();
    NixValue value;
    switch (tag) {
      case "f":
        value = new NixValue.FloatValue(parser.getDoubleValue());
        break;
      case "p":
        value = new NixValue.StorePathValue(parser.getText());
        break;
      case "l": {
        List<NixValue> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readTagged(parser));
        }
        value = new NixValue.ListValue(items);
        break;
      }
      case "a": {
        Map<String, NixValue> attributes = new LinkedHashMap<>();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
          String name = parser.currentName();
          parser.nextToken();
          attributes.put(name, readTagged(parser));
        }
        value = new NixValue.AttrsValue(attributes);
        break;
      }
      default:
        throw new IOException("unknown tag " + tag);
    }
    if (parser.nextToken() != JsonToken.END_OBJECT) {
      throw new IOException("a tagged value with more than one field");
    }
    return value;
  }

  private static NixValue scalar(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case VALUE_STRING:
        return new NixValue.StringValue(parser.getText());
      case VALUE_NUMBER_INT:
        return new NixValue.IntegerValue(parser.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return new NixValue.FloatValue(parser.getDoubleValue());
      case VALUE_TRUE:
        return new NixValue.BooleanValue(true);
      case VALUE_FALSE:
        return new NixValue.BooleanValue(false);
      case VALUE_NULL:
        return new NixValue.NullValue();
      default:
        throw new IOException("unexpected " + token);
    }
  }

  /** Compact JSON for {@code value}. */
  static String write(NixValue value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator generator, NixValue value) throws IOException {
    if (value instanceof NixValue.StringValue string) {
      generator.writeString(string.value());
    } else if (value instanceof NixValue.IntegerValue integer) {
      generator.writeNumber(integer.value());
    } else if (value instanceof NixValue.FloatValue number) {
      generator.writeNumber(number.value());
    } else if (value instanceof NixValue.BooleanValue bool) {
      generator.writeBoolean(bool.value());
    } else if (value instanceof NixValue.NullValue) {
      generator.writeNull();
    } else if (value instanceof NixValue.StorePathValue path) {
      generator.writeString(path.path());
    } else if (value instanceof NixValue.ListValue list) {
      generator.writeStartArray();
      for (NixValue item : list.items()) {
        write(generator, item);
      }
      generator.writeEndArray();
    } else if (value instanceof NixValue.AttrsValue attrs) {
      generator.writeStartObject();
      for (Map.Entry<String, NixValue> entry : attrs.attributes().entrySet()) {
        generator.writeFieldName(entry.getKey());
        write(generator, entry.getValue());
      }
      generator.writeEndObject();
    }
  }
}
