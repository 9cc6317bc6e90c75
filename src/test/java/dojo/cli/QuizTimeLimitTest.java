package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class QuizTimeLimitTest {

    @ParameterizedTest(name = "''{0}'' is {1} seconds")
    @CsvSource({"90s,90", "20m,1200", "1h,3600", "1h30m,5400", "2m30s,150", "PT20M,1200", "pt90s,90", " 5M ,300"})
    void timeLimitsAreReadInHoursMinutesAndSeconds(String text, long seconds) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "20", "soon", "0s", "m", "20 minutes", "-5m", "PT-5M", "1.5h"})
    void anythingElseIsRefusedWithAnExample(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'" + text + "'");
    }
}
