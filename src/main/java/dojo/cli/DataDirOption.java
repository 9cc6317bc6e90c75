package dojo.cli;

import dojo.progress.DataDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where progress is kept (else DOJO_HOME, else the XDG data directory). */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where your progress is kept (default: $DOJO_HOME, else $XDG_DATA_HOME/attention-dojo).")
    Path dataDir;

    public Path resolve() {
        return DataDir.resolve(dataDir, System.getenv());
    }
}
