package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void sizesUseTheUnitThatKeepsThemShort() {
        assertThat(Formats.bytes(0)).isEqualTo("0 B");
        assertThat(Formats.bytes(1023)).isEqualTo("1023 B");
        assertThat(Formats.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Formats.bytes(512L << 30)).isEqualTo("512 GiB");
        assertThat(Formats.bytes(3108L << 30)).isEqualTo("3.0 TiB");
        assertThat(Formats.bytes(64L << 30)).isEqualTo("64.0 GiB");
    }

    @Test
    void durationsAndFirstLinesReadAsTheTablesShowThem() {
        assertThat(Formats.duration(null)).isEmpty();
        assertThat(Formats.duration(8)).isEqualTo("8 s");
        assertThat(Formats.duration(125)).isEqualTo("2 min 5 s");
        assertThat(Formats.duration(3780)).isEqualTo("1 h 3 min");
        assertThat(Formats.firstLine("one\ntwo")).isEqualTo("one");
        assertThat(Formats.firstLine(null)).isEmpty();
    }
}
