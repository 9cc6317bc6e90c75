package dojo.cli;

import dojo.DojoException;
import dojo.progress.DataDir;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir}: where progress is kept (else DOJO_HOME, else the XDG data directory). A directory the
 * user named ({@code --data-dir} or {@code DOJO_HOME}) that does not exist is created by the commands that
 * save progress, with a note naming it (a typo shows at once), and is an error for the commands that only
 * read it (docs/progress-log.md, "Where it lives").
 */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where your progress is kept (default: $DOJO_HOME, else $XDG_DATA_HOME/attention-dojo). "
                    + "quiz and review create it; stats reports a missing one as an error.")
    Path dataDir;

    public Path resolve() {
        return DataDir.resolve(dataDir, System.getenv());
    }

    private boolean named() {
        String home = System.getenv("DOJO_HOME");
        return dataDir != null || (home != null && !home.isBlank());
    }

    /** For commands that only read progress: a named directory that does not exist is an error. */
    public Path resolveForReading() {
        Path dir = resolve();
        if (named() && !Files.isDirectory(dir)) {
            throw DojoException.badInput("no progress directory " + dir + " (check --data-dir / DOJO_HOME; "
                    + "'dojo quiz' creates it with your first answer)");
        }
        return dir;
    }

    /** For commands that save progress: a named directory that does not exist is created, and said so. */
    public Path resolveForWriting(PrintWriter err) {
        Path dir = resolve();
        if (named() && !Files.exists(dir)) {
            err.println("dojo: note: " + dir + " did not exist; your progress will be saved there");
            err.flush();
        }
        return dir;
    }
}
