package dev.flakegen.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.testing.json.Json;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void valuesAreMapsInKeyOrderListsLongsDecimalsAndNull() {
    Object value = Json.parse("{\"b\":[1,2.5,true,null,\"x\\u00e9\"],\"a\":{}}");
    assertThat(value).isInstanceOf(Map.class);
    assertThat(List.copyOf(((Map<?, ?>) value).keySet())).isEqualTo(List.of("b", "a"));
    assertThat(Json.at(value, "b"))
        .isEqualTo(Arrays.asList(1L, new BigDecimal("2.5"), true, null, "xé"));
    assertThat(Json.at(value, "b", 3)).isNull();
    assertThat(Json.at(value, "a")).isEqualTo(Map.of());
  }

  @Test
  void duplicateKeysTrailingTextAndNonJsonAreErrors() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> Json.parse("{} {}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{a:1}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.object("[1]")).hasMessageContaining("not a JSON object");
  }

  @Test
  void aMissingKeyNamesTheKeysThere() {
    assertThatThrownBy(() -> Json.at(Json.parse("{\"a\":1}"), "b"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("no key b in [a]");
  }

  @Test
  void writeIsReadBack() {
    List<Object> value = Arrays.asList("$(x)\n", 3L, null, Map.of("k", false));
    assertThat(Json.parse(Json.write(value))).isEqualTo(value);
  }
}
