package dojo.terminal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Chooses how a quiz talks to its user. Interactive (JLine) only when standard input and output are a
 * real terminal; otherwise, or when JLine falls back to a dumb terminal, plain line-by-line I/O with no
 * escape codes. Colours are on only when interactive and {@code NO_COLOR} is unset (any value, even
 * empty, turns them off).
 */
public final class TerminalIO implements AutoCloseable {
    /** Wrapping width for non-interactive output and the cap for wide terminals (long lines are hard to read). */
    public static final int PLAIN_WIDTH = 80;
    public static final int MAX_WIDTH = 100;

    private final Terminal terminal;
    private final LineSource in;
    private final PrintWriter out;
    private final boolean color;
    private final int width;

    private TerminalIO(Terminal terminal, LineSource in, PrintWriter out, boolean color, int width) {
        this.terminal = terminal;
        this.in = in;
        this.out = out;
        this.color = color;
        this.width = width;
    }

    /**
     * @param stdin  standard input (read line by line when not interactive)
     * @param stdout where plain output goes
     * @param env    the environment, for {@code NO_COLOR}
     */
    public static TerminalIO open(InputStream stdin, PrintWriter stdout, Map<String, String> env) {
        if (stdioIsTerminal()) {
            Terminal t = null;
            try {
                t = TerminalBuilder.builder().system(true).dumb(true).build();
            } catch (IOException | RuntimeException e) {
                t = null;
            }
            if (t != null && !isDumb(t)) {
                boolean color = !env.containsKey("NO_COLOR");
                int w = t.getWidth() > 0 ? Math.min(t.getWidth() - 1, MAX_WIDTH) : PLAIN_WIDTH;
                return new TerminalIO(t, new JLineSource(t), t.writer(), color, Math.max(20, w));
            }
            if (t != null) closeQuietly(t);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        return new TerminalIO(null, new PlainLineSource(reader), stdout, false, PLAIN_WIDTH);
    }

    /**
     * How to style output that is not a quiz (reports): colours and width when stdout is a terminal and
     * {@code NO_COLOR} is unset, else no colours and {@link #PLAIN_WIDTH} columns.
     */
    public record OutputStyle(boolean color, int width) {}

    public static OutputStyle outputStyle(Map<String, String> env) {
        if (!stdioIsTerminal()) return new OutputStyle(false, PLAIN_WIDTH);
        String term = env.get("TERM");
        if (term == null || term.isBlank() || term.startsWith(Terminal.TYPE_DUMB)) {
            return new OutputStyle(false, PLAIN_WIDTH);
        }
        int cols = systemOutputWidth();
        int w = cols > 0 ? Math.min(cols - 1, MAX_WIDTH) : PLAIN_WIDTH;
        return new OutputStyle(!env.containsKey("NO_COLOR"), Math.max(40, w));
    }

    /**
     * The columns of the terminal standard output is on, or -1 when it is not one (a pipe or a file: no width
     * to fit, the whole line is kept). For tables, which may use the whole width; prose keeps {@link #outputStyle}.
     */
    public static int outputColumns() {
        return stdioIsTerminal() ? systemOutputWidth() : -1;
    }

    /**
     * The columns of the terminal on standard output, or -1. Asks JLine's providers for the width only:
     * building a system {@link Terminal} and closing it would close file descriptors 1 and 2 for the whole
     * process (its writer wraps {@code FileDescriptor.out}), and everything printed afterwards would vanish.
     */
    static int systemOutputWidth() {
        try {
            for (TerminalProvider p : TerminalBuilder.builder().getProviders(null, new IllegalStateException())) {
                try {
                    if (p.isSystemStream(SystemStream.Output)) {
                        int w = p.systemStreamWidth(SystemStream.Output);
                        if (w > 0) return w;
                    }
                } catch (RuntimeException | LinkageError e) {
                    // this provider cannot tell; try the next one
                }
            }
        } catch (RuntimeException e) {
            // no provider could be loaded
        }
        return -1;
    }

    /**
     * Starts {@link #open} on a background thread when stdio is a terminal: building a JLine terminal takes
     * a few hundred milliseconds, which can overlap with loading the banks. Close the result if it is never
     * used, so a terminal that was set up is restored.
     */
    public static Pending openAsync(InputStream stdin, PrintWriter stdout, Map<String, String> env) {
        if (!stdioIsTerminal()) return new Pending(CompletableFuture.completedFuture(open(stdin, stdout, env)));
        CompletableFuture<TerminalIO> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(open(stdin, stdout, env));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "dojo-terminal-setup");
        t.setDaemon(true);
        t.start();
        return new Pending(f);
    }

    /** A terminal being set up. */
    public static final class Pending implements AutoCloseable {
        private final CompletableFuture<TerminalIO> future;
        private boolean taken;

        private Pending(CompletableFuture<TerminalIO> future) {
            this.future = future;
        }

        /** Waits for the terminal; the caller then owns it (and closes it). */
        public TerminalIO get() {
            taken = true;
            return future.join();
        }

        /** Closes the terminal unless {@link #get()} handed it over. */
        @Override
        public void close() {
            if (!taken) {
                try {
                    future.join().close();
                } catch (RuntimeException e) {
                    // setting up failed: nothing to restore
                }
            }
        }
    }

    /** Plain I/O over the given streams, whatever they are (tests, scripts). */
    public static TerminalIO plain(BufferedReader in, PrintWriter out) {
        return new TerminalIO(null, new PlainLineSource(in), out, false, PLAIN_WIDTH);
    }

    public boolean interactive() {
        return terminal != null;
    }

    public boolean color() {
        return color;
    }

    public int width() {
        return width;
    }

    public LineSource in() {
        return in;
    }

    public PrintWriter out() {
        return out;
    }

    /** The quiz view for this terminal's colours and width, worded by {@code ui}. */
    public QuizView view(Messages ui) {
        return new QuizView(new MarkdownRenderer(color, width), interactive(), ui);
    }

    @Override
    public void close() {
        in.close();
        out.flush();
        if (terminal != null) closeQuietly(terminal);
    }

    private static boolean isDumb(Terminal t) {
        String type = t.getType();
        return type == null || type.startsWith(Terminal.TYPE_DUMB);
    }

    /**
     * Whether stdin and stdout are a terminal. Before JDK 22 {@code System.console()} is null otherwise;
     * from 22 on it is not, and {@code Console.isTerminal()} (absent on 17) answers.
     */
    public static boolean stdioIsTerminal() {
        Console c = System.console();
        if (c == null) return false;
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** A terminal that can redraw a line in place: {@link #stdioIsTerminal()} and not {@code TERM=dumb}. */
    public static boolean redrawableTerminal() {
        return !"dumb".equals(System.getenv("TERM")) && stdioIsTerminal();
    }

    private static void closeQuietly(Terminal t) {
        try {
            t.close();
        } catch (IOException e) {
            // nothing left to restore
        }
    }
}
