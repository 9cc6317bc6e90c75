package dojo.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkshopCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WorkshopCli.run(dir, out, err, args);
    }

    @Test
    @DisplayName("init writes workshop.yaml from a roster CSV and refuses to overwrite it")
    void init() throws Exception {
        Files.writeString(dir.resolve("roster.csv"), "id,first,team\nada,Ada,red\nbo,Bo,blue\n");
        assertThat(run("init", "--due", "2027-03-01 23:59", "--timezone", "Asia/Shanghai", "--roster", dir.resolve("roster.csv").toString()))
                .isZero();
        assertThat(out.toString()).contains("2 learners, due 2027-03-01 23:59 Asia/Shanghai");
        assertThat(Files.readString(dir.resolve("workshop.yaml"))).contains("timezone: Asia/Shanghai").contains("- id: \"ada\"");
        assertThat(run("init")).isEqualTo(2);
        assertThat(err.toString()).contains("exists; use --force to overwrite it");
    }

    @Test
    @DisplayName("a broken workshop.yaml stops every command with its place and exit code 2, no stack trace")
    void badConfig() throws Exception {
        Files.writeString(dir.resolve("workshop.yaml"), Corpus.config(java.util.List.of("ada"), "").replace("Europe/Berlin", "Atlantis"));
        assertThat(run("grade")).isEqualTo(2);
        assertThat(err.toString()).startsWith("dojo: error: " + dir.resolve("workshop.yaml") + ":4:11: unknown time zone 'Atlantis'")
                .doesNotContain("Exception");
    }

    @Test
    @DisplayName("a shard that is not I/N is bad usage")
    void badShard() throws Exception {
        Files.writeString(dir.resolve("workshop.yaml"), Corpus.config(java.util.List.of("ada"), ""));
        assertThat(run("grade", "--shard", "3/2")).isEqualTo(2);
        assertThat(err.toString()).contains("--shard: shard 3/2 is out of range");
    }

    @Test
    @DisplayName("merge lists learners no shard graded and exits 1")
    void mergeMissing() throws Exception {
        Files.writeString(dir.resolve("workshop.yaml"), Corpus.config(java.util.List.of("ada", "bo"), ""));
        Files.createDirectories(dir.resolve("shard-1"));
        assertThat(run("merge", dir.resolve("shard-1").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("merged 0 of 2 learners").contains("missing (no shard graded them): ada, bo");
    }
}
