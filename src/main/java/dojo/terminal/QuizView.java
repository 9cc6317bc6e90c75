package dojo.terminal;

import dojo.questions.Answer;
import dojo.questions.Choice;
import dojo.questions.Question;
import dojo.quiz.Hint;
import dojo.quiz.Mode;
import dojo.quiz.Presented;
import dojo.quiz.QuestionOutcome;
import dojo.quiz.QuizResult;
import dojo.quiz.Scoring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns questions, feedback and results into terminal lines. It computes nothing: scores and outcomes
 * come from the engine. Colours only when the renderer has them on.
 */
public final class QuizView {
    private static final Style HEADER = Style.PLAIN.dim();
    private static final Style TITLE = Style.PLAIN.bold();
    private static final Style RIGHT = Style.PLAIN.bold().with(Style.Color.GREEN);
    private static final Style WRONG = Style.PLAIN.bold().with(Style.Color.RED);
    private static final Style PARTIAL = Style.PLAIN.bold().with(Style.Color.YELLOW);
    private static final Style LABEL = Style.PLAIN.bold().with(Style.Color.BLUE);
    private static final Style NOTE = Style.PLAIN.with(Style.Color.MAGENTA);

    private final MarkdownRenderer md;
    private final boolean interactive;

    public QuizView(MarkdownRenderer md, boolean interactive) {
        this.md = md;
        this.interactive = interactive;
    }

    public MarkdownRenderer renderer() {
        return md;
    }

    /** The opening line of a session. */
    public List<String> intro(Mode mode, int questions, java.util.Optional<Duration> timeLimit) {
        String what = questions == 1 ? "1 question" : questions + " questions";
        String line;
        switch (mode) {
            case EXAM:
                line = "Exam: " + what + " in " + Durations.clock(timeLimit.orElse(Duration.ZERO))
                        + ". No feedback until the end; unanswered questions count as wrong.";
                break;
            case REVIEW:
                line = "Review: " + what + " due.";
                break;
            case RETRY_WRONG:
                line = "Retry: " + what + " you last got wrong.";
                break;
            default:
                line = "Practice: " + what + ".";
        }
        List<String> out = new ArrayList<>(para(line, TITLE));
        out.addAll(para("At the prompt: ? or h for a hint, s to skip, q to quit"
                + (interactive ? " (Ctrl-C and Ctrl-D quit too; progress is saved after every answer)." : "."), HEADER));
        return out;
    }

    /** The question as asked: header, title, prompt, choices or items, and how to answer. */
    public List<String> question(Presented p, int position, int total) {
        Question q = p.question();
        List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(para("Question " + position + "/" + total + " · " + q.bank() + " · difficulty " + q.difficulty()
                + " · " + q.id(), HEADER));
        out.addAll(para(q.title(), TITLE));
        if (q.prompt() != null && !q.prompt().isBlank()) {
            out.add("");
            out.addAll(md.render(q.prompt()));
        }
        switch (q.type()) {
            case SINGLE:
            case MULTIPLE:
                out.add("");
                for (Choice c : q.choices()) out.addAll(md.render(c.markdown(), c.key() + ") ", "   "));
                break;
            case ORDERING:
                out.add("");
                List<String> items = p.shownItems();
                for (int i = 0; i < items.size(); i++) out.addAll(md.render(items.get(i), (i + 1) + ". ", "   "));
                break;
            default:
                break;
        }
        out.add("");
        out.addAll(para(howToAnswer(p), HEADER));
        return out;
    }

    private String howToAnswer(Presented p) {
        Question q = p.question();
        switch (q.type()) {
            case SINGLE:
                return "Answer with one letter (" + range(q) + ").";
            case MULTIPLE:
                return "Pick every correct choice: letters separated by commas, e.g. a,c (" + range(q) + ").";
            case TRUE_FALSE:
                return "Answer true or false (t/f).";
            case SHORT:
                return "Answer in a few words.";
            case NUMERIC: {
                String unit = ((Answer.Numeric) q.answer()).unit();
                return "Answer with a number" + (unit == null || unit.isBlank() ? "" : " (" + unit + ")") + ".";
            }
            case ORDERING:
                return "Type the item numbers 1-" + p.order().size() + " in the right order, separated by spaces.";
            case OPEN:
                return interactive
                        ? "Answer in your own words (one line); then compare with the model answer and rate yourself."
                        : "Compare your answer with the model answer below, then rate yourself 1-4.";
            default:
                return "";
        }
    }

    /** The model answer and key points of an open question, shown before the self-rating. */
    public List<String> modelAnswer(Question q) {
        Answer.Open open = (Answer.Open) q.answer();
        List<String> out = new ArrayList<>();
        out.add("");
        out.add(md.styled("Model answer", LABEL));
        out.addAll(md.render(open.modelAnswer()));
        if (!open.keyPoints().isEmpty()) {
            out.add("");
            out.add(md.styled("Key points", LABEL));
            for (String k : open.keyPoints()) out.addAll(md.render(k, md.color() ? "• " : "- ", "  "));
        }
        out.add("");
        out.addAll(para("Rate yourself: 1 again (missed it), 2 hard, 3 good, 4 easy.", HEADER));
        return out;
    }

    public List<String> hint(Hint h) {
        return md.render(h.markdown(), md.styled("Hint " + h.tier() + "/" + h.tiers() + ":", NOTE) + " ", "  ");
    }

    public List<String> noMoreHints(Question q) {
        return List.of(md.styled(q.hints().isEmpty() ? "This question has no hints." : "No more hints.", NOTE));
    }

    public List<String> rejected(String message) {
        return para("Not understood: " + message + ". Try again.", NOTE);
    }

    /** Feedback right after an answer (practice, review, retry-wrong). */
    public List<String> feedback(QuestionOutcome o, java.util.Optional<String> nextReview) {
        List<String> out = new ArrayList<>();
        out.add(verdict(o));
        Question q = o.shown().question();
        if (q.type() != dojo.questions.QuestionType.OPEN && !o.correct()) out.addAll(correctAnswer(o.shown()));
        if (o.hintsUsed() > 0) out.add(md.styled("(hint used: rated at most Hard)", HEADER));
        nextReview.ifPresent(n -> out.add(md.styled("Next review " + n + ".", HEADER)));
        out.addAll(explanation(q));
        return out;
    }

    private String verdict(QuestionOutcome o) {
        if (o.shown().question().type() == dojo.questions.QuestionType.OPEN) {
            return md.styled("Rated " + o.given().orElse("") + ".", o.correct() ? RIGHT : o.score() > 0 ? PARTIAL : WRONG);
        }
        if (o.correct()) return md.styled("Correct.", RIGHT);
        if (o.score() > 0) {
            return md.styled("Partly right: " + Durations.points(o.score()) + " of 1.", PARTIAL)
                    + " You answered " + o.given().orElse("") + ".";
        }
        return md.styled("Wrong.", WRONG) + " You answered " + o.given().orElse("") + ".";
    }

    /** The correct answer in the learner's terms (choice letters, shown item numbers). */
    public List<String> correctAnswer(Presented p) {
        Question q = p.question();
        String label = md.styled("Answer:", LABEL) + " ";
        switch (q.type()) {
            case SINGLE:
            case MULTIPLE: {
                List<String> out = new ArrayList<>();
                List<Choice> right = q.choices().stream().filter(Choice::correct).collect(Collectors.toList());
                out.add(label + right.stream().map(Choice::key).collect(Collectors.joining(", ")));
                for (Choice c : right) out.addAll(md.render(c.markdown(), "  " + c.key() + ") ", "     "));
                return out;
            }
            case TRUE_FALSE:
                return List.of(label + ((Answer.TrueFalse) q.answer()).value());
            case SHORT: {
                Answer.Short s = (Answer.Short) q.answer();
                List<String> out = new ArrayList<>();
                out.add(label + (s.accepted().isEmpty() ? "(see the explanation)" : s.accepted().get(0)));
                if (s.accepted().size() > 1) {
                    out.addAll(md.wrap(new StyledText().append("Also accepted: "
                            + String.join("; ", s.accepted().subList(1, s.accepted().size())), HEADER), "", ""));
                }
                return out;
            }
            case NUMERIC: {
                Answer.Numeric n = (Answer.Numeric) q.answer();
                String tol = n.tolerance() == 0 ? ""
                        : n.relative() ? " (±" + Scoring.formatNumber(n.tolerance() * 100) + "%)"
                        : " (±" + Scoring.formatNumber(n.tolerance()) + ")";
                String unit = n.unit() == null || n.unit().isBlank() ? "" : " " + n.unit();
                return List.of(label + Scoring.formatNumber(n.value()) + unit + tol);
            }
            case ORDERING: {
                List<String> out = new ArrayList<>();
                out.add(label + p.correctSequence().stream().map(String::valueOf).collect(Collectors.joining(" ")));
                // the items in the right order, each under the number it was shown with
                List<String> items = ((Answer.Ordering) q.answer()).items();
                List<Integer> seq = p.correctSequence();
                for (int i = 0; i < items.size(); i++) out.addAll(md.render(items.get(i), "  " + seq.get(i) + ". ", "     "));
                return out;
            }
            default:
                return List.of();
        }
    }

    private List<String> explanation(Question q) {
        if (q.explanation() == null || q.explanation().isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        out.add(md.styled("Explanation", LABEL));
        out.addAll(md.render(q.explanation()));
        return out;
    }

    public List<String> timeUp() {
        return List.of("", md.styled("Time is up.", WRONG));
    }

    /** The end of the session: an exam's question-by-question review, counts, per-tag scores, the score. */
    public List<String> summary(QuizResult r) {
        List<String> out = new ArrayList<>();
        out.add("");
        if (r.mode() == Mode.EXAM) {
            out.add(md.styled("Exam review", TITLE));
            int i = 1;
            for (QuestionOutcome o : r.outcomes()) {
                out.addAll(examLine(i++, o));
            }
            out.add("");
        }
        long answered = r.answered();
        long skipped = r.outcomes().stream().filter(o -> o.status() == QuestionOutcome.Status.SKIPPED).count();
        long unanswered = r.outcomes().stream().filter(o -> o.status() == QuestionOutcome.Status.UNANSWERED).count();
        StringBuilder counts = new StringBuilder("Answered " + answered + " of " + r.outcomes().size());
        if (skipped > 0) counts.append(", skipped ").append(skipped);
        if (unanswered > 0) counts.append(", not reached ").append(unanswered);
        counts.append("; fully correct ").append(r.correct()).append('.');
        if (r.ending() == QuizResult.Ending.QUIT) counts.append(" Session ended early; every answer given is saved.");
        out.addAll(para(counts.toString(), Style.PLAIN));
        if (!r.byTag().isEmpty() && r.outOf() > 0) {
            out.add(md.styled("By tag:", LABEL));
            int w = r.byTag().keySet().stream().mapToInt(DisplayWidth::of).max().orElse(0);
            for (QuizResult.TagScore t : r.byTag().values()) {
                String pts = Durations.points(t.score()) + "/" + t.outOf();
                String pct = Math.round(t.fraction() * 100) + "%";
                Style s = t.fraction() >= 0.8 ? RIGHT : t.fraction() >= 0.5 ? PARTIAL : WRONG;
                out.add("  " + DisplayWidth.pad(t.tag(), w) + "  " + DisplayWidth.pad(pts, 7) + " " + md.styled(pct, s));
            }
        }
        out.add("Score: " + Durations.points(r.score()) + "/" + r.outOf());
        return out;
    }

    private List<String> examLine(int i, QuestionOutcome o) {
        Question q = o.shown().question();
        String mark;
        if (!o.answered()) mark = md.styled(o.status() == QuestionOutcome.Status.SKIPPED ? "skipped" : "not answered", WRONG);
        else if (o.correct()) mark = md.styled("correct", RIGHT);
        else if (o.score() > 0) mark = md.styled("partly right (" + Durations.points(o.score()) + ")", PARTIAL);
        else mark = md.styled("wrong", WRONG);
        List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(md.wrap(new StyledText().append(i + ". " + q.title(), TITLE), "", "   "));
        String given = o.given().map(g -> " — you answered " + g).orElse("");
        out.add("   " + mark + given);
        if (!o.correct()) {
            for (String l : correctAnswer(o.shown())) out.add("   " + l);
            for (String l : explanation(q)) out.add("   " + l);
        }
        return out;
    }

    /** A line of text in one style, wrapped to the width. */
    private List<String> para(String text, Style style) {
        return md.wrap(new StyledText().append(text, style), "", "");
    }

    private static String range(Question q) {
        List<Choice> cs = q.choices();
        return cs.isEmpty() ? "" : cs.get(0).key() + "-" + cs.get(cs.size() - 1).key();
    }
}
