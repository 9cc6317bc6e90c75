package dojo.questions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;

/** Helpers over the commonmark AST: source offsets of nodes and the original Markdown they were parsed from. */
final class Nodes {
    private Nodes() {}

    static List<Node> children(Node parent) {
        List<Node> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNext()) out.add(c);
        return out;
    }

    static boolean hasSpan(Node n) {
        return !n.getSourceSpans().isEmpty();
    }

    /** Offset of the first character of the node in the input, or -1 when the node has no source span. */
    static int start(Node n) {
        List<SourceSpan> spans = n.getSourceSpans();
        if (!spans.isEmpty()) return spans.get(0).getInputIndex();
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            int s = start(c);
            if (s >= 0) return s;
        }
        return -1;
    }

    /** Offset just past the last character of the node in the input, or -1. */
    static int end(Node n) {
        List<SourceSpan> spans = n.getSourceSpans();
        if (!spans.isEmpty()) {
            SourceSpan last = spans.get(spans.size() - 1);
            return last.getInputIndex() + last.getLength();
        }
        for (Node c = n.getLastChild(); c != null; c = c.getPrevious()) {
            int e = end(c);
            if (e >= 0) return e;
        }
        return -1;
    }

    static SourcePos pos(SourceText src, Node n) {
        int s = start(n);
        return s < 0 ? SourcePos.of(src.file()) : src.pos(s);
    }

    /**
     * The Markdown source of consecutive sibling blocks, line by line as the parser saw them: container
     * prefixes (list indentation, the list marker) are left out, everything else, code blocks included,
     * is kept byte for byte. Blank lines between the blocks are kept; HTML comments are dropped.
     */
    static String markdown(SourceText src, List<Node> blocks) {
        Map<Integer, String> lines = new TreeMap<>();
        for (Node b : blocks) {
            if (isComment(b)) continue;
            for (SourceSpan span : b.getSourceSpans()) {
                String text = src.slice(span.getInputIndex(), span.getInputIndex() + span.getLength());
                lines.merge(span.getLineIndex(), text, (a, c) -> a + c);
            }
        }
        if (lines.isEmpty()) return "";
        int first = ((TreeMap<Integer, String>) lines).firstKey();
        int last = ((TreeMap<Integer, String>) lines).lastKey();
        StringBuilder sb = new StringBuilder();
        for (int i = first; i <= last; i++) {
            if (i > first) sb.append('\n');
            sb.append(lines.getOrDefault(i, ""));
        }
        return stripBlankEdges(sb.toString());
    }

    private static String stripBlankEdges(String s) {
        String[] ls = s.split("\n", -1);
        int a = 0;
        int b = ls.length;
        while (a < b && ls[a].isBlank()) a++;
        while (b > a && ls[b - 1].isBlank()) b--;
        return String.join("\n", java.util.Arrays.asList(ls).subList(a, b));
    }

    /** The text a reader sees (emphasis and code markers dropped, line breaks as spaces), trimmed. */
    static String plainText(Node n) {
        StringBuilder sb = new StringBuilder();
        appendPlain(n, sb);
        return sb.toString().strip();
    }

    private static void appendPlain(Node n, StringBuilder sb) {
        if (n instanceof Text t) sb.append(t.getLiteral());
        else if (n instanceof Code c) sb.append(c.getLiteral());
        else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) sb.append(' ');
        else {
            for (Node c = n.getFirstChild(); c != null; c = c.getNext()) appendPlain(c, sb);
        }
    }

    static boolean isComment(Node n) {
        return n instanceof HtmlBlock h && h.getLiteral().stripLeading().startsWith("<!--");
    }

    static boolean isTaskItem(Node item) {
        return item instanceof ListItem && item.getFirstChild() instanceof TaskListItemMarker;
    }

    static boolean isChecked(Node item) {
        return item.getFirstChild() instanceof TaskListItemMarker m && m.isChecked();
    }

    /** A bullet list whose items carry a task marker ({@code - [ ]} / {@code - [x]}), at least the first one. */
    static boolean isTaskList(Node n) {
        return n instanceof BulletList && isTaskItem(n.getFirstChild());
    }

    static boolean isList(Node n) {
        return n instanceof ListBlock;
    }

    /** The blocks inside a list item, without its task marker. */
    static List<Node> itemBlocks(Node item) {
        List<Node> out = new ArrayList<>();
        for (Node c = item.getFirstChild(); c != null; c = c.getNext()) {
            if (!(c instanceof TaskListItemMarker)) out.add(c);
        }
        return out;
    }
}
