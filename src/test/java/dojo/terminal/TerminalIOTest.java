package dojo.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerminalIOTest {

    @Test
    void whenStdinIsNotATerminalInputIsReadLineByLineWithoutColours() throws Exception {
        // under the test runner standard input and output are pipes, never a terminal
        assertThat(TerminalIO.stdioIsTerminal()).isFalse();
        ByteArrayInputStream in = new ByteArrayInputStream("b\n对\n".getBytes(StandardCharsets.UTF_8));
        try (TerminalIO io = TerminalIO.openAsync(in, new PrintWriter(new StringWriter()), Map.of()).get()) {
            assertThat(io.interactive()).isFalse();
            assertThat(io.color()).isFalse();
            assertThat(io.width()).isEqualTo(TerminalIO.PLAIN_WIDTH);
            assertThat(io.in().readLine("", Optional.empty())).isEqualTo("b");
            assertThat(io.in().readLine("", Optional.of(Duration.ofSeconds(1)))).isEqualTo("对");
            LineSource.Stop stop = org.junit.jupiter.api.Assertions.assertThrows(LineSource.Stop.class,
                    () -> io.in().readLine("", Optional.empty()));
            assertThat(stop.reason()).isEqualTo(LineSource.Stop.Reason.END_OF_INPUT);
        }
    }

    @Test
    void reportsAreUncolouredWhenNotOnATerminal() {
        assertThat(TerminalIO.outputStyle(Map.of())).isEqualTo(new TerminalIO.OutputStyle(false, TerminalIO.PLAIN_WIDTH));
    }

    @Test
    void durationsAreFormattedForPeople() {
        assertThat(Durations.clock(Duration.ofSeconds(754))).isEqualTo("12:34");
        assertThat(Durations.clock(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
        Messages en = Messages.of(UiLanguage.EN);
        Messages zh = Messages.of(UiLanguage.ZH);
        assertThat(Durations.coarse(Duration.ofSeconds(45))).isEqualTo(new Durations.Coarse(45, Durations.Unit.SECONDS));
        assertThat(Durations.coarse(Duration.ofHours(50))).isEqualTo(new Durations.Coarse(2, Durations.Unit.DAYS));
        assertThat(Durations.coarse(Duration.ofDays(800))).isEqualTo(new Durations.Coarse(2, Durations.Unit.YEARS));
        assertThat(en.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(en.duration(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(en.duration(Duration.ofHours(3))).isEqualTo("3h");
        assertThat(en.duration(Duration.ofDays(4))).isEqualTo("4d");
        assertThat(en.duration(Duration.ofDays(90))).isEqualTo("3mo");
        assertThat(zh.duration(Duration.ofSeconds(45))).isEqualTo("45 秒");
        assertThat(zh.duration(Duration.ofMinutes(10))).isEqualTo("10 分钟");
        assertThat(zh.duration(Duration.ofHours(3))).isEqualTo("3 小时");
        assertThat(zh.duration(Duration.ofDays(4))).isEqualTo("4 天");
        assertThat(zh.duration(Duration.ofDays(90))).isEqualTo("3 个月");
        assertThat(zh.duration(Duration.ofDays(800))).isEqualTo("2 年");
        assertThat(Durations.points(7.5)).isEqualTo("7.5");
        assertThat(Durations.points(7.0)).isEqualTo("7");
        assertThat(Durations.points(2.0 / 3)).isEqualTo("0.67");
    }
}
