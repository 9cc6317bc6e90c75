package dojo.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.DojoException;
import dojo.review.Rating;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressLogTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    @TempDir
    Path tmp;

    static ReviewEvent event(String id, int minutes, Rating rating) {
        boolean correct = rating.value() >= 3;
        return new ReviewEvent(id, "attention-basics", "en", T0.plusSeconds(60L * minutes), rating, correct,
                correct ? 1.0 : 0.0, 4200, "practice");
    }

    @Test
    @DisplayName("events read back equal the events appended, nulls and non-ASCII text included")
    void roundTrip() throws IOException {
        List<ReviewEvent> written = List.of(
                event("scaling-why", 0, Rating.GOOD),
                new ReviewEvent("注意力-复杂度", "基础", "zh", T0.plusNanos(123_456_789), Rating.HARD, false, 0.5, 0,
                        "exam"),
                new ReviewEvent("no-extras", null, null, T0.plusSeconds(5), Rating.EASY, true, 1.0, 17, null));
        try (ProgressLog log = ProgressLog.open(tmp.resolve("data"))) {
            for (ReviewEvent e : written) log.append(e);
            LogRead read = log.read();
            assertThat(read.events()).containsExactlyElementsOf(written);
            assertThat(read.problems()).isEmpty();
            assertThat(log.file()).isEqualTo(tmp.resolve("data").resolve("reviews.jsonl"));
        }
        assertThat(ProgressLog.readOnly(tmp.resolve("data")).events()).containsExactlyElementsOf(written);
    }

    @Test
    @DisplayName("each event is one UTF-8 JSON line carrying the format version first")
    void oneJsonObjectPerLine() throws IOException {
        try (ProgressLog log = ProgressLog.open(tmp)) {
            log.append(event("a", 0, Rating.AGAIN));
            log.append(event("b", 1, Rating.GOOD));
        }
        List<String> lines = Files.readAllLines(tmp.resolve("reviews.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"v\":1,\"time\":\"2026-01-05T09:00:00Z\",\"id\":\"a\","
                + "\"bank\":\"attention-basics\",\"lang\":\"en\",\"rating\":1,\"correct\":false,\"score\":0.0,"
                + "\"duration_ms\":4200,\"mode\":\"practice\"}");
        assertThat(Files.readString(tmp.resolve("reviews.jsonl"))).endsWith("}\n");
    }

    @Test
    @DisplayName("a torn last line is reported once and skipped, the next append still works and earlier lines survive")
    void tornLastLine() throws IOException {
        Path file = tmp.resolve("reviews.jsonl");
        String good = ReviewEventCodec.toJson(event("a", 0, Rating.GOOD)) + "\n"
                + ReviewEventCodec.toJson(event("b", 1, Rating.AGAIN)) + "\n";
        String torn = "{\"v\":1,\"time\":\"2026-01-05T09:0";
        Files.writeString(file, good + torn);

        try (ProgressLog log = ProgressLog.open(tmp)) {
            LogRead before = log.read();
            assertThat(before.events()).extracting(ReviewEvent::questionId).containsExactly("a", "b");
            assertThat(before.problems()).containsExactly(
                    file + ":3: skipped unreadable review record (torn last line, not valid JSON (torn or edited line))");

            log.append(event("c", 2, Rating.EASY));
            LogRead after = log.read();
            assertThat(after.events()).extracting(ReviewEvent::questionId).containsExactly("a", "b", "c");
            assertThat(after.problems()).hasSize(1).allMatch(p -> p.startsWith(file + ":3: skipped"));
        }
        String content = Files.readString(file);
        assertThat(content).startsWith(good + torn + "\n").endsWith("}\n");
        assertThat(content.lines()).hasSize(4);
    }

    @Test
    @DisplayName("corrupt lines anywhere are skipped with their line number and reason, never deleted")
    void corruptLinesAreReported() throws IOException {
        Path file = tmp.resolve("reviews.jsonl");
        String ok = ReviewEventCodec.toJson(event("a", 0, Rating.GOOD));
        List<String> lines = List.of(
                ok,
                "garbage",
                "{\"v\":1,\"time\":\"2026-01-05T09:00:00Z\",\"rating\":3,\"correct\":true,\"score\":1}",
                "{\"v\":1,\"time\":\"yesterday\",\"id\":\"x\",\"rating\":3,\"correct\":true,\"score\":1}",
                "{\"v\":1,\"time\":\"2026-01-05T09:00:00Z\",\"id\":\"x\",\"rating\":7,\"correct\":true,\"score\":1}",
                "{\"v\":1,\"time\":\"2026-01-05T09:00:00Z\",\"id\":\"x\",\"rating\":3,\"correct\":true,\"score\":2}",
                "",
                "[1,2]",
                ok.replace("\"id\":\"a\"", "\"id\":\"b\""));
        Files.writeString(file, String.join("\n", lines) + "\n");
        byte[] before = Files.readAllBytes(file);

        LogRead read = ProgressLog.readOnly(tmp);

        assertThat(read.events()).extracting(ReviewEvent::questionId).containsExactly("a", "b");
        assertThat(read.problems()).containsExactly(
                file + ":2: skipped unreadable review record (not valid JSON (torn or edited line))",
                file + ":3: skipped unreadable review record (missing field 'id')",
                file + ":4: skipped unreadable review record (field 'time' is not an ISO-8601 instant: \"yesterday\")",
                file + ":5: skipped unreadable review record (field 'rating' must be 1..4, got 7)",
                file + ":6: skipped unreadable review record (score must be in [0, 1], got 2.0)",
                file + ":8: skipped unreadable review record (not a JSON object)");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    @DisplayName("invalid UTF-8 in a line is reported, not fatal")
    void invalidUtf8() throws IOException {
        Path file = tmp.resolve("reviews.jsonl");
        byte[] ok = (ReviewEventCodec.toJson(event("a", 0, Rating.GOOD)) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', (byte) 0xff, (byte) 0xfe, '}', '\n'};
        byte[] all = new byte[ok.length + bad.length];
        System.arraycopy(ok, 0, all, 0, ok.length);
        System.arraycopy(bad, 0, all, ok.length, bad.length);
        Files.write(file, all);
        LogRead read = ProgressLog.readOnly(tmp);
        assertThat(read.events()).hasSize(1);
        assertThat(read.problems()).containsExactly(file + ":2: skipped unreadable review record (not valid UTF-8)");
    }

    @Test
    @DisplayName("unknown fields and a newer format version are read (forward compatible)")
    void unknownFieldsIgnored() throws IOException {
        Files.writeString(tmp.resolve("reviews.jsonl"),
                "{\"v\":2,\"time\":\"2026-01-05T09:00:00Z\",\"id\":\"q\",\"rating\":2,\"correct\":false,"
                        + "\"score\":0.5,\"device\":\"laptop\",\"extra\":{\"nested\":[1,2]}}\r\n");
        LogRead read = ProgressLog.readOnly(tmp);
        assertThat(read.problems()).isEmpty();
        assertThat(read.events()).containsExactly(new ReviewEvent("q", null, null, T0, Rating.HARD, false, 0.5, 0, null));
    }

    @Test
    @DisplayName("reading a data directory with no log yet gives no events and creates nothing")
    void readOnlyMissing() throws IOException {
        LogRead read = ProgressLog.readOnly(tmp.resolve("nothing-here"));
        assertThat(read.events()).isEmpty();
        assertThat(read.problems()).isEmpty();
        assertThat(tmp.resolve("nothing-here")).doesNotExist();
    }

    @Test
    @DisplayName("a file where the data directory should be gives a one-line error naming the path (exit 2)")
    void fileInTheWay() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("blocker"), "not a directory");
        assertThatThrownBy(() -> ProgressLog.open(blocker))
                .isInstanceOfSatisfying(DojoException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining(blocker.toString())
                .hasMessageContaining("a file is in the way where a directory should be")
                .hasMessageNotContaining("\n");
        Path below = blocker.resolve("sub");
        assertThatThrownBy(() -> ProgressLog.open(below))
                .isInstanceOf(DojoException.class)
                .hasMessageContaining(below.toString())
                .hasMessageContaining("not a directory");
        assertThat(Files.readString(blocker)).isEqualTo("not a directory");
    }

    @Test
    @DisplayName("a directory where the log file should be gives a readable error too")
    void directoryInPlaceOfLog() throws IOException {
        Files.createDirectories(tmp.resolve("reviews.jsonl"));
        assertThatThrownBy(() -> ProgressLog.open(tmp))
                .isInstanceOf(DojoException.class)
                .hasMessageContaining(tmp.resolve("reviews.jsonl").toString())
                .hasMessageContaining("is a directory");
    }

    @Test
    @DisplayName("two logs open on the same file in one JVM, appending from two threads, lose nothing")
    void twoInstancesInOneJvm() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        try (ProgressLog a = ProgressLog.open(tmp); ProgressLog b = ProgressLog.open(tmp)) {
            Thread ta = new Thread(() -> appendMany(a, "a", failures));
            Thread tb = new Thread(() -> appendMany(b, "b", failures));
            ta.start();
            tb.start();
            ta.join();
            tb.join();
            assertThat(failures).isEmpty();
            LogRead read = a.read();
            assertThat(read.problems()).isEmpty();
            assertThat(read.events()).hasSize(200);
        }
    }

    private static void appendMany(ProgressLog log, String prefix, List<Throwable> failures) {
        try {
            for (int i = 0; i < 100; i++) log.append(event(prefix + i, i, Rating.GOOD));
        } catch (Throwable t) {
            synchronized (failures) {
                failures.add(t);
            }
        }
    }
}
