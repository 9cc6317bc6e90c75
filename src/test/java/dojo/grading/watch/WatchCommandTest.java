package dojo.grading.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.cli.WatchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WatchCommandTest {
    private static final Path PROJECT = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private static int run(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new WatchCommand(PROJECT));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("dojo: error: " + ex.getMessage());
            return ex instanceof dojo.DojoException d ? d.exitCode() : 1;
        });
        return cl.execute(args);
    }

    @Test
    void anUnknownExerciseIsBadUsageBeforeAnythingIsWatched() {
        StringWriter err = new StringWriter();

        assertThat(run(err, "ex99_nope")).isEqualTo(2);
        assertThat(err.toString()).contains("ex99_nope").contains("ex01_softmax");
    }

    @Test
    void aTreeThatIsNotAFolderIsBadUsage() {
        StringWriter err = new StringWriter();

        assertThat(run(err, "--tree", temp.resolve("absent").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not a directory");
    }
}
