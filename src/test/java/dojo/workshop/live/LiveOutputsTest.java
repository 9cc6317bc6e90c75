package dojo.workshop.live;

import static dojo.workshop.live.LiveFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dojo.progress.LogRead;
import dojo.progress.ProgressLog;
import dojo.progress.ReviewEvent;
import dojo.progress.ReviewEventCodec;
import dojo.workshop.Learner;
import dojo.workshop.live.LiveFixtures.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveOutputsTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final List<Learner> roster = List.of(new Learner("ada", "Ada", "Lovelace", "", "red", "en"),
            new Learner("bo", "Bo", "Li", "", "blue", "zh"));
    private LiveSession session;

    @BeforeEach
    void play() {
        session = new LiveSession(LiveFixtures.fourQuestions(), Duration.ofSeconds(20), clock, new Random(3));
        String ada = session.join(session.code(), "ada", "red", "en");
        String bo = session.join(session.code(), "Bo Li", "blue", "zh");
        String guest = session.join(session.code(), "guest/1", "", "en");
        session.advance();
        session.answer(ada, 0, "b");
        session.answer(bo, 0, "c");
        session.answer(guest, 0, "b");
        session.advance();
        session.advance();
        session.answer(ada, 1, "a c");
        session.answer(guest, 1, "a");
        session.advance();
        session.finish();
    }

    @Test
    void theResultsNameTheRosterLearnerOfEachPlayer() throws Exception {
        Path file = LiveOutputs.writeResults(dir, session, "Spring group", roster);
        assertThat(file.getFileName().toString()).isEqualTo("20270301-100000-" + session.code() + ".json");
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("format").asText()).isEqualTo("dojo-live-1");
        assertThat(root.get("questions")).hasSize(2);
        assertThat(root.at("/players/0/learner").asText()).isEqualTo("ada");
        assertThat(root.at("/players/1/learner").asText()).isEqualTo("bo");
        assertThat(root.at("/players/2/learner").isNull()).isTrue();
        assertThat(root.at("/players/0/points").asInt()).isEqualTo(2000);
    }

    @Test
    void theGradebookPointsAddUpOverSessionsPerLearner() throws Exception {
        LiveOutputs.writeResults(dir, session, "one", roster);
        clock.advance(Duration.ofHours(1));
        LiveSession second = new LiveSession(LiveFixtures.fourQuestions(), Duration.ofSeconds(20), clock, new Random(4));
        String ada = second.join(second.code(), "ADA", "", "en");
        second.advance();
        second.answer(ada, 0, "b");
        second.advance();
        second.finish();
        LiveOutputs.writeResults(dir, second, "two", roster);
        assertThat(LiveOutputs.pointsByLearner(dir)).isEqualTo(Map.of("ada", 3000, "bo", 0));
    }

    @Test
    void aFileInLiveThatIsNotAResultsFileIsNamed() throws Exception {
        Files.createDirectories(dir.resolve("live"));
        Files.writeString(dir.resolve("live/notes.json"), "{\"x\":1}");
        assertThatThrownBy(() -> LiveOutputs.pointsByLearner(dir)).hasMessageContaining("notes.json: not a live results file");
    }

    @Test
    void rosterLearnersMissesAreAppendedToTheirOwnReviewLog() throws Exception {
        Path homes = dir.resolve("homes");
        List<LiveOutputs.ReviewOutcome> out = LiveOutputs.writeReviews(dir, session, roster, homes + "/{id}/data");
        LiveOutputs.ReviewOutcome bo = out.stream().filter(o -> o.player().equals("Bo Li")).findFirst().orElseThrow();
        assertThat(bo.appendedToLog()).isTrue();
        LogRead log = ProgressLog.readOnly(homes.resolve("bo/data"));
        assertThat(log.events()).extracting(ReviewEvent::questionId).containsExactly("q-single", "q-multi");
        assertThat(log.events()).allSatisfy(e -> {
            assertThat(e.lang()).isEqualTo("zh");
            assertThat(e.mode()).isEqualTo("live");
        });
        assertThat(out).noneMatch(o -> o.player().equals("ada")); // ada missed nothing
    }

    @Test
    void withoutDataDirsMissesAreExportedAsReviewLogFiles() throws Exception {
        List<LiveOutputs.ReviewOutcome> out = LiveOutputs.writeReviews(dir, session, roster, null);
        assertThat(out).extracting(LiveOutputs.ReviewOutcome::appendedToLog).containsOnly(false);
        Path guest = dir.resolve("live/20270301-100000-" + session.code() + "/reviews/guest_1.jsonl");
        List<String> lines = Files.readAllLines(guest);
        assertThat(lines).hasSize(1);
        assertThat(ReviewEventCodec.fromJson(lines.get(0)).questionId()).isEqualTo("q-multi");
        assertThat(dir.resolve("live/20270301-100000-" + session.code() + "/reviews/bo.jsonl")).exists();
    }
}
