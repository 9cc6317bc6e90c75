package dojo.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagRowsTest {

    @Test
    @DisplayName("--tags takes 'all' or a number of rows; the default is the 8 weakest")
    void parsesAllAndNumbers() {
        assertThat(TagRows.parse("all")).isEqualTo(TagRows.everyTag());
        assertThat(TagRows.parse("ALL").all()).isTrue();
        assertThat(TagRows.parse("3")).isEqualTo(TagRows.weakest(3));
        assertThat(TagRows.parse("0").limit()).isZero();
        assertThat(TagRows.parse("250").limit()).isEqualTo(250);
        assertThat(TagRows.defaults()).isEqualTo(new TagRows(false, 8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "three", "", "3.5", "1e3", "9999999999", "all3"})
    @DisplayName("anything else is refused with one line naming the option and the value")
    void refusesOtherValues(String value) {
        assertThatThrownBy(() -> TagRows.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tags must be a number of rows (0 or more) or 'all', got '" + value + "'");
    }
}
