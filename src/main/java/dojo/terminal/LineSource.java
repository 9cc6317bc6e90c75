package dojo.terminal;

import java.time.Duration;
import java.util.Optional;

/** Where answers come from: a JLine prompt on a terminal, or lines of standard input. */
public interface LineSource extends AutoCloseable {

    /**
     * One line of input, without its line terminator.
     *
     * @param prompt    shown before the cursor (ignored by non-interactive sources)
     * @param timeLimit when present, an interactive source gives up after this long with {@link Stop.Reason#TIME_UP}
     * @throws Stop when input ended, the learner pressed Ctrl-C, or the time limit passed
     */
    String readLine(String prompt, Optional<Duration> timeLimit) throws Stop;

    @Override
    default void close() {}

    /** Why no line came. */
    final class Stop extends Exception {
        private static final long serialVersionUID = 1L;

        public enum Reason { END_OF_INPUT, INTERRUPTED, TIME_UP }

        private final Reason reason;

        public Stop(Reason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
