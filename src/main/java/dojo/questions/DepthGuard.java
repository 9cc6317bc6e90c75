package dojo.questions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;

/**
 * Limits how deeply a bank's Markdown may nest, so that no reader or renderer (terminal, HTML, GIFT, Anki,
 * JSON) can run out of stack: a list item, block quote, emphasis, strong emphasis, link or image inside
 * another counts one level, and more than {@link #MAX_LEVELS} is an error at the first node too deep. The
 * check walks the tree with an explicit stack (never recursion), and cuts the children of every node that is
 * too deep out of the tree, so what reads the tree afterwards is always shallow.
 */
final class DepthGuard {
    /** Deepest nesting allowed; real questions use 3 or 4 levels. */
    static final int MAX_LEVELS = 16;

    private DepthGuard() {}

    private record Entry(Node node, int levels) {}

    /**
     * Reports one error per top-level block that nests too deeply and prunes the tree below the limit.
     *
     * @param hazards receives the position of each error, so the question holding it is left out
     */
    static void check(SourceText src, Node doc, List<Diagnostic> diags, List<SourcePos> hazards) {
        for (Node top = doc.getFirstChild(); top != null; top = top.getNext()) {
            Node tooDeep = null;
            Deque<Entry> stack = new ArrayDeque<>();
            stack.push(new Entry(top, levels(top)));
            while (!stack.isEmpty()) {
                Entry e = stack.pop();
                if (e.levels > MAX_LEVELS) {
                    if (tooDeep == null) tooDeep = e.node;
                    Node c = e.node.getFirstChild();
                    while (c != null) {
                        Node next = c.getNext();
                        c.unlink();
                        c = next;
                    }
                    continue;
                }
                for (Node c = e.node.getFirstChild(); c != null; c = c.getNext()) {
                    stack.push(new Entry(c, e.levels + levels(c)));
                }
            }
            if (tooDeep != null) {
                SourcePos pos = position(src, tooDeep, top);
                diags.add(Diagnostic.error(pos, "Markdown nested too deeply: more than " + MAX_LEVELS
                        + " levels of lists, block quotes, emphasis or links (the question is left out)"));
                hazards.add(pos);
            }
        }
    }

    private static int levels(Node n) {
        return n instanceof ListItem || n instanceof BlockQuote || n instanceof Emphasis || n instanceof StrongEmphasis
                || n instanceof Link || n instanceof Image ? 1 : 0;
    }

    /** The node's own source span (its children are gone), else the top-level block's. */
    private static SourcePos position(SourceText src, Node n, Node top) {
        if (!n.getSourceSpans().isEmpty()) return src.pos(n.getSourceSpans().get(0).getInputIndex());
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (!p.getSourceSpans().isEmpty()) return src.pos(p.getSourceSpans().get(0).getInputIndex());
        }
        return Nodes.pos(src, top);
    }
}
