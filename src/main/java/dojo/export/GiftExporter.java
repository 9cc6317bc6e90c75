package dojo.export;

import dojo.questions.Answer;
import dojo.questions.Bank;
import dojo.questions.Choice;
import dojo.questions.ChoiceOrder;
import dojo.questions.Question;
import java.util.List;
import java.util.Locale;
import com.google.re2j.Pattern;

/**
 * Moodle GIFT. Question and answer texts are HTML ({@code [html]}, rendered from the Markdown) with the
 * GIFT special characters {@code ~ = # { } :} and backslash escaped and newlines written as {@code \n}, so
 * every text stays on one line (a code line starting with {@code //} can't turn into a GIFT comment).
 * Mapping: single and truefalse as they are; multiple with partial credit (each correct choice +100/k%,
 * each wrong one -100/(n-k)%, so ticking everything scores 0); short with its literal accepted answers
 * (regex patterns have no GIFT form and are listed in a comment); numeric as {@code {#value:tolerance}}
 * (a relative tolerance is turned into an absolute one); ordering and open as essay questions whose
 * general feedback holds the correct order or the model answer and key points.
 */
public final class GiftExporter {
    private final MarkdownHtml md = new MarkdownHtml();

    public String render(List<Bank> banks) {
        StringBuilder g = new StringBuilder(16_384);
        int total = banks.stream().mapToInt(b -> b.questions().size()).sum();
        g.append("// Attention Dojo question banks, GIFT format for Moodle (").append(total).append(" questions)\n")
                .append("// Import: Question bank > Import > GIFT format. Texts are HTML.\n")
                .append("// ordering and open questions are exported as essay questions: the correct order or the\n")
                .append("// model answer is in their general feedback, for manual grading.\n\n");
        for (Bank b : banks) {
            g.append("$CATEGORY: $course$/top/Attention Dojo/").append(b.id().replace("/", "-")).append("\n\n");
            for (Question q : b.questions()) question(g, ChoiceOrder.forExport(q));
        }
        return g.toString();
    }

    private void question(StringBuilder g, Question q) {
        g.append("// ").append(q.id().replace("\n", " ")).append(" (").append(q.type().key()).append(", difficulty ")
                .append(q.difficulty()).append(", tags: ").append(String.join(", ", q.tags())).append(")\n");
        Answer a = q.answer();
        if (a instanceof Answer.Short s && !s.patterns().isEmpty()) {
            g.append("// regex answers have no GIFT form and are left out:");
            for (Pattern p : s.patterns()) g.append(' ').append(p.pattern().replace("\n", " "));
            g.append('\n');
        }
        if (a instanceof Answer.Ordering || a instanceof Answer.Open
                || a instanceof Answer.Short sh && sh.accepted().isEmpty()) {
            g.append("// exported as an essay question (GIFT has no ").append(q.type().key()).append(" type)\n");
        }
        g.append("::").append(escape(q.id())).append("::[html]").append(escape(questionText(q))).append("{");
        String feedback = escape(md.block(q.explanation()));
        switch (q.type()) {
            case SINGLE -> {
                g.append('\n');
                for (Choice c : q.choices()) {
                    g.append(c.correct() ? '=' : '~').append(escape(md.inline(c.markdown()))).append('\n');
                }
            }
            case MULTIPLE -> {
                g.append('\n');
                long k = q.choices().stream().filter(Choice::correct).count();
                long wrong = q.choices().size() - k;
                for (Choice c : q.choices()) {
                    String w = c.correct() ? weight(100.0 / k) : weight(-100.0 / wrong);
                    g.append("~%").append(w).append('%').append(escape(md.inline(c.markdown()))).append('\n');
                }
            }
            case TRUE_FALSE -> g.append(((Answer.TrueFalse) a).value() ? "TRUE" : "FALSE");
            case SHORT -> {
                Answer.Short s = (Answer.Short) a;
                if (!s.accepted().isEmpty()) {
                    g.append('\n');
                    for (String acc : s.accepted()) g.append('=').append(escape(acc).replace("*", "\\*")).append('\n');
                } else {
                    feedback = escape(patternsHtml(s, Labels.of(q.lang()))) + feedback;
                }
            }
            case NUMERIC -> {
                Answer.Numeric n = (Answer.Numeric) a;
                double tol = n.relative() ? n.tolerance() * Math.abs(n.value()) : n.tolerance();
                g.append('#').append(Numbers.plain(n.value())).append(':').append(Numbers.plain(tol));
            }
            case ORDERING -> feedback = escape(orderingHtml((Answer.Ordering) a, Labels.of(q.lang()))) + feedback;
            case OPEN -> feedback = escape(openHtml((Answer.Open) a, Labels.of(q.lang()))) + feedback;
        }
        g.append("####").append(feedback).append("}\n\n");
    }

    private String questionText(Question q) {
        Labels l = Labels.of(q.lang());
        StringBuilder t = new StringBuilder("<p><strong>").append(md.inline(q.title())).append("</strong></p>");
        if (!q.prompt().isBlank()) t.append(md.block(q.prompt()));
        if (q.answer() instanceof Answer.Numeric n && !n.unit().isBlank()) {
            t.append("<p>(").append(MarkdownHtml.escape(n.unit())).append(")</p>");
        }
        if (q.answer() instanceof Answer.Ordering o) {
            List<Integer> shown = Shuffle.order(q.id(), o.items().size());
            t.append("<ol type=\"A\">");
            for (int i : shown) t.append("<li>").append(md.inline(o.items().get(i))).append("</li>");
            t.append("</ol><p>").append(MarkdownHtml.escape(l.orderPrompt())).append("</p>");
        }
        return t.toString();
    }

    private String orderingHtml(Answer.Ordering o, Labels l) {
        StringBuilder t = new StringBuilder("<p><strong>").append(MarkdownHtml.escape(l.correctOrder())).append("</strong></p><ol>");
        for (String item : o.items()) t.append("<li>").append(md.inline(item)).append("</li>");
        return t.append("</ol>").toString();
    }

    private String openHtml(Answer.Open o, Labels l) {
        StringBuilder t = new StringBuilder("<p><strong>").append(MarkdownHtml.escape(l.modelAnswer())).append("</strong></p>")
                .append(md.block(o.modelAnswer()))
                .append("<p><strong>").append(MarkdownHtml.escape(l.keyPoints())).append("</strong></p><ul>");
        for (String kp : o.keyPoints()) t.append("<li>").append(md.inline(kp)).append("</li>");
        return t.append("</ul>").toString();
    }

    private static String patternsHtml(Answer.Short s, Labels l) {
        StringBuilder t = new StringBuilder("<p><strong>").append(MarkdownHtml.escape(l.pattern())).append("</strong>");
        for (Pattern p : s.patterns()) t.append(" <code>").append(MarkdownHtml.escape(p.pattern())).append("</code>");
        return t.append("</p>").toString();
    }

    /** Moodle only accepts its own list of grades (100, 50, 33.33333, 25, 20, 16.66667, 14.28571, 12.5, ...). */
    static String weight(double percent) {
        String s = String.format(Locale.ROOT, "%.5f", percent);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    /** Escapes GIFT's special characters; newlines become {@code \n} so a text is always one line. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '~', '=', '#', '{', '}', ':' -> sb.append('\\').append(c);
                case '\n' -> sb.append("\\n");
                case '\r' -> { }
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
