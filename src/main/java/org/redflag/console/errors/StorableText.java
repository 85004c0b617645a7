package org.redflag.console.errors;

/**
 * Makes any Java string storable in a PostgreSQL text or jsonb value without losing what it said:
 * PostgreSQL refuses NUL characters and UTF-8 has no unpaired surrogates, so both become visible
 * "\\u0000"-style markers; text beyond a size limit is cut with a note of how much was cut.
 */
final class StorableText {

    private StorableText() {
    }

    static String of(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unpaired = Character.isHighSurrogate(c)
                    ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
            if (c == '\0' || unpaired) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        String storable = out == null ? text : out.toString();
        if (storable.length() <= maxChars) {
            return storable;
        }
        int cut = maxChars;
        if (Character.isHighSurrogate(storable.charAt(cut - 1))) {
            cut--;
        }
        return storable.substring(0, cut) + "\n… [" + (storable.length() - cut)
                + " more characters cut here; the console log has the full text]";
    }
}
