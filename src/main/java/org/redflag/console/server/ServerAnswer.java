package org.redflag.console.server;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP answer of the RedFlag server, with its JSON object when the body is one. Proxies and wrong URLs
 * answer with HTML or plain text, so a body that is not JSON is kept as text rather than treated as an error.
 */
record ServerAnswer(int status, String body, Map<String, Object> json) {

    private static final int LONGEST_QUOTED_TEXT = 200;

    static ServerAnswer of(int status, String body) {
        return new ServerAnswer(status, body == null ? "" : body, jsonObject(body));
    }

    private static Map<String, Object> jsonObject(String body) {
        if (body == null || !body.strip().startsWith("{")) {
            return Map.of();
        }
        try {
            Map<String, Object> map = JSON.std.mapFrom(body);
            return map == null ? Map.of() : map;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** A string field of the JSON object, when present and not blank. */
    Optional<String> text(String field) {
        Object value = json.get(field);
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    /**
     * What the server said went wrong: its {@code error} field, else the start of a non-JSON body (such as a
     * router's "404 page not found"), on one line and short enough to quote in a sentence.
     */
    Optional<String> errorText() {
        Optional<String> said = text("error").or(() -> text("message"));
        if (said.isEmpty() && json.isEmpty() && !body.isBlank()) {
            said = Optional.of(body);
        }
        return said.map(ServerAnswer::oneShortLine);
    }

    private static String oneShortLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= LONGEST_QUOTED_TEXT ? line : line.substring(0, LONGEST_QUOTED_TEXT) + "…";
    }
}
