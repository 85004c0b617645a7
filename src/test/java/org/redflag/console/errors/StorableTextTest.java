package org.redflag.console.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void nulAndUnpairedSurrogatesBecomeVisibleMarkersAndPairsStay() {
        assertThat(StorableText.of("a\u0000b 💥 \uD800x \uDC00", 100)).isEqualTo("a\\u0000b 💥 \\ud800x \\udc00");
    }

    @Test
    void textBeyondTheLimitIsCutWithANoteOfHowMuch() {
        String cut = StorableText.of("x".repeat(150), 100);

        assertThat(cut).startsWith("x".repeat(100) + "\n… [50 more characters cut here");
    }

    @Test
    void cleanTextIsTheSameString() {
        String clean = "nothing to see";
        assertThat(StorableText.of(clean, 100)).isSameAs(clean);
    }
}
