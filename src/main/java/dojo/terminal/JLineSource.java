package dojo.terminal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Interactive input on a JLine {@link LineReader}: line editing, no history (answers are not commands
 * to recall) and no {@code !} expansion. Ctrl-C and Ctrl-D end the session; a time limit is enforced by
 * raising an interrupt on the terminal when it passes.
 */
public final class JLineSource implements LineSource {
    private final Terminal terminal;
    private final LineReader reader;
    private ScheduledExecutorService timer;

    public JLineSource(Terminal terminal) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .variable(LineReader.DISABLE_HISTORY, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_BEEP, false)
                .build();
    }

    @Override
    public String readLine(String prompt, Optional<Duration> timeLimit) throws Stop {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> alarm = null;
        if (timeLimit.isPresent()) {
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "dojo-exam-timer");
                    t.setDaemon(true);
                    return t;
                });
            }
            long ms = Math.max(1, timeLimit.get().toMillis());
            alarm = timer.schedule(() -> {
                timedOut.set(true);
                terminal.raise(Terminal.Signal.INT);
            }, ms, TimeUnit.MILLISECONDS);
        }
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException e) {
            throw new Stop(timedOut.get() ? Stop.Reason.TIME_UP : Stop.Reason.INTERRUPTED);
        } catch (EndOfFileException e) {
            throw new Stop(Stop.Reason.END_OF_INPUT);
        } finally {
            if (alarm != null) alarm.cancel(false);
        }
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
