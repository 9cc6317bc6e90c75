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
    private final java.util.Map<String, String> bankTitles;

    public QuizView(MarkdownRenderer md, boolean interactive, Messages ui) {
        this(md, interactive, ui, java.util.Map.of());
    }

    /**
     * @param bankTitles bank titles keyed {@code lang/bank-id}: a Chinese header names the bank by its title
     *                   (an English id reads as foreign there); English headers keep the short id
     */
    public QuizView(MarkdownRenderer md, boolean interactive, Messages ui, java.util.Map<String, String> bankTitles) {
        this.md = md;
        this.interactive = interactive;
        this.ui = ui;
        this.bankTitles = java.util.Map.copyOf(bankTitles);
    }

    /** The same view naming banks by these titles in Chinese headers. */
    public QuizView withBankTitles(java.util.Map<String, String> titles) {
        return new QuizView(md, interactive, ui, titles);
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

    /** The start of a review session: how many questions are due and how many are new. */
    public List<String> introReview(int due, int fresh) {
        List<String> out = new ArrayList<>(para(ui.introReview(due, fresh), TITLE));
        out.addAll(para(ui.keys(interactive), HEADER));
        return out;
    }

    private String bankName(Question q) {
        if (ui.language() != UiLanguage.ZH) return q.bank();
        String t = bankTitles.get(q.lang() + "/" + q.bank());
        return t == null ? q.bank() : t;
    }

    /** The question as asked: header, title, prompt, choices or items, and how to answer. */
    public List<String> question(Presented p, int position, int total) {
        Question q = p.question();
        List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(para(ui.questionHeader(position, total, bankName(q), q.difficulty(), q.id()), HEADER));
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

    /** A hint tier, wrapped under its label; the first tier also says what a hint costs. */
    public List<String> hint(Hint h) {
        String label = ui.hintLabel(h.tier(), h.tiers());
        List<String> out = new ArrayList<>(md.render(h.markdown(), md.styled(label, NOTE) + Messages.after(label), "  "));
        if (h.tier() == 1) out.addAll(md.wrap(new StyledText().append(ui.hintPenalty(), HEADER), "  ", "  "));
        return out;
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

    /** A skipped question in practice or review: the answer and the explanation, so the skip still teaches. */
    public List<String> skipped(Presented p) {
        List<String> out = new ArrayList<>(skipped());
        Question q = p.question();
        if (q.type() == QuestionType.OPEN) {
            out.addAll(modelAnswerOnly(q));
        } else {
            out.addAll(correctAnswer(p));
        }
        out.addAll(explanation(q));
        return out;
    }

    private List<String> modelAnswerOnly(Question q) {
        Answer.Open open = (Answer.Open) q.answer();
        List<String> out = new ArrayList<>();
        out.add(md.styled(ui.modelAnswer(), LABEL));
        out.addAll(md.render(open.modelAnswer()));
        return out;
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
        if (q.type() == QuestionType.MULTIPLE && !o.correct()) out.addAll(choiceMistakes(o, ""));
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

    /** For a multiple-choice answer that is not right: the options ticked wrongly and those missed. */
    private List<String> choiceMistakes(QuestionOutcome o, String indent) {
        java.util.Set<String> given = new java.util.LinkedHashSet<>();
        for (String k : o.given().orElse("").split("[,\\s]+")) if (!k.isBlank()) given.add(k);
        List<String> wrong = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Choice c : o.shown().question().choices()) {
            if (c.correct() && !given.contains(c.key())) missing.add(c.key());
            if (!c.correct() && given.contains(c.key())) wrong.add(c.key());
        }
        List<String> parts = new ArrayList<>();
        if (!wrong.isEmpty()) parts.add(ui.choicesWrong(String.join(", ", wrong)));
        if (!missing.isEmpty()) parts.add(ui.choicesMissing(String.join(", ", missing)));
        if (parts.isEmpty()) return List.of();
        return md.wrap(new StyledText().append(String.join(ui.listSeparator(), parts), NOTE), indent, indent);
    }

    /** The correct answer in the learner's terms (choice letters, shown item numbers). */
    public List<String> correctAnswer(Presented p) {
        return correctAnswer(p, "");
    }

    /** The correct answer, every line starting with {@code indent} and wrapped within the width. */
    private List<String> correctAnswer(Presented p, String indent) {
        Question q = p.question();
        String labelText = ui.answerLabel();
        String label = md.styled(labelText, LABEL) + Messages.after(labelText);
        switch (q.type()) {
            case SINGLE:
            case MULTIPLE: {
                List<String> out = new ArrayList<>();
                List<Choice> right = q.choices().stream().filter(Choice::correct).collect(Collectors.toList());
                out.add(indent + label + right.stream().map(Choice::key).collect(Collectors.joining(", ")));
                for (Choice c : right) out.addAll(md.render(c.markdown(), indent + "  " + c.key() + ") ", indent + "     "));
                return out;
            }
            case TRUE_FALSE:
                return List.of(indent + label + ui.truth(((Answer.TrueFalse) q.answer()).value()));
            case SHORT: {
                Answer.Short s = (Answer.Short) q.answer();
                List<String> out = new ArrayList<>();
                out.add(indent + label + (s.accepted().isEmpty() ? ui.seeExplanation() : s.accepted().get(0)));
                if (s.accepted().size() > 1) {
                    out.addAll(md.wrap(new StyledText().append(
                            ui.alsoAccepted(s.accepted().subList(1, s.accepted().size())), HEADER), indent, indent));
                }
                return out;
            }
            case NUMERIC: {
                Answer.Numeric n = (Answer.Numeric) q.answer();
                String tol = NumericFormat.tolerance(n);
                String unit = n.unit() == null || n.unit().isBlank() ? "" : " " + n.unit();
                return List.of(indent + label + NumericFormat.value(n) + unit + (tol.isEmpty() ? "" : " (" + tol + ")"));
            }
            case ORDERING: {
                List<String> out = new ArrayList<>();
                out.add(indent + label + p.correctSequence().stream().map(String::valueOf).collect(Collectors.joining(" ")));
                // the items in the right order, each under the number it was shown with
                List<String> items = ((Answer.Ordering) q.answer()).items();
                List<Integer> seq = p.correctSequence();
                for (int i = 0; i < items.size(); i++) out.addAll(md.render(items.get(i), indent + "  " + seq.get(i) + ". ", indent + "     "));
                return out;
            }
            default:
                return List.of();
        }
    }

    private List<String> explanation(Question q) {
        return explanation(q, "");
    }

    /** The explanation, wrapped at (width - indent) so that indented lines never overflow. */
    private List<String> explanation(Question q, String indent) {
        if (q.explanation() == null || q.explanation().isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        out.add(indent + md.styled(ui.explanation(), LABEL));
        out.addAll(md.render(q.explanation(), indent, indent));
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
        long skippedNow = r.outcomes().stream().filter(o -> o.status() == QuestionOutcome.Status.SKIPPED).count();
        if (r.outOf() == 0 && skippedNow == 0) {
            // quit before answering anything: no "Score: 0/0", which reads like a failed session
            out.addAll(para(ui.nothingAnswered(), Style.PLAIN));
            return out;
        }
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
        if (r.outOf() == 0) out.addAll(para(ui.nothingAnswered(), Style.PLAIN));
        else out.add(scoreLine(r));
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
            out.addAll(correctAnswer(o.shown(), "   "));
            if (q.type() == QuestionType.MULTIPLE && o.answered()) out.addAll(choiceMistakes(o, "   "));
            out.addAll(explanation(q, "   "));
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
