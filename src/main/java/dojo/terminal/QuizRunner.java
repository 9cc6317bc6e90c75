package dojo.terminal;

import dojo.ControlChars;
import dojo.progress.ReviewEvent;
import dojo.questions.Choice;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.quiz.Hint;
import dojo.quiz.Presented;
import dojo.quiz.QuizResult;
import dojo.quiz.Session;
import dojo.quiz.Submission;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Drives a {@link Session} from a {@link LineSource}: shows each question, reads answers, handles the
 * commands ({@code ?}/{@code h} hint, {@code s} skip, {@code q} quit), records every accepted answer
 * through the sink before going on, and prints the summary ending with {@code Score: X/Y}. Every word
 * shown comes from the {@link QuizView} (and so from its {@link Messages}).
 *
 * <p>The same loop serves the interactive terminal and the non-interactive protocol; they differ only
 * in the line source, colours, and how open questions are asked (interactive: a free answer, then the
 * model answer, then a self-rating; non-interactive: the model answer is shown at once and the one line
 * read is the rating).
 */
public final class QuizRunner {

    /** Where accepted answers go (the progress log); called before the next question is shown. */
    @FunctionalInterface
    public interface EventSink {
        void record(ReviewEvent event) throws IOException;
    }

    private final QuizView view;
    private final LineSource in;
    private final PrintWriter out;
    private final boolean interactive;
    private final EventSink sink;
    private final Function<ReviewEvent, Optional<Duration>> nextReview;
    private boolean interrupted;

    /** Exit code of a session the learner ended with Ctrl-C (128 + SIGINT), as shells expect. */
    public static final int INTERRUPTED_EXIT = 130;

    /**
     * @param nextReview for review sessions, how long until the answered question is due again;
     *                   {@code e -> Optional.empty()} otherwise
     */
    public QuizRunner(QuizView view, LineSource in, PrintWriter out, boolean interactive, EventSink sink,
            Function<ReviewEvent, Optional<Duration>> nextReview) {
        this.view = view;
        this.in = in;
        this.out = out;
        this.interactive = interactive;
        this.sink = sink;
        this.nextReview = nextReview;
    }

    /** Runs the session to its end and returns the result (also printed). */
    public QuizResult run(Session s, Optional<Duration> timeLimit) {
        print(s.reviewCounts().isPresent()
                ? view.introReview(s.reviewCounts().get().due(), s.reviewCounts().get().fresh())
                : view.intro(s.mode(), s.size(), timeLimit));
        int shownPosition = 0;
        outer:
        while (true) {
            Optional<Presented> current = s.current();
            if (current.isEmpty()) {
                if (s.result().ending() == QuizResult.Ending.TIME_UP) print(view.timeUp());
                break;
            }
            Presented p = current.get();
            Question q = p.question();
            boolean open = q.type() == QuestionType.OPEN;
            boolean modelShown = false;
            if (shownPosition != s.position()) {
                print(view.question(p, s.position(), s.size()));
                shownPosition = s.position();
                if (open && !interactive) {
                    print(view.modelAnswer(q));
                    modelShown = true;
                }
            }
            while (true) {
                String line;
                try {
                    line = in.readLine(prompt(s, open && modelShown), s.timeLeft().map(d -> d.plusMillis(1)));
                } catch (LineSource.Stop stop) {
                    if (stop.reason() == LineSource.Stop.Reason.TIME_UP) continue outer;
                    if (stop.reason() == LineSource.Stop.Reason.INTERRUPTED) interrupted = true;
                    s.quit();
                    break outer;
                }
                line = ControlChars.replace(line); // an answer never writes escape sequences back to the terminal
                if (!interactive) print(List.of("> " + line));
                String cmd = line.trim().toLowerCase(Locale.ROOT);
                if (cmd.equals("?") || (cmd.equals("h") && !isChoiceKey(q, "h"))) {
                    Optional<Hint> h = s.hint();
                    print(h.isPresent() ? view.hint(h.get()) : view.noMoreHints(q));
                    continue;
                }
                if (cmd.equals("s") && !isChoiceKey(q, "s")) {
                    s.skip();
                    print(s.mode().immediateFeedback() ? view.skipped(p) : view.skipped());
                    continue outer;
                }
                if (cmd.equals("q") && !isChoiceKey(q, "q")) {
                    s.quit();
                    break outer;
                }
                if (open && !modelShown) {
                    print(view.modelAnswer(q));
                    modelShown = true;
                    continue;
                }
                Submission sub = s.answer(line);
                if (sub instanceof Submission.Rejected) {
                    print(view.rejected(((Submission.Rejected) sub).rejection()));
                    continue;
                }
                if (sub instanceof Submission.TimeUp) continue outer;
                Submission.Accepted a = (Submission.Accepted) sub;
                try {
                    sink.record(a.event());
                } catch (IOException e) {
                    // the learner is told the answer was not kept (the message names the log), never left guessing
                    throw new UncheckedIOException("your last answer was not saved: " + e.getMessage(), e);
                }
                if (s.mode().immediateFeedback()) {
                    print(view.feedback(a.outcome(), nextReview.apply(a.event())));
                } else {
                    print(view.answerRecorded());
                }
                continue outer;
            }
        }
        QuizResult r = s.result();
        print(view.summary(r));
        return r;
    }

    /** Whether the last {@link #run} ended with Ctrl-C (the answers given before it are saved). */
    public boolean interrupted() {
        return interrupted;
    }

    private String prompt(Session s, boolean rating) {
        if (!interactive) return "";
        return view.promptStatus(s.position(), s.size(), s.timeLeft(), rating) + "› ";
    }

    /** A command letter that is also a choice key (a question with 8+ choices has an {@code h}) is an answer. */
    private static boolean isChoiceKey(Question q, String key) {
        for (Choice c : q.choices()) if (c.key().equals(key)) return true;
        return false;
    }

    private void print(List<String> lines) {
        for (String l : lines) out.println(l);
        out.flush();
    }
}
