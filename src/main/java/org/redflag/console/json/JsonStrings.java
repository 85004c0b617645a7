package org.redflag.console.json;

/**
 * JSON string literals as RFC 8259 wants them, for the two places that write JSON by hand: the headless
 * commands' --json output and the error spool's lines. A lone surrogate (half of a broken emoji in a
 * stack trace, say) is escaped rather than written raw, so the text survives any UTF-8 round trip.
 */
public final class JsonStrings {

    private JsonStrings() {
    }

    /** The text as one JSON string literal, quotes included. */
    public static String quoted(String text) {
        StringBuilder out = new StringBuilder();
        quote(out, text);
        return out.toString();
    }

    public static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                        // Control characters must be escaped; U+2028/2029 too, so the output is also valid JavaScript.
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
