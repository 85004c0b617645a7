package org.redflag.console.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringsTest {

    @Test
    void escapesWhatRfc8259RequiresAndKeepsTheRest() {
        StringBuilder out = new StringBuilder();

        JsonStrings.quote(out, "say \"hi\"\\ \n\r\t\b\f \u0001 \u2028 é ✓");

        assertThat(out).hasToString("\"say \\\"hi\\\"\\\\ \\n\\r\\t\\b\\f \\u0001 \\u2028 é ✓\"");
    }

    @Test
    void keepsWholeEmojiAndEscapesLoneSurrogates() {
        StringBuilder out = new StringBuilder();

        JsonStrings.quote(out, "ok \uD83D\uDE00 broken \uD83D end \uDE00");

        assertThat(out).hasToString("\"ok \uD83D\uDE00 broken \\ud83d end \\ude00\"");
    }
}
