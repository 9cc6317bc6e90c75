package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.progress.ProgressLog;
import dojo.progress.ReviewEvent;
import dojo.review.Rating;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dojo review} end to end on the fixture banks. */
class QuizReviewCommandTest {
    static final Path GOOD = QuizCommandTest.GOOD;

    @TempDir
    Path data;

    private final InputStream originalIn = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    QuizCommandTest.Run review(String stdin, String... extra) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // an English interface whatever the locale of the machine
        String[] args = new String[extra.length + 7];
        args[0] = "review";
        args[1] = "--questions";
        args[2] = GOOD.toString();
        args[3] = "--data-dir";
        args[4] = data.toString();
        args[5] = "--ui-lang";
        args[6] = "en";
        System.arraycopy(extra, 0, args, 7, extra.length);
        int exit = Dojo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new QuizCommandTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void newQuestionsAreLimitedByNewAndEasiestComeFirst() throws Exception {
        QuizCommandTest.Run r = review("q\n", "--new", "2");
        assertThat(r.out()).contains("Review: 2 new questions (nothing due).");
        // difficulty 1 in file order: qz-single, qz-truefalse
        assertThat(r.out()).contains("· qz-single");
    }

    @Test
    void answeredQuestionsAreNotDueAgainAtOnceAndTheWaitIsShown() throws Exception {
        QuizCommandTest.Run first = review(QuizCommandTest.shown("en", "qz-single", 1, "b") + "\nf\n", "--new", "2", "--seed", "1");
        assertThat(first.lastLine()).isEqualTo("Score: 2/2");
        assertThat(first.out()).containsPattern("Next review in \\d+(s|m|h|d|mo)\\.");
        assertThat(ProgressLog.readOnly(data).events()).extracting(ReviewEvent::mode).containsOnly("review");
        QuizCommandTest.Run again = review("", "--new", "0");
        assertThat(again.exit()).isZero();
        assertThat(again.out().strip()).matches("Nothing due, next due in \\d+(s|m|h|d|mo)\\.");
    }

    @Test
    void overdueQuestionsComeBack() throws Exception {
        try (ProgressLog log = ProgressLog.open(data)) {
            Instant longAgo = Instant.now().minus(Duration.ofDays(400));
            log.append(new ReviewEvent("qz-numeric", "quiz-basics", "en", longAgo, Rating.GOOD, true, 1, 1000, "practice"));
        }
        QuizCommandTest.Run r = review("262144\n", "--new", "0");
        assertThat(r.out()).contains("Review: 1 question due.", "· qz-numeric");
        assertThat(r.lastLine()).isEqualTo("Score: 1/1");
    }

    @Test
    void anEmptyLogWithNoNewQuestionsAllowedIsNothingDue() {
        QuizCommandTest.Run r = review("", "--new", "0");
        assertThat(r.out().strip()).isEqualTo("Nothing due.");
    }
}
