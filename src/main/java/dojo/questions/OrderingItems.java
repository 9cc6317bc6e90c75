package dojo.questions;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.commonmark.node.Node;

/**
 * The items of an ordering answer must be told apart: two items that read the same (ignoring case and
 * spacing) would be shown as two identical lines, and a learner who puts them in the "wrong" order would
 * lose credit for a correct answer.
 */
final class OrderingItems {
    private OrderingItems() {}

    /**
     * @param list  the ordered list node the items come from (for positions)
     * @param items the items' Markdown, in list order
     * @return true when all items are distinct; else each repeat was reported through {@code error}
     */
    static boolean distinct(SourceText src, Node list, List<String> items, BiConsumer<SourcePos, String> error) {
        List<Node> nodes = Nodes.children(list);
        Map<String, Integer> first = new HashMap<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String key = items.get(i).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            Integer prev = first.putIfAbsent(key, i);
            if (prev != null) {
                ok = false;
                SourcePos pos = i < nodes.size() ? Nodes.pos(src, nodes.get(i)) : Nodes.pos(src, list);
                error.accept(pos, "ordering item " + (i + 1) + " repeats item " + (prev + 1)
                        + ": items must be distinct (identical lines cannot be put in one right order)");
            }
        }
        return ok;
    }
}
