package dojo.export;

import static dojo.export.MarkdownHtml.escape;

import dojo.questions.Answer;
import dojo.questions.Bank;
import dojo.questions.Choice;
import dojo.questions.ChoiceOrder;
import dojo.questions.Question;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import com.google.re2j.Pattern;

/**
 * Anki-importable TSV (File > Import, Anki 2.1.55+): the header lines {@code #separator:tab},
 * {@code #html:true}, {@code #notetype:Basic}, {@code #deck:Attention Dojo}, {@code #guid column:1},
 * {@code #tags column:4}, then one note per question with the columns GUID ({@code dojo-<lang>-<id>}: stable,
 * so importing a newer export updates the notes instead of adding duplicates), front (title, prompt,
 * choices in the fixed export order of {@link ChoiceOrder#forId}), back (answer, explanation, id) and tags
 * (the question's tags plus {@code dojo::<bank>}). Fields are HTML;
 * newlines become {@code <br>} inside code blocks and spaces elsewhere, tabs become {@code &#9;}, and a
 * field holding a double quote is quoted CSV-style, so every note is exactly one line.
 */
public final class AnkiExporter {
    /** The deck notes are imported into. */
    public static final String DECK = "Attention Dojo";

    private final MarkdownHtml md = new MarkdownHtml();

    /** The note's GUID: the question id and language, so each language is its own note, stable across exports. */
    static String guid(Question q) {
        return "dojo-" + q.lang() + "-" + q.id();
    }

    public String render(List<Bank> banks) {
        StringBuilder t = new StringBuilder(16_384);
        t.append("#separator:tab\n#html:true\n#notetype:Basic\n#deck:").append(DECK)
                .append("\n#guid column:1\n#tags column:4\n");
        for (Bank b : banks) {
            for (Question source : b.questions()) {
                Question q = ChoiceOrder.forExport(source);
                t.append(guid(q)).append('\t').append(field(front(q))).append('\t').append(field(back(q))).append('\t')
                        .append(tags(q, b)).append('\n');
            }
        }
        return t.toString();
    }

    private String front(Question q) {
        Labels l = Labels.of(q.lang());
        StringBuilder f = new StringBuilder("<b>").append(md.inline(q.title())).append("</b>");
        if (!q.prompt().isBlank()) f.append(md.block(q.prompt()));
        switch (q.type()) {
            case SINGLE, MULTIPLE -> {
                f.append("<ol type=\"a\">");
                for (Choice c : q.choices()) f.append("<li>").append(md.inline(c.markdown())).append("</li>");
                f.append("</ol>");
                if (q.type() == dojo.questions.QuestionType.MULTIPLE) {
                    f.append("<p><i>").append(escape(l.chooseAll())).append("</i></p>");
                }
            }
            case TRUE_FALSE -> f.append("<p><i>").append(escape(l.trueOrFalse())).append("</i></p>");
            case ORDERING -> {
                List<String> items = ((Answer.Ordering) q.answer()).items();
                f.append("<p><i>").append(escape(l.order())).append("</i></p><ul>");
                for (int i : Shuffle.order(q.id(), items.size())) f.append("<li>").append(md.inline(items.get(i))).append("</li>");
                f.append("</ul>");
            }
            default -> { }
        }
        return f.toString();
    }

    private String back(Question q) {
        Labels l = Labels.of(q.lang());
        StringBuilder b = new StringBuilder();
        Answer a = q.answer();
        if (a instanceof Answer.Choices c) {
            Set<String> keys = new TreeSet<>(c.correctKeys());
            b.append("<ul>");
            for (Choice ch : q.choices()) {
                if (keys.contains(ch.key())) b.append("<li>").append(ch.key()).append(") ").append(md.inline(ch.markdown())).append("</li>");
            }
            b.append("</ul>");
        } else if (a instanceof Answer.TrueFalse tf) {
            b.append("<p><b>").append(escape(tf.value() ? l.trueWord() : l.falseWord())).append("</b></p>");
        } else if (a instanceof Answer.Short s) {
            b.append("<p><b>").append(escape(String.join(" / ", s.accepted()))).append("</b>");
            for (Pattern p : s.patterns()) b.append(" <code>").append(escape(p.pattern())).append("</code>");
            b.append("</p>");
        } else if (a instanceof Answer.Numeric n) {
            b.append("<p><b>").append(dojo.quiz.NumericFormat.value(n)).append("</b>");
            if (n.tolerance() > 0) {
                b.append(" ± ").append(n.relative() ? Numbers.plain(n.tolerance() * 100) + "%" : Numbers.plain(n.tolerance()));
            }
            if (!n.unit().isBlank()) b.append(' ').append(escape(n.unit()));
            b.append("</p>");
        } else if (a instanceof Answer.Ordering o) {
            b.append("<ol>");
            for (String item : o.items()) b.append("<li>").append(md.inline(item)).append("</li>");
            b.append("</ol>");
        } else if (a instanceof Answer.Open o) {
            b.append(md.block(o.modelAnswer())).append("<ul>");
            for (String kp : o.keyPoints()) b.append("<li>").append(md.inline(kp)).append("</li>");
            b.append("</ul>");
        }
        b.append("<hr>").append(md.block(q.explanation()));
        b.append("<p><small>").append(escape(q.id())).append("</small></p>");
        return b.toString();
    }

    private static String tags(Question q, Bank b) {
        Set<String> tags = new LinkedHashSet<>(q.tags());
        tags.add("dojo::" + b.id());
        List<String> clean = new ArrayList<>();
        for (String t : tags) clean.add(t.replaceAll("[\\s\"]+", "-"));
        return String.join(" ", clean);
    }

    /** One TSV field: no raw tab or newline, CSV-quoted when it holds a double quote. */
    static String field(String html) {
        StringBuilder sb = new StringBuilder(html.length() + 16);
        boolean inPre = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<pre", i)) inPre = true;
                else if (html.startsWith("</pre>", i)) inPre = false;
            }
            switch (c) {
                case '\n' -> sb.append(inPre ? "<br>" : " ");
                case '\r' -> { }
                case '\t' -> sb.append("&#9;");
                default -> sb.append(c);
            }
        }
        String s = sb.toString();
        return s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
