package dojo.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dojo.review.Rating;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: one killed mid-session, two appending at once. */
class ProgressLogCrashTest {

    @TempDir
    Path tmp;

    private static Process child(Path dataDir, String prefix, long count) throws Exception {
        Set<String> cp = new LinkedHashSet<>();
        for (Class<?> c : List.of(AppendingChild.class, ProgressLog.class, ObjectMapper.class, JsonFactory.class,
                JsonProperty.class)) {
            cp.add(location(c));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", String.join(File.pathSeparator, cp), AppendingChild.class.getName(),
                dataDir.toString(), prefix, Long.toString(count));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    @DisplayName("a session killed mid-write loses at most the answer being written, and the log stays usable")
    void killedSessionLosesAtMostOneAnswer() throws Exception {
        int reported = 0;
        int target = 150;
        Process p = child(tmp, "kill", -1);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while (reported < target) {
                String line = out.readLine();
                if (line == null) fail("child ended before reporting " + target + " appends (exit " + p.waitFor() + ")");
                if (line.startsWith("appended ")) reported = Integer.parseInt(line.substring(9));
            }
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        LogRead read = ProgressLog.readOnly(tmp);
        assertThat(read.events().size()).isGreaterThanOrEqualTo(target);
        long lines = Files.readString(tmp.resolve("reviews.jsonl")).split("\n", -1).length;
        // every line parses except possibly the last one, cut off by the kill
        assertThat(read.problems()).hasSizeLessThanOrEqualTo(1);
        read.problems().forEach(problem -> assertThat(problem).contains(":" + (read.events().size() + 1) + ": "));
        for (int i = 0; i < read.events().size(); i++) {
            assertThat(read.events().get(i).questionId()).isEqualTo("kill-" + i);
        }
        assertThat(lines).isGreaterThanOrEqualTo(target);

        try (ProgressLog log = ProgressLog.open(tmp)) {
            log.append(new ReviewEvent("after-crash", null, "en", Instant.parse("2026-02-01T00:00:00Z"), Rating.GOOD,
                    true, 1.0, 1, "review"));
            LogRead again = log.read();
            assertThat(again.events()).hasSize(read.events().size() + 1);
            assertThat(again.events().get(again.events().size() - 1).questionId()).isEqualTo("after-crash");
            assertThat(again.problems()).isEqualTo(read.problems());
        }
    }

    @Test
    @DisplayName("two sessions in two processes appending 200 answers each lose nothing and every line parses")
    void concurrentProcessesLoseNothing() throws Exception {
        List<Process> children = new ArrayList<>();
        children.add(child(tmp, "left", 200));
        children.add(child(tmp, "right", 200));
        for (Process p : children) {
            p.getOutputStream().close();
        }
        for (Process p : children) {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                while (out.readLine() != null) {
                    // drain so the child never blocks on a full pipe
                }
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }

        LogRead read = ProgressLog.readOnly(tmp);
        assertThat(read.problems()).isEmpty();
        assertThat(read.events()).hasSize(400);
        for (String prefix : List.of("left", "right")) {
            List<String> ids = read.events().stream().map(ReviewEvent::questionId)
                    .filter(id -> id.startsWith(prefix + "-")).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) expected.add(prefix + "-" + i);
            assertThat(ids).containsExactlyElementsOf(expected);
        }
        assertThat(Files.readString(tmp.resolve("reviews.jsonl")).lines()).hasSize(400);
    }
}
