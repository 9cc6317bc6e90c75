package dojo.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/** Non-interactive input: one answer per line from a reader (standard input when it is not a terminal). */
public final class PlainLineSource implements LineSource {
    private final BufferedReader in;

    public PlainLineSource(BufferedReader in) {
        this.in = in;
    }

    @Override
    public String readLine(String prompt, Optional<Duration> timeLimit) throws Stop {
        try {
            String line = in.readLine();
            if (line == null) throw new Stop(Stop.Reason.END_OF_INPUT);
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }
}
