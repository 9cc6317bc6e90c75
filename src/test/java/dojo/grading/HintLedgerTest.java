package dojo.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HintLedgerTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    @DisplayName("revealed tiers survive a reload, with a timestamped event per hint")
    void persists() {
        Path file = dir.resolve("sub/hints.json");
        HintLedger l = HintLedger.load(file);
        assertThat(l.seen("ex01_softmax")).isZero();
        l.reveal("ex01_softmax", 1, clock);
        l.reveal("ex01_softmax", 2, clock);
        HintLedger again = HintLedger.load(file);
        assertThat(again.seen("ex01_softmax")).isEqualTo(2);
        assertThat(again.events()).containsExactly(new HintLedger.Event("ex01_softmax", 1, "2025-01-02T03:04:05Z"),
                new HintLedger.Event("ex01_softmax", 2, "2025-01-02T03:04:05Z"));
    }

    @Test
    @DisplayName("a corrupt ledger is reported with its place, never silently reset")
    void corrupt() throws Exception {
        Path file = dir.resolve("hints.json");
        Files.writeString(file, "{\n  \"seen\": {\n");
        assertThatThrownBy(() -> HintLedger.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":3:").hasMessageEndingWith("delete it to start over");
        Files.writeString(file, "[]");
        assertThatThrownBy(() -> HintLedger.load(file)).hasMessageContaining("not a hint ledger");
    }

    @Test
    @DisplayName("the ledger lives in DOJO_HOME when set, else in the project's .dojo folder")
    void location() {
        Path project = Path.of("/p");
        assertThat(HintLedger.defaultFile(project, Optional.of("/home/me/dojo"))).isEqualTo(Path.of("/home/me/dojo/hints.json"));
        assertThat(HintLedger.defaultFile(project, Optional.empty())).isEqualTo(Path.of("/p/.dojo/hints.json"));
    }
}
