package dojo.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.review.Rating;
import dojo.review.Scheduler;
import dojo.review.SchedulerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved digest is a cache: whatever happens to the log, results equal replaying the whole log. */
class LogDigestTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Scheduler SCHEDULER = Scheduler.replayable(SchedulerConfig.defaults());
    private static final String FP = LogDigest.fingerprint(SchedulerConfig.defaults());

    @TempDir
    Path dir;

    private final SplittableRandom rnd = new SplittableRandom(7);
    private Instant now = T0;

    /** Appends n events in time order (optionally with small backwards jumps, as concurrent sessions make). */
    private void append(int n, boolean jitter) throws IOException {
        StringBuilder lines = new StringBuilder();
        {
            for (int i = 0; i < n; i++) {
                now = now.plusSeconds(rnd.nextLong(10, 90_000));
                Instant t = jitter && rnd.nextInt(5) == 0 ? now.minusSeconds(rnd.nextLong(1, 200_000)) : now;
                String id = "q" + rnd.nextInt(40);
                Rating r = Rating.of(1 + rnd.nextInt(4));
                lines.append(ReviewEventCodec.toJson(new ReviewEvent(id, "b", "en", t, r, r.value() >= 3, r.value() >= 3 ? 1 : 0, 500, "practice")))
                        .append('\n');
            }
        }
        // written as ProgressLog.append writes them, without an fsync per line (3,000 lines per test)
        Path log = dir.resolve(ProgressLog.FILE_NAME);
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        if (Files.exists(log) && Files.size(log) > 0) {
            byte[] old = Files.readAllBytes(log);
            if (old[old.length - 1] != '\n') bytes = ("\n" + lines).getBytes(StandardCharsets.UTF_8); // as append completes a torn line
        }
        Files.write(log, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private LogDigest fromScratch() throws IOException {
        LogRead all = ProgressLog.readOnly(dir);
        return LogDigest.of(all.events(), all.problems(), SCHEDULER);
    }

    private Path store() {
        return dir.resolve(DigestStore.FILE_NAME);
    }

    @Test
    @DisplayName("the first read saves a digest, and later reads extended by appended lines equal a full replay")
    void savedDigestPlusTailEqualsFullReplay() throws IOException {
        append(3000, false);
        LogDigest first = ProgressLog.digest(dir, SCHEDULER, FP);
        assertThat(Files.exists(store())).isTrue();
        assertThat(first).isEqualTo(fromScratch());
        for (int round = 0; round < 5; round++) {
            append(rnd.nextInt(1, 400), false);
            assertThat(ProgressLog.digest(dir, SCHEDULER, FP)).as("round %d", round).isEqualTo(fromScratch());
        }
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP).cards()).isEqualTo(Replay.cards(ProgressLog.readOnly(dir).events(), SCHEDULER));
    }

    @Test
    @DisplayName("an appended answer older than one already replayed for its question falls back to a full replay")
    void outOfOrderTailFallsBack() throws IOException {
        append(2000, false);
        ProgressLog.digest(dir, SCHEDULER, FP);
        append(300, true);
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP)).isEqualTo(fromScratch());
    }

    @Test
    @DisplayName("an edited, truncated or replaced log is read in full, never through the stale digest")
    void editedLogIsNotTrustedToTheDigest() throws IOException {
        append(2000, false);
        ProgressLog.digest(dir, SCHEDULER, FP);
        Path log = dir.resolve(ProgressLog.FILE_NAME);
        long before = Files.size(log);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        // same length, other meaning: an early answer's rating and a late one's (the digest covers both)
        for (int k : new int[] {10, lines.size() - 3}) {
            String l = lines.get(k);
            int at = l.indexOf("\"rating\":") + 9;
            lines.set(k, l.substring(0, at) + (l.charAt(at) == '1' ? '4' : '1') + l.substring(at + 1));
        }
        Files.write(log, lines);
        assertThat(Files.size(log)).as("the edit keeps the log's size").isEqualTo(before);
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP)).isEqualTo(fromScratch());
        lines.remove(5);
        Files.write(log, lines);
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP)).isEqualTo(fromScratch());
        Files.write(log, lines.subList(0, 100));
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP)).isEqualTo(fromScratch());
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP).count()).isEqualTo(100);
    }

    @Test
    @DisplayName("a corrupt or foreign digest file is ignored and replaced")
    void corruptDigestIsIgnored() throws IOException {
        append(500, false);
        Files.write(store(), "not a digest".getBytes(StandardCharsets.UTF_8));
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP)).isEqualTo(fromScratch());
        byte[] saved = Files.readAllBytes(store());
        Files.write(store(), java.util.Arrays.copyOf(saved, saved.length / 2));
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP)).isEqualTo(fromScratch());
    }

    @Test
    @DisplayName("a digest made with other scheduler parameters or code is not used")
    void otherFingerprintIsNotUsed() throws IOException {
        append(500, false);
        ProgressLog.digest(dir, SCHEDULER, "another scheduler");
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP)).isEqualTo(fromScratch());
        assertThat(FP).contains("code=");
    }

    @Test
    @DisplayName("a torn last line is reported on every read and never saved into the digest")
    void tornLastLineStaysOutOfTheDigest() throws IOException {
        append(400, false);
        Files.write(dir.resolve(ProgressLog.FILE_NAME), "{\"id\":\"q1\",\"ti".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        LogDigest d = ProgressLog.digest(dir, SCHEDULER, FP);
        assertThat(d.problems()).singleElement().asString().contains(":401: skipped unreadable review record (torn last line");
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP).problems()).hasSize(1);
        append(2, false); // the next append completes the torn line first, then writes two records
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP)).isEqualTo(fromScratch());
    }

    @Test
    @DisplayName("problems found in the tail keep their real line numbers")
    void tailProblemsKeepLineNumbers() throws IOException {
        append(3000, false);
        ProgressLog.digest(dir, SCHEDULER, FP);
        Files.write(dir.resolve(ProgressLog.FILE_NAME), "garbage\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertThat(ProgressLog.digest(dir, SCHEDULER, FP).problems()).isEqualTo(fromScratch().problems())
                .singleElement().asString().contains(":3001: ");
    }

    @Test
    @DisplayName("no log: an empty digest and no file written")
    void noLog() throws IOException {
        LogDigest d = ProgressLog.digest(dir.resolve("missing"), SCHEDULER, FP);
        assertThat(d.count()).isZero();
        assertThat(Files.exists(dir.resolve("missing"))).isFalse();
    }
}
