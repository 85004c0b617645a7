package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesInOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1);
        value.put("a", Arrays.asList("x", null, true));
        value.put("at", Instant.parse("2026-11-25T12:00:00Z"));
        value.put("empty", List.of());
        value.put("nothing", null);

        assertThat(Json.write(value)).isEqualTo("""
                {
                  "b": 1,
                  "a": [
                    "x",
                    null,
                    true
                  ],
                  "at": "2026-11-25T12:00:00Z",
                  "empty": [],
                  "nothing": null
                }
                """);
    }
}
