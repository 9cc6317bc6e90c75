package dojo.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every review sequence py-fsrs 6.3.1 produced (fuzz off) is reproduced step by step. */
class FsrsReferenceVectorsTest {

    private static JsonNode vectors() throws IOException {
        try (InputStream in = FsrsReferenceVectorsTest.class.getResourceAsStream("/fsrs/fsrs-vectors.json")) {
            assertThat(in).as("fsrs-vectors.json on the test class path").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<String> caseNames() throws IOException {
        List<String> names = new ArrayList<>();
        vectors().get("cases").forEach(c -> names.add(c.get("name").asText()));
        return names.stream();
    }

    @Test
    @DisplayName("the reference file holds the three py-fsrs sequences")
    void referenceFileHoldsCases() throws IOException {
        assertThat(caseNames()).containsExactly("all-good-on-time", "lapse-then-recover", "easy-first");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("each review matches py-fsrs in state, step, stability, difficulty and due")
    void reproducesCase(String name) throws IOException {
        JsonNode c = null;
        for (JsonNode n : vectors().get("cases")) {
            if (n.get("name").asText().equals(name)) c = n;
        }
        assertThat(c).isNotNull();
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults().withoutFuzz(), new SplittableRandom(1));
        Card card = Card.fresh(name, Instant.parse(c.get("start").asText()));
        int i = 0;
        for (JsonNode step : c.get("steps")) {
            Instant at = Instant.parse(step.get("at").asText());
            Rating rating = Rating.of(step.get("rating").asInt());
            card = scheduler.review(card, rating, at);
            JsonNode e = step.get("expect");
            String where = name + " review " + i + " (" + rating + " at " + at + ")";
            assertThat(card.state()).as(where + " state").isEqualTo(stateOf(e.get("state").asText()));
            assertThat(card.step()).as(where + " step").isEqualTo(e.get("step").isNull() ? -1 : e.get("step").asInt());
            double s = e.get("stability").asDouble();
            double d = e.get("difficulty").asDouble();
            assertThat(card.stability()).as(where + " stability").isCloseTo(s, within(1e-6 * Math.abs(s)));
            assertThat(card.difficulty()).as(where + " difficulty").isCloseTo(d, within(1e-6 * Math.abs(d)));
            assertThat(card.due()).as(where + " due").isEqualTo(Instant.parse(e.get("due").asText()));
            assertThat(card.lastReview()).as(where + " last review").isEqualTo(at);
            assertThat(card.reps()).as(where + " reps").isEqualTo(i + 1);
            i++;
        }
        assertThat(i).isPositive();
    }

    private static Card.State stateOf(String pyName) {
        return switch (pyName) {
            case "Learning" -> Card.State.LEARNING;
            case "Review" -> Card.State.REVIEW;
            case "Relearning" -> Card.State.RELEARNING;
            default -> throw new IllegalArgumentException("unknown py-fsrs state " + pyName);
        };
    }
}
