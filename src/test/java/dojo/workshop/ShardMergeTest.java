package dojo.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.grading.ExerciseIndex;
import dojo.workshop.sandbox.Isolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards and merge, on learners without submissions (no grading JVM needed, so this stays fast). */
class ShardMergeTest {
    private static final Path PROJECT = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-02-28T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path workshop;

    private WorkshopConfig config(int learners) throws IOException {
        List<String> ids = IntStream.rangeClosed(1, learners).mapToObj(i -> "l" + i).toList();
        Files.writeString(workshop.resolve("workshop.yaml"), Corpus.config(ids, ""));
        return WorkshopConfigParser.load(workshop.resolve("workshop.yaml"), ExerciseIndex.load(PROJECT));
    }

    private List<String> grade(WorkshopConfig c, Shard s, Path out) {
        List<String> seen = new ArrayList<>();
        new BatchGrader(CLOCK, List.of()).grade(new BatchGrader.Request(PROJECT, c, new WorkshopLayout(workshop), out, 2, s,
                Isolation.none()), r -> seen.add(r.learner()));
        return seen;
    }

    @Test
    @DisplayName("three shards cover the roster exactly once and merge into one grade per learner")
    void shardsCoverTheRosterOnce() throws IOException {
        WorkshopConfig c = config(7);
        List<String> all = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path out = workshop.resolve("shard-" + i);
            all.addAll(grade(c, new Shard(i, 3), out));
            dirs.add(out);
        }
        assertThat(all).containsExactlyInAnyOrder("l1", "l2", "l3", "l4", "l5", "l6", "l7");
        List<String> missing = GradeStore.merge(dirs, workshop.resolve("grades"), c);
        assertThat(missing).isEmpty();
        assertThat(GradeStore.readAll(workshop.resolve("grades"))).containsOnlyKeys("l1", "l2", "l3", "l4", "l5", "l6", "l7");
        assertThat(GradeStore.read(workshop.resolve("grades/l3.json")).status()).isEqualTo(SubmissionResult.Status.NO_SUBMISSION);
    }

    @Test
    @DisplayName("merging without a shard lists the learners nobody graded")
    void missingShard() throws IOException {
        WorkshopConfig c = config(4);
        Path one = workshop.resolve("shard-1");
        grade(c, new Shard(1, 2), one);
        assertThat(GradeStore.merge(List.of(one), workshop.resolve("grades"), c)).containsExactly("l2", "l4");
    }

    @Test
    @DisplayName("a learner graded in two shards is refused")
    void overlappingShards() throws IOException {
        WorkshopConfig c = config(2);
        grade(c, Shard.all(), workshop.resolve("a"));
        grade(c, Shard.all(), workshop.resolve("b"));
        assertThatThrownBy(() -> GradeStore.merge(List.of(workshop.resolve("a"), workshop.resolve("b")), workshop.resolve("grades"), c))
                .isInstanceOf(WorkshopException.class).hasMessageContaining("was also graded in");
    }

    @Test
    @DisplayName("a shard is I/N with 1 <= I <= N")
    void shardSyntax() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThatThrownBy(() -> Shard.parse("5/4")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Shard.parse("two")).hasMessageContaining("use I/N");
    }
}
