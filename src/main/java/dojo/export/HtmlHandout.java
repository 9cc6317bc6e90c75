package dojo.export;

import static dojo.export.MarkdownHtml.escape;

import dojo.questions.Answer;
import dojo.questions.Bank;
import dojo.questions.Choice;
import dojo.questions.ChoiceOrder;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.quiz.NumericFormat;
import java.util.List;
import java.util.TreeSet;
import com.google.re2j.Pattern;
import java.util.stream.Collectors;

/**
 * A printable, self-contained HTML handout (inline CSS, no scripts, fonts or images fetched): questions
 * numbered across banks, with blank lines and boxes to answer on paper, or with the answer key (correct
 * choices marked, answers, explanations).
 */
public final class HtmlHandout {
    private final MarkdownHtml md = new MarkdownHtml();

    /**
     * @param banks   banks to print, in order
     * @param lang    language of the banks, for the html lang attribute and the fixed labels
     * @param answers true for the answer key
     * @param title   document title; blank for the default
     */
    public String render(List<Bank> banks, String lang, boolean answers, String title) {
        Labels l = Labels.of(lang);
        int total = banks.stream().mapToInt(b -> b.questions().size()).sum();
        String docTitle = title == null || title.isBlank() ? "Attention Dojo · " + l.handout() : title;

        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"").append(escape(lang)).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(docTitle)).append(answers ? " · " + escape(l.answerKey()) : "")
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");

        h.append("<header class=\"doc\">\n<h1>").append(escape(docTitle)).append("</h1>\n<p class=\"sub\">")
                .append(total).append(' ').append(escape(l.questions()));
        if (banks.size() > 1 || !banks.isEmpty() && !banks.get(0).title().equals(docTitle)) {
            h.append(" · ").append(escape(banks.stream().map(Bank::title).collect(Collectors.joining(" · "))));
        }
        if (answers) h.append(" · <strong>").append(escape(l.answerKey())).append("</strong>");
        h.append("</p>\n");
        if (!answers) {
            h.append("<p class=\"student\"><span>").append(escape(l.name())).append("</span><span class=\"fill\"></span><span>")
                    .append(escape(l.date())).append("</span><span class=\"fill short\"></span></p>\n");
        }
        h.append("</header>\n");

        int n = 0;
        for (Bank b : banks) {
            h.append("<section class=\"bank\" id=\"bank-").append(escape(b.id())).append("\">\n<h2>")
                    .append(escape(b.title())).append("</h2>\n");
            for (Question q : b.questions()) question(h, ChoiceOrder.forExport(q), ++n, answers, l);
            h.append("</section>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private void question(StringBuilder h, Question q, int n, boolean answers, Labels l) {
        h.append("<article class=\"q q-").append(q.type().key()).append("\" id=\"q-").append(escape(q.id())).append("\">\n")
                .append("<div class=\"qhead\"><span class=\"num\">").append(n).append(".</span><span class=\"title\">")
                .append(md.inline(q.title())).append("</span></div>\n");
        h.append("<div class=\"meta\"><span class=\"diff\" title=\"").append(escape(l.difficulty())).append(' ')
                .append(q.difficulty()).append("/3\">").append("●".repeat(q.difficulty())).append("○".repeat(3 - q.difficulty()))
                .append("</span>");
        for (String t : q.tags()) h.append(" <span class=\"tag\">").append(escape(t)).append("</span>");
        h.append(" <span class=\"qid\">").append(escape(q.id())).append("</span></div>\n");
        if (!q.prompt().isBlank()) h.append("<div class=\"prompt\">").append(md.block(q.prompt())).append("</div>\n");

        switch (q.type()) {
            case SINGLE, MULTIPLE -> choices(h, q, answers, l);
            case TRUE_FALSE -> {
                boolean v = ((Answer.TrueFalse) q.answer()).value();
                h.append("<p class=\"tf\">").append(mark(answers && v)).append(' ').append(escape(l.trueWord()))
                        .append(" &nbsp; ").append(mark(answers && !v)).append(' ').append(escape(l.falseWord())).append("</p>\n");
            }
            case SHORT -> {
                if (!answers) write(h, l.answer(), "");
            }
            case NUMERIC -> {
                Answer.Numeric num = (Answer.Numeric) q.answer();
                if (!answers) {
                    write(h, l.answer(), num.unit());
                    String p = precision(NumericFormat.precision(num), !num.unit().isBlank(), q.lang());
                    if (!p.isEmpty()) h.append("<p class=\"instr\">").append(escape(p)).append("</p>\n");
                }
            }
            case ORDERING -> ordering(h, q, answers, l);
            case OPEN -> {
                if (!answers) h.append("<div class=\"lines\">").append("<div class=\"line\"></div>".repeat(6)).append("</div>\n");
            }
        }
        if (answers) key(h, q, l);
        h.append("</article>\n");
    }

    private void choices(StringBuilder h, Question q, boolean answers, Labels l) {
        boolean single = q.type() == QuestionType.SINGLE;
        h.append("<p class=\"instr\">").append(escape(single ? l.chooseOne() : l.chooseAll())).append("</p>\n")
                .append("<ol class=\"choices ").append(single ? "single" : "multiple").append("\">\n");
        for (Choice c : q.choices()) {
            boolean right = answers && c.correct();
            h.append("<li").append(right ? " class=\"correct\"" : "").append(">").append(mark(right))
                    .append("<span class=\"ck\">").append(c.key()).append(")</span><div class=\"ct\">")
                    .append(md.inline(c.markdown())).append("</div></li>\n");
        }
        h.append("</ol>\n");
    }

    private void ordering(StringBuilder h, Question q, boolean answers, Labels l) {
        List<String> items = ((Answer.Ordering) q.answer()).items();
        List<Integer> shown = Shuffle.order(q.id(), items.size());
        h.append("<ol class=\"items\">\n");
        for (int i = 0; i < shown.size(); i++) {
            h.append("<li><span class=\"ck\">").append(Shuffle.letter(i)).append("</span><div class=\"ct\">")
                    .append(md.inline(items.get(shown.get(i)))).append("</div></li>\n");
        }
        h.append("</ol>\n");
        if (!answers) write(h, l.orderPrompt(), "");
    }

    /**
     * The precision a numeric question asks for, as the quiz prompt states it (so a printed question says it
     * too); empty for a whole number that has a unit, which needs no more.
     */
    static String precision(NumericFormat.Precision p, boolean hasUnit, String lang) {
        boolean zh = "zh".equals(lang);
        if (p instanceof NumericFormat.WholeNumber) return hasUnit ? "" : zh ? "填整数。" : "A whole number.";
        if (p instanceof NumericFormat.DecimalPlaces d) {
            if (zh) return d.places() == 0 ? "四舍五入到整数。" : "保留 " + d.places() + " 位小数。";
            return d.places() == 0 ? "Rounded to a whole number." : d.places() == 1 ? "To 1 decimal place."
                    : "To " + d.places() + " decimal places.";
        }
        if (p instanceof NumericFormat.Within w) return zh ? "误差不超过 " + w.amount() + "。" : "Within " + w.amount() + ".";
        if (p instanceof NumericFormat.WithinPercent w) {
            return zh ? "相对误差不超过 " + w.percent() + "。" : "Within " + w.percent() + " of the exact value.";
        }
        return zh ? "填精确值。" : "The exact value.";
    }

    private static void write(StringBuilder h, String label, String unit) {
        h.append("<div class=\"write\"><span>").append(escape(label)).append("</span><span class=\"fill\"></span>");
        if (!unit.isBlank()) h.append("<span>").append(escape(unit)).append("</span>");
        h.append("</div>\n");
    }

    private static String mark(boolean on) {
        return on ? "<span class=\"mark on\">✓</span>" : "<span class=\"mark\"></span>";
    }

    private void key(StringBuilder h, Question q, Labels l) {
        h.append("<div class=\"key\">\n");
        Answer a = q.answer();
        if (a instanceof Answer.Choices c) {
            h.append("<p><b>").append(escape(l.answer())).append(l.colon()).append("</b> ")
                    .append(escape(String.join(", ", new TreeSet<>(c.correctKeys())))).append("</p>\n");
        } else if (a instanceof Answer.TrueFalse t) {
            h.append("<p><b>").append(escape(l.answer())).append(l.colon()).append("</b> ")
                    .append(escape(t.value() ? l.trueWord() : l.falseWord())).append("</p>\n");
        } else if (a instanceof Answer.Short s) {
            h.append("<p><b>").append(escape(l.accepted())).append(l.colon()).append("</b> ")
                    .append(s.accepted().stream().map(MarkdownHtml::escape).collect(Collectors.joining(" / ")));
            for (Pattern p : s.patterns()) {
                h.append(s.accepted().isEmpty() ? "" : " · ").append(escape(l.pattern())).append(" <code>")
                        .append(escape(p.pattern())).append("</code>");
            }
            h.append("</p>\n");
        } else if (a instanceof Answer.Numeric num) {
            h.append("<p><b>").append(escape(l.answer())).append(l.colon()).append("</b> ").append(escape(dojo.quiz.NumericFormat.value(num)));
            if (num.tolerance() > 0) {
                h.append(" (").append(escape(l.tolerance())).append(" ± ")
                        .append(escape(num.relative() ? Numbers.plain(num.tolerance() * 100) + "%" : Numbers.plain(num.tolerance())))
                        .append(')');
            }
            if (!num.unit().isBlank()) h.append(' ').append(escape(num.unit()));
            h.append("</p>\n");
        } else if (a instanceof Answer.Ordering o) {
            List<Integer> shown = Shuffle.order(q.id(), o.items().size());
            StringBuilder letters = new StringBuilder();
            for (int i = 0; i < o.items().size(); i++) {
                if (i > 0) letters.append(", ");
                letters.append(Shuffle.letter(shown.indexOf(i)));
            }
            h.append("<p><b>").append(escape(l.correctOrder())).append(l.colon()).append("</b> ").append(letters).append("</p>\n<ol>\n");
            for (String item : o.items()) h.append("<li>").append(md.inline(item)).append("</li>\n");
            h.append("</ol>\n");
        } else if (a instanceof Answer.Open open) {
            h.append("<p><b>").append(escape(l.modelAnswer())).append(l.colon()).append("</b></p>\n").append(md.block(open.modelAnswer()))
                    .append("\n<p><b>").append(escape(l.keyPoints())).append(l.colon()).append("</b></p>\n<ul>\n");
            for (String kp : open.keyPoints()) h.append("<li>").append(md.inline(kp)).append("</li>\n");
            h.append("</ul>\n");
        }
        h.append("<div class=\"expl\"><p class=\"label\"><b>").append(escape(l.explanation())).append("</b></p>\n")
                .append(md.block(q.explanation())).append("</div>\n");
        if (!q.references().isEmpty()) {
            h.append("<div class=\"refs\"><b>").append(escape(l.references())).append(l.colon()).append("</b><ul>\n");
            for (String r : q.references()) h.append("<li>").append(md.inline(r)).append("</li>\n");
            h.append("</ul></div>\n");
        }
        h.append("</div>\n");
    }

    static final String CSS = """
            :root { --ink: #1b1f24; --muted: #5b636d; --line: #c9d1d9; --soft: #f4f6f8; --ok: #1a7f37; --okbg: #eef7f0; }
            @page { size: A4; margin: 15mm 14mm; }
            html { color: var(--ink); font-size: 11pt; line-height: 1.45;
              font-family: "Source Serif 4", "Noto Serif", "DejaVu Serif", Georgia, "Noto Serif CJK SC", "Source Han Serif SC",
                "Songti SC", "SimSun", serif; }
            body { max-width: 46rem; margin: 1.5rem auto; padding: 0 1.2rem; }
            h1 { font-size: 1.75rem; margin: 0 0 .2rem; }
            .sub { color: var(--muted); margin: 0 0 .6rem; }
            .student { display: flex; gap: .5rem; align-items: flex-end; margin: .8rem 0 0; }
            .student .fill { flex: 1; border-bottom: 1px solid var(--ink); height: 1.2em; }
            .student .fill.short { flex: .45; }
            section.bank > h2 { font-size: 1.25rem; border-bottom: 2px solid var(--ink); padding-bottom: .15rem;
              margin: 1.8rem 0 .4rem; break-after: avoid; page-break-after: avoid; }
            article.q { border-bottom: 1px solid var(--line); padding: .75rem 0 .8rem;
              break-inside: avoid; page-break-inside: avoid; }
            .qhead { display: flex; gap: .5rem; font-weight: 700; }
            .num { min-width: 1.8rem; }
            .meta { margin: .1rem 0 .35rem 2.3rem; font: .75rem/1.3 "DejaVu Sans", "Noto Sans", Arial, "Noto Sans CJK SC", sans-serif;
              color: var(--muted); }
            .diff { letter-spacing: .08em; margin-right: .3rem; }
            .tag { background: var(--soft); border: 1px solid var(--line); border-radius: 3px; padding: 0 .3em; }
            .qid { float: right; font-family: "DejaVu Sans Mono", monospace; }
            .prompt, .instr, .tf, ol.choices, ol.items, .write, .lines, .key { margin-left: 2.3rem; }
            .prompt > :first-child { margin-top: 0; }
            .instr { color: var(--muted); font-style: italic; margin-bottom: .2rem; }
            ol.choices, ol.items { list-style: none; padding: 0; margin-top: .3rem; }
            ol.choices li, ol.items li { display: flex; gap: .45rem; align-items: flex-start; margin: .22rem 0; }
            .ct { flex: 1; } .ct > p:first-child { margin-top: 0; } .ct > :last-child { margin-bottom: 0; }
            .ck { font-weight: 700; min-width: 1.3rem; }
            .mark { flex: none; display: inline-block; width: .9em; height: .9em; border: 1.5px solid var(--ink);
              border-radius: 2px; margin-top: .22em; line-height: .9em; text-align: center; font-size: .95em; vertical-align: -.1em; }
            ol.single .mark, .tf .mark { border-radius: 50%; }
            .mark.on { background: var(--ok); border-color: var(--ok); color: #fff; font-weight: 700; }
            li.correct .ct { font-weight: 700; color: var(--ok); }
            .write { display: flex; gap: .5rem; align-items: flex-end; margin-top: .7rem; }
            .write .fill { flex: 1; max-width: 22rem; border-bottom: 1px solid var(--ink); height: 1.3em; }
            .lines { margin-top: .5rem; }
            .line { border-bottom: 1px solid var(--line); height: 1.9em; }
            .key { background: var(--okbg); border-left: 3px solid var(--ok); padding: .35rem .8rem; margin-top: .6rem; }
            .key p { margin: .35rem 0; }
            .expl { border-top: 1px dashed var(--line); margin-top: .4rem; }
            .expl .label { margin-bottom: .1rem; }
            .refs { font-size: .85rem; color: var(--muted); } .refs ul { margin: .1rem 0 .3rem; padding-left: 1.2rem; }
            pre, code { font-family: "DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace; font-size: .86em; }
            pre { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: .45rem .65rem;
              white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.35; }
            :not(pre) > code { background: var(--soft); border-radius: 3px; padding: 0 .2em; }
            table { border-collapse: collapse; margin: .4rem 0; } th, td { border: 1px solid var(--line); padding: .15rem .5rem; }
            blockquote { border-left: 3px solid var(--line); margin-left: 0; padding-left: .8rem; color: var(--muted); }
            @media print {
              body { margin: 0; max-width: none; padding: 0; }
              a { color: inherit; text-decoration: none; }
              .key, .mark.on, .tag, pre { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;
}
