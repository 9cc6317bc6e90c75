package dojo.questions;

import dojo.ControlChars;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Block;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

/**
 * Checks of a bank file as a whole that keep what lint counts equal to what the quiz and the exports use:
 * control characters (which would reach the learner's terminal), code fences and HTML blocks left open
 * (which swallow the questions after them), and lines that look like {@code ##} question or {@code ###}
 * section headings but are not headings in the Markdown (so they are not counted as questions).
 * Problems inside a question leave that question out of the model.
 */
final class BankStructure {
    private static final Pattern HEADING_LINE = Pattern.compile("^(#{2,3})(?:[ \\t].*)?$");
    private static final Pattern HTML_RAW_OPEN = Pattern.compile("^\\s*<(script|pre|style|textarea)(?:\\s|>|$)",
            Pattern.CASE_INSENSITIVE);
    /** At most this many control-character errors per file; then one line says how many more. */
    static final int MAX_CONTROL_REPORTS = 10;

    private BankStructure() {}

    /**
     * Reports every line holding a control character (one error per line, the first character) and returns
     * the text with each of them replaced by U+FFFD, offsets unchanged, so nothing later can pass one on.
     */
    static SourceText neutralizeControls(SourceText src, List<Diagnostic> diags, List<SourcePos> hazards) {
        String text = src.text();
        int i = ControlChars.indexOfUnsafe(text, 0);
        if (i < 0) return src;
        int reported = 0;
        int more = 0;
        int lastLine = -1;
        while (i >= 0) {
            int line = src.lineOf(i);
            if (line != lastLine) {
                lastLine = line;
                SourcePos pos = src.pos(i);
                hazards.add(pos);
                if (reported < MAX_CONTROL_REPORTS) {
                    reported++;
                    diags.add(Diagnostic.error(pos, "control character " + ControlChars.codePoint(text.charAt(i)) + " "
                            + describe(text.charAt(i)) + ": remove it (it could rewrite or hide what the learner's"
                            + " terminal shows; the question is left out)"));
                } else {
                    more++;
                }
            }
            i = ControlChars.indexOfUnsafe(text, i + 1);
        }
        if (more > 0) {
            diags.add(Diagnostic.error(src.pos(text.length()), "control characters on " + more + " more line"
                    + (more == 1 ? "" : "s") + " (only the first " + MAX_CONTROL_REPORTS + " are listed)"));
        }
        return new SourceText(src.file(), ControlChars.replace(text));
    }

    private static String describe(char c) {
        if (c == 0x1B) return "(ESC, starts terminal escape sequences)";
        if (c == 0) return "(NUL)";
        if (c == 0x9B) return "(C1 CSI, a terminal escape sequence)";
        if (c >= 0x80 && c <= 0x9F) return "(a C1 control)";
        if (c > 0x9F) return "(a bidirectional text control, makes text display in another order)";
        return "(a control character)";
    }

    /**
     * Code fences and raw HTML blocks left open, and heading-like lines that are not headings.
     *
     * @param bodyFrom index of the first line after the front matter (0 when there is none)
     */
    static void checkBlocks(SourceText src, Node doc, int bodyFrom, List<Diagnostic> diags, List<SourcePos> hazards) {
        List<Block> blocks = new ArrayList<>();
        boolean[] headingStart = new boolean[src.lineCount()];
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(doc);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n instanceof Heading && !n.getSourceSpans().isEmpty()) {
                headingStart[n.getSourceSpans().get(0).getLineIndex()] = true;
            }
            if (n instanceof FencedCodeBlock || n instanceof HtmlBlock || n instanceof IndentedCodeBlock) {
                if (!n.getSourceSpans().isEmpty()) blocks.add((Block) n);
                continue;
            }
            for (Node c = n.getFirstChild(); c != null; c = c.getNext()) stack.push(c);
        }
        List<Block> open = new ArrayList<>();
        for (Block b : blocks) {
            String what = unclosed(b);
            if (what == null) continue;
            open.add(b);
            SourcePos pos = Nodes.pos(src, b);
            int swallowed = 0;
            for (int line = firstLine(b); line <= lastLine(b); line++) {
                if (HEADING_LINE.matcher(src.line(line)).matches()) swallowed++;
            }
            boolean toEnd = lastLine(b) >= lastContentLine(src);
            diags.add(Diagnostic.error(pos, what + " opened here is never closed: everything after it up to the end of the "
                    + (toEnd ? "file" : "enclosing list item or block quote") + " is part of it"
                    + (swallowed > 0 ? " (" + swallowed + " heading line" + (swallowed == 1 ? "" : "s") + " swallowed)" : "")
                    + "; close it"));
            hazards.add(pos);
        }
        for (int line = bodyFrom; line < src.lineCount(); line++) {
            Matcher m = HEADING_LINE.matcher(src.line(line));
            if (!m.matches() || headingStart[line]) continue;
            Block in = containing(blocks, line);
            if (in == null || open.contains(in)) continue; // reported with its block
            String level = m.group(1);
            String kind = level.length() == 2 ? "question heading" : "section heading";
            SourcePos pos = src.lineStartPos(line);
            if (in instanceof FencedCodeBlock || in instanceof IndentedCodeBlock) {
                diags.add(Diagnostic.warning(pos, "this '" + level + " ' line is inside the code block of line "
                        + (firstLine(in) + 1) + ", so it is code, not a " + kind + " (indent it or change the fence if"
                        + " you meant a " + kind + ")"));
            } else {
                diags.add(Diagnostic.error(pos, "this '" + level + " ' line is swallowed by the HTML block of line "
                        + (firstLine(in) + 1) + " and is not a " + kind + ": put a blank line before it"));
                hazards.add(pos);
            }
        }
    }

    /** "code fence" / "HTML comment" / "<pre> block" when the block runs to its container's end unclosed, else null. */
    private static String unclosed(Block b) {
        if (b instanceof FencedCodeBlock f) return f.getClosingFenceLength() == null ? "code fence" : null;
        if (!(b instanceof HtmlBlock h)) return null;
        String lit = h.getLiteral();
        String lower = lit.toLowerCase(Locale.ROOT);
        if (lit.stripLeading().startsWith("<!--")) return lit.contains("-->") ? null : "HTML comment";
        Matcher m = HTML_RAW_OPEN.matcher(lit);
        if (m.find()) {
            String tag = m.group(1).toLowerCase(Locale.ROOT);
            return lower.contains("</" + tag + ">") ? null : "<" + tag + "> block";
        }
        return null;
    }

    private static Block containing(List<Block> blocks, int line) {
        for (Block b : blocks) if (firstLine(b) <= line && line <= lastLine(b)) return b;
        return null;
    }

    private static int firstLine(Node b) {
        return b.getSourceSpans().get(0).getLineIndex();
    }

    private static int lastLine(Node b) {
        List<SourceSpan> spans = b.getSourceSpans();
        return spans.get(spans.size() - 1).getLineIndex();
    }

    private static int lastContentLine(SourceText src) {
        int l = src.lineCount() - 1;
        while (l > 0 && src.line(l).isBlank()) l--;
        return l;
    }

    /** Leaves out each question that holds one of the hazards (the last question starting at or before it). */
    static void rejectAt(List<QuestionDraft> drafts, List<SourcePos> hazards) {
        for (SourcePos h : hazards) {
            int at = -1;
            for (int i = 0; i < drafts.size(); i++) {
                if (drafts.get(i).pos().line() <= h.line()) at = i;
            }
            if (at >= 0 && drafts.get(at).question().isPresent()) drafts.set(at, drafts.get(at).rejected());
        }
    }
}
