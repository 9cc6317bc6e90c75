package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dojo.progress.ProgressLog;
import dojo.progress.ReviewEvent;
import dojo.review.Rating;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dojo stats} wired to the banks and the review log. */
class QuizStatsCommandTest {
    @TempDir
    Path data;

    QuizCommandTest.Run stats(String... extra) {
        // an English interface whatever the locale of the machine
        String[] args = new String[extra.length + 7];
        args[0] = "stats";
        args[1] = "--questions";
        args[2] = QuizCommandTest.GOOD.toString();
        args[3] = "--data-dir";
        args[4] = data.toString();
        args[5] = "--ui-lang";
        args[6] = "en";
        System.arraycopy(extra, 0, args, 7, extra.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Dojo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new QuizCommandTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void theJsonReportCountsTheLoggedAnswers() throws Exception {
        try (ProgressLog log = ProgressLog.open(data)) {
            log.append(new ReviewEvent("qz-single", "quiz-basics", "en", Instant.now(), Rating.GOOD, true, 1, 900, "practice"));
            log.append(new ReviewEvent("qz-short", "quiz-basics", "en", Instant.now(), Rating.AGAIN, false, 0, 900, "practice"));
        }
        QuizCommandTest.Run r = stats("--json", "--lang", "en");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/counts/questions").asInt()).isEqualTo(7);
        assertThat(json.at("/counts/reviewed").asInt()).isEqualTo(2);
        assertThat(json.at("/accuracy/overall/correct").asInt()).isEqualTo(1);
    }

    @Test
    void theTextReportHasNoEscapeCodesWhenNotOnATerminal() {
        QuizCommandTest.Run r = stats();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Attention Dojo progress").doesNotContain("\u001b");
    }

    @Test
    void aCorruptLogLineIsAWarningNotAFailure() throws Exception {
        Files.createDirectories(data);
        Files.writeString(data.resolve("reviews.jsonl"), "garbage\n");
        QuizCommandTest.Run r = stats();
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("dojo: warning: ").contains("reviews.jsonl:1:");
    }

    @Test
    void anUnknownLanguageIsBadInput() {
        QuizCommandTest.Run r = stats("--lang", "fr");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("dojo: error: no questions in language 'fr'; languages: en, zh");
    }
}
