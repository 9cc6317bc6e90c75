package dojo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharsTest {
    @Test
    void escape_sequences_c1_controls_nul_and_bidi_overrides_are_unsafe_but_tab_and_newline_are_not() {
        for (int cp : new int[] {0x00, 0x07, 0x1B, 0x7F, 0x80, 0x9B, 0x9F, 0x202E, 0x2066, 0x200F, 0x061C}) {
            assertThat(ControlChars.isUnsafe(cp)).as(ControlChars.codePoint(cp)).isTrue();
        }
        for (int cp : new int[] {'\t', '\n', ' ', 'a', 0xA0, 0x4E2D, 0x2014, 0xFFFD}) {
            assertThat(ControlChars.isUnsafe(cp)).as(ControlChars.codePoint(cp)).isFalse();
        }
    }

    @Test
    void replacing_keeps_the_length_so_source_offsets_stay_valid() {
        String s = "a\u001b]52;c;x\u0007b\u009b2J\u202Ec\td\n";
        String r = ControlChars.replace(s);
        assertThat(r).hasSameSizeAs(s).isEqualTo("a\uFFFD]52;c;x\uFFFDb\uFFFD2J\uFFFDc\td\n");
    }

    @Test
    void escaping_gives_one_visible_line() {
        assertThat(ControlChars.escape("x\u001b[2J\ny\r\u202E\u0000")).isEqualTo("x\\x1b[2J\\ny\\r\\u202e\\x00");
        assertThat(ControlChars.escape("plain 中文")).isEqualTo("plain 中文");
    }

    @Test
    void a_file_name_with_a_newline_is_quoted_and_cannot_start_a_line_of_its_own() {
        String forged = "a.md\nb.md:1:1: error: forged";
        assertThat(ControlChars.quote(forged)).isEqualTo("\"a.md\\nb.md:1:1: error: forged\"").doesNotContain("\n");
        assertThat(ControlChars.quote("say \"hi\"\t.md")).isEqualTo("\"say \\\"hi\\\"\\t.md\"");
        assertThat(ControlChars.quote("questions/en/10-fundamentals.md")).isEqualTo("questions/en/10-fundamentals.md");
    }
}
