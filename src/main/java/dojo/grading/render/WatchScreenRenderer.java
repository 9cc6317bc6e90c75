package dojo.grading.render;

import dojo.grading.ExerciseInfo;
import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.watch.WatchRound;
import java.util.Locale;

/**
 * One screen of {@code dojo watch}: a header (round, what changed, how long grading took), the scoreboard, the
 * first failure of the exercise being worked on with its likely cause, the next {@code ./dojo hint} command, and
 * the next exercise when one has just passed. Plain text; clearing the screen is the front-end's business.
 */
public final class WatchScreenRenderer {
    private final int columns;

    public WatchScreenRenderer() {
        this(-1);
    }

    /** @param columns the terminal's columns the scoreboard is to fit, or -1 (no limit) */
    public WatchScreenRenderer(int columns) {
        this.columns = columns;
    }

    public String render(WatchRound round, String watched) {
        StringBuilder b = new StringBuilder();
        b.append("dojo watch: ").append(watched).append(" · round ").append(round.number());
        if (!round.changed().isEmpty()) {
            b.append(" · changed: ").append(String.join(", ", round.changed()));
        }
        b.append(" · graded ").append(String.join(", ", round.graded())).append(" in ")
                .append(String.format(Locale.ROOT, "%.2f s", round.took().toMillis() / 1000.0)).append("\n\n");
        b.append(ScoreboardRenderer.forColumns(columns).render(round.report()));
        for (String id : round.justPassed()) {
            round.report().exercise(id).ifPresent(e -> b.append('\n').append(id).append(" passes: ")
                    .append(ScoreboardRenderer.points(e.points())).append('/').append(e.maxPoints()).append(" points.\n"));
        }
        round.focus().ifPresent(e -> {
            b.append('\n').append(e.id()).append(": ").append(ScoreboardRenderer.status(e)).append('\n');
            b.append(new FailureRenderer().renderFirst(e));
            int more = e.failures().size() - 1;
            if (e.status() == ExerciseStatus.FAILED && more > 0) {
                b.append("  (and ").append(more).append(more == 1 ? " more failing test" : " more failing tests")
                        .append(": ./dojo grade ").append(e.id()).append(" lists them)\n");
            }
            if (e.nextHintTier() > 0) {
                b.append("  stuck? ./dojo hint ").append(e.id()).append("  (hint ").append(e.nextHintTier()).append(" of ")
                        .append(e.hintTiers()).append(")\n");
            }
        });
        ExerciseInfo next = round.next();
        if (round.focus().isEmpty() || !round.justPassed().isEmpty()) {
            if (next == null) {
                b.append("\nEvery exercise passes.\n");
            } else {
                ExerciseReport r = round.report().exercise(next.id()).orElse(null);
                boolean started = r != null && r.status() != ExerciseStatus.NOT_STARTED;
                // one step a line: the whole sentence was ~120 columns and wrapped mid-word on an 80-column terminal
                b.append('\n').append(round.justPassed().isEmpty() ? "" : "Next: ").append(started ? "continue " : "start ")
                        .append(next.id()).append(" (").append(next.title()).append("):\n")
                        .append("  read ").append(watched).append('/').append(next.id()).append("/README.md\n")
                        .append("  edit ").append(watched).append('/').append(next.implementationFile()).append('\n');
            }
        }
        b.append("\nwatching ").append(watched).append(" for changes; Ctrl-C to stop\n");
        return b.toString();
    }
}
