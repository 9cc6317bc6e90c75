package dojo.terminal;

import dojo.questions.Answer;
import dojo.questions.Choice;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.quiz.Hint;
import dojo.quiz.Mode;
import dojo.quiz.NumericFormat;
import dojo.quiz.Presented;
import dojo.quiz.QuestionOutcome;
import dojo.quiz.QuizResult;
import dojo.quiz.Rejection;
import dojo.quiz.Scoring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns questions, feedback and results into terminal lines, worded in the {@link Messages}' language. It
 * computes nothing: scores and outcomes come from the engine. Colours only when the renderer has them on.
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
    private final Messages ui;

    public QuizView(MarkdownRenderer md, boolean interactive, Messages ui) {
        this.md = md;
        this.interactive = interactive;
        this.ui = ui;
    }

    public MarkdownRenderer renderer() {
        return md;
    }

    public Messages messages() {
        return ui;
    }

    /** The opening lines of a session. */
    public List<String> intro(Mode mode, int questions, Optional<Duration> timeLimit) {
        String line;
        switch (mode) {
            case EXAM:
                line = ui.introExam(questions, Durations.clock(timeLimit.orElse(Duration.ZERO)));
                break;
            case REVIEW:
                line = ui.introReview(questions);
                break;
            case RETRY_WRONG:
                line = ui.introRetry(questions);
                break;
            default:
                line = ui.introPractice(questions);
        }
        List<String> out = new ArrayList<>(para(line, TITLE));
        out.addAll(para(ui.keys(interactive), HEADER));
        return out;
    }

    /** The question as asked: header, title, prompt, choices or items, and how to answer. */
    public List<String> question(Presented p, int position, int total) {
        Question q = p.question();
        List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(para(ui.questionHeader(position, total, q.bank(), q.difficulty(), q.id()), HEADER));
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
                return ui.howSingle(range(q));
            case MULTIPLE:
                return ui.howMultiple(range(q));
            case TRUE_FALSE:
                return ui.howTrueFalse();
            case SHORT:
                return ui.howShort();
            case NUMERIC:
                Answer.Numeric num = (Answer.Numeric) q.answer();
                return ui.howNumeric(num.unit(), NumericFormat.precision(num));
            case ORDERING:
                return ui.howOrdering(p.order().size());
            case OPEN:
                return ui.howOpen(interactive);
            default:
                return "";
        }
    }

    /** The model answer and key points of an open question, shown before the self-rating. */
    public List<String> modelAnswer(Question q) {
        Answer.Open open = (Answer.Open) q.answer();
        List<String> out = new ArrayList<>();
        out.add("");
        out.add(md.styled(ui.modelAnswer(), LABEL));
        out.addAll(md.render(open.modelAnswer()));
        if (!open.keyPoints().isEmpty()) {
            out.add("");
            out.add(md.styled(ui.keyPoints(), LABEL));
            for (String k : open.keyPoints()) out.addAll(md.render(k, md.color() ? "• " : "- ", "  "));
        }
        out.add("");
        out.addAll(para(ui.rateYourself(), HEADER));
        return out;
    }

    public List<String> hint(Hint h) {
        String label = ui.hintLabel(h.tier(), h.tiers());
        return md.render(h.markdown(), md.styled(label, NOTE) + Messages.after(label), "  ");
    }

    public List<String> noMoreHints(Question q) {
        return List.of(md.styled(q.hints().isEmpty() ? ui.noHints() : ui.noMoreHints(), NOTE));
    }

    public List<String> rejected(Rejection why) {
        return para(ui.notUnderstood(why), NOTE);
    }

    public List<String> skipped() {
        return List.of(md.styled(ui.skipped(), HEADER));
    }

    public List<String> answerRecorded() {
        return List.of(md.styled(ui.answerRecorded(), HEADER));
    }

    /** The prompt's status: {@code [3/10 · 12:05 left] rate 1-4 }, dimmed. */
    public String promptStatus(int position, int total, Optional<Duration> timeLeft, boolean rating) {
        StringBuilder b = new StringBuilder("[" + position + "/" + total);
        timeLeft.ifPresent(t -> b.append(" · ").append(ui.promptTimeLeft(Durations.clock(t))));
        b.append("] ");
        if (rating) b.append(ui.promptRate()).append(' ');
        return md.styled(b.toString(), HEADER);
    }

    /**
     * Feedback right after an answer (practice, review, retry-wrong).
     *
     * @param nextReview for reviews, how long until the question is due again
     */
    public List<String> feedback(QuestionOutcome o, Optional<Duration> nextReview) {
        List<String> out = new ArrayList<>();
        out.add(verdict(o));
        Question q = o.shown().question();
        if (q.type() != QuestionType.OPEN && !o.correct()) out.addAll(correctAnswer(o.shown()));
        if (o.hintsUsed() > 0) out.add(md.styled(ui.hintUsed(), HEADER));
        nextReview.ifPresent(n -> out.add(md.styled(ui.nextReview(n), HEADER)));
        out.addAll(explanation(q));
        return out;
    }

    private String verdict(QuestionOutcome o) {
        if (o.shown().question().type() == QuestionType.OPEN) {
            String rated = o.rating().map(ui::rated).orElse("");
            return md.styled(rated, o.correct() ? RIGHT : o.score() > 0 ? PARTIAL : WRONG);
        }
        if (o.correct()) return md.styled(ui.correct(), RIGHT);
        String mark = o.score() > 0
                ? md.styled(ui.partlyRight(Durations.points(o.score())), PARTIAL)
                : md.styled(ui.wrong(), WRONG);
        return Messages.join(mark, ui.youAnswered(given(o)));
    }

    /**
     * The answer given, in the learner's terms: true/false and self-ratings in the UI language, choice
     * letters, item numbers, numbers and free text as they are.
     */
    private String given(QuestionOutcome o) {
        String g = o.given().orElse("");
        switch (o.shown().question().type()) {
            case TRUE_FALSE:
                return ui.truth(Boolean.parseBoolean(g));
            case OPEN:
                return o.rating().map(r -> r.value() + " " + ui.ratingName(r)).orElse(g);
            default:
                return g;
        }
    }

    /** The correct answer in the learner's terms (choice letters, shown item numbers). */
    public List<String> correctAnswer(Presented p) {
        Question q = p.question();
        String labelText = ui.answerLabel();
        String label = md.styled(labelText, LABEL) + Messages.after(labelText);
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
                return List.of(label + ui.truth(((Answer.TrueFalse) q.answer()).value()));
            case SHORT: {
                Answer.Short s = (Answer.Short) q.answer();
                List<String> out = new ArrayList<>();
                out.add(label + (s.accepted().isEmpty() ? ui.seeExplanation() : s.accepted().get(0)));
                if (s.accepted().size() > 1) {
                    out.addAll(md.wrap(new StyledText().append(
                            ui.alsoAccepted(s.accepted().subList(1, s.accepted().size())), HEADER), "", ""));
                }
                return out;
            }
            case NUMERIC: {
                Answer.Numeric n = (Answer.Numeric) q.answer();
                String tol = NumericFormat.tolerance(n);
                String unit = n.unit() == null || n.unit().isBlank() ? "" : " " + n.unit();
                return List.of(label + NumericFormat.value(n) + unit + (tol.isEmpty() ? "" : " (" + tol + ")"));
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
        out.add(md.styled(ui.explanation(), LABEL));
        out.addAll(md.render(q.explanation()));
        return out;
    }

    public List<String> timeUp() {
        return List.of("", md.styled(ui.timeUp(), WRONG));
    }

    /**
     * The end of the session: an exam's question-by-question review, counts, per-tag scores, and last
     * {@code Score: X/Y}, the same in every language because scripts parse it.
     */
    public List<String> summary(QuizResult r) {
        List<String> out = new ArrayList<>();
        out.add("");
        if (r.mode() == Mode.EXAM) {
            out.add(md.styled(ui.examReview(), TITLE));
            int i = 1;
            for (QuestionOutcome o : r.outcomes()) {
                out.addAll(examLine(i++, o));
            }
            out.add("");
        }
        long skipped = r.outcomes().stream().filter(o -> o.status() == QuestionOutcome.Status.SKIPPED).count();
        long unanswered = r.outcomes().stream().filter(o -> o.status() == QuestionOutcome.Status.UNANSWERED).count();
        out.addAll(para(ui.summaryCounts(r.answered(), r.outcomes().size(), skipped, unanswered, r.correct(),
                r.ending() == QuizResult.Ending.QUIT), Style.PLAIN));
        if (!r.byTag().isEmpty() && r.outOf() > 0) {
            out.add(md.styled(ui.byTag(), LABEL));
            int w = r.byTag().keySet().stream().mapToInt(DisplayWidth::of).max().orElse(0);
            for (QuizResult.TagScore t : r.byTag().values()) {
                String pts = Durations.points(t.score()) + "/" + t.outOf();
                String pct = Math.round(t.fraction() * 100) + "%";
                Style s = t.fraction() >= 0.8 ? RIGHT : t.fraction() >= 0.5 ? PARTIAL : WRONG;
                out.add("  " + DisplayWidth.pad(t.tag(), w) + "  " + DisplayWidth.pad(pts, 7) + " " + md.styled(pct, s));
            }
        }
        out.add(scoreLine(r));
        return out;
    }

    /** {@code Score: X/Y}: not translated, the non-interactive protocol's last line (docs/quiz.md). */
    public static String scoreLine(QuizResult r) {
        return "Score: " + Durations.points(r.score()) + "/" + r.outOf();
    }

    private List<String> examLine(int i, QuestionOutcome o) {
        Question q = o.shown().question();
        String mark;
        if (!o.answered()) mark = md.styled(o.status() == QuestionOutcome.Status.SKIPPED ? ui.examSkipped() : ui.examNotAnswered(), WRONG);
        else if (o.correct()) mark = md.styled(ui.examCorrect(), RIGHT);
        else if (o.score() > 0) mark = md.styled(ui.examPartlyRight(Durations.points(o.score())), PARTIAL);
        else mark = md.styled(ui.examWrong(), WRONG);
        List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(md.wrap(new StyledText().append(i + ". " + q.title(), TITLE), "", "   "));
        out.add("   " + (o.given().isPresent() ? ui.examGiven(mark, given(o)) : mark));
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
