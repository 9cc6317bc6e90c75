package dojo.cli;

import dojo.models.TrainListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Renders training progress: on a terminal one bar redrawn in place (step, loss, validation metric,
 * ETA); otherwise one plain line per evaluation, so logs stay readable.
 */
final class TrainProgressPrinter implements TrainListener {

    private final PrintWriter out;
    private final boolean terminal;
    private final String metric;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    TrainProgressPrinter(PrintWriter out, boolean terminal, String metric) {
        this.out = out;
        this.terminal = terminal;
        this.metric = metric;
    }

    @Override
    public void onProgress(Progress p) {
        if (!terminal) {
            if (p.evaluated()) {
                out.println(String.format(Locale.ROOT, "  step %d/%d  loss %.4f  validation %s %s  elapsed %s  eta %s",
                        p.step(), p.maxSteps(), p.loss(), metric, fmt(p.validation()), time(p.elapsed()), time(p.eta())));
                out.flush();
            }
            return;
        }
        long ms = p.elapsed().toMillis();
        if (!p.evaluated() && ms - lastDraw < 100 && p.step() != p.maxSteps()) return;
        lastDraw = ms;
        int width = 24, filled = (int) ((long) width * p.step() / p.maxSteps());
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        out.print(String.format(Locale.ROOT, "\r  [%s] step %d/%d  loss %.4f  %s %s  eta %s   ", bar, p.step(), p.maxSteps(),
                p.loss(), metric, fmt(p.validation()), time(p.eta())));
        out.flush();
        drawn = true;
    }

    /** Ends the bar's line (call once after training). */
    void finish() {
        if (terminal && drawn) {
            out.println();
            out.flush();
        }
        drawn = false;
        lastDraw = Long.MIN_VALUE;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String time(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s >= 60 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60) : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
