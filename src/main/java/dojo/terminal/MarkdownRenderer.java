package dojo.terminal;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import dojo.questions.CjkSoftBreaks;
import org.commonmark.parser.Parser;

/**
 * Renders Markdown (commonmark AST) for a terminal: bold, italic and inline code styled, fenced code in a
 * framed block, lists with markers, quotes with a bar, GFM tables as aligned columns. Text is wrapped to
 * the width by display columns ({@link Wrapper}). With colours off the output holds no escape codes:
 * inline code keeps its backticks and code blocks are indented by four spaces.
 */
public final class MarkdownRenderer {
    private static final Style CODE = Style.PLAIN.with(Style.Color.CYAN);
    private static final Style CODE_BLOCK = Style.PLAIN.with(Style.Color.YELLOW);
    private static final Style FRAME = Style.PLAIN.dim();

    private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create()))
            .postProcessor(new CjkSoftBreaks()).build();
    private final boolean color;
    private final int width;

    /** @param width columns available for the text, at least 20 is sensible */
    public MarkdownRenderer(boolean color, int width) {
        this.color = color;
        this.width = Math.max(10, width);
    }

    public boolean color() {
        return color;
    }

    public int width() {
        return width;
    }

    /** The Markdown as terminal lines. */
    public List<String> render(String markdown) {
        return render(markdown, "", "");
    }

    /**
     * The Markdown as terminal lines, the first prefixed with {@code first} and the rest with {@code rest}
     * (e.g. a choice key {@code "a) "} and its hanging indent {@code "   "}).
     */
    public List<String> render(String markdown, String first, String rest) {
        Node doc = parser.parse(markdown == null ? "" : markdown);
        List<String> out = new ArrayList<>();
        blocks(doc, first, rest, out, true);
        return out;
    }

    /** Styled text wrapped to the width after a prefix, as terminal lines. */
    public List<String> wrap(StyledText text, String first, String rest) {
        List<String> out = new ArrayList<>();
        emitWrapped(text, first, rest, out);
        return out;
    }

    /** One piece of text in a style, or bare when colours are off. */
    public String styled(String text, Style style) {
        return StyledText.toAnsi(List.of(new StyledText.Piece(text, style)), color);
    }

    // ---- blocks ---------------------------------------------------------------------------------

    /** Renders the children of {@code parent}; the first line gets {@code first}, the others {@code rest}. */
    private void blocks(Node parent, String first, String rest, List<String> out, boolean separate) {
        boolean firstBlock = true;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (!firstBlock && separate) out.add(rest.stripTrailing());
            block(n, firstBlock ? first : rest, rest, out);
            firstBlock = false;
        }
    }

    private void block(Node n, String first, String rest, List<String> out) {
        if (n instanceof Paragraph) {
            emitWrapped(inlines(n), first, rest, out);
        } else if (n instanceof Heading) {
            Heading h = (Heading) n;
            Style s = Style.PLAIN.bold();
            if (h.getLevel() <= 2) s = s.with(Style.UNDERLINE);
            emitWrapped(inlines(n, s), first, rest, out);
        } else if (n instanceof FencedCodeBlock) {
            FencedCodeBlock f = (FencedCodeBlock) n;
            String info = f.getInfo() == null ? "" : f.getInfo().trim();
            codeBlock(f.getLiteral(), info.isEmpty() ? "" : info.split("\\s+")[0], first, rest, out);
        } else if (n instanceof IndentedCodeBlock) {
            codeBlock(((IndentedCodeBlock) n).getLiteral(), "", first, rest, out);
        } else if (n instanceof ListBlock) {
            list((ListBlock) n, first, rest, out);
        } else if (n instanceof BlockQuote) {
            String bar = color ? styled("│", FRAME) + " " : "> ";
            blocks(n, first + bar, rest + bar, out, true);
        } else if (n instanceof ThematicBreak) {
            int w = Math.min(40, width - DisplayWidth.of(rest));
            out.add(first + (color ? styled("─".repeat(Math.max(3, w)), FRAME) : "---"));
        } else if (n instanceof TableBlock) {
            table((TableBlock) n, first, rest, out);
        } else if (n instanceof HtmlBlock) {
            String[] lines = ((HtmlBlock) n).getLiteral().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i == lines.length - 1 && lines[i].isEmpty()) break;
                out.add((i == 0 ? first : rest) + lines[i]);
            }
        } else {
            // unknown block (an extension we do not style): render its children as blocks
            blocks(n, first, rest, out, true);
        }
    }

    private void codeBlock(String literal, String lang, String first, String rest, List<String> out) {
        String[] lines = literal.split("\n", -1);
        int n = lines.length;
        if (n > 0 && lines[n - 1].isEmpty()) n--;
        if (!color) {
            boolean firstLine = true;
            for (int i = 0; i < n; i++) {
                out.add(((firstLine ? first : rest) + "    " + lines[i]).stripTrailing());
                firstLine = false;
            }
            if (firstLine) out.add(first.stripTrailing());
            return;
        }
        out.add(first + styled("┌─" + (lang.isEmpty() ? "" : " " + lang + " "), FRAME));
        int available = Math.max(10, width - DisplayWidth.of(rest) - 2);
        for (int i = 0; i < n; i++) {
            // code is never re-flowed; a line too long for the terminal continues after a dotted bar
            List<String> parts = cutColumns(expandTabs(lines[i]), available);
            for (int k = 0; k < parts.size(); k++) {
                out.add(rest + styled(k == 0 ? "│" : "┆", FRAME) + " " + styled(parts.get(k), CODE_BLOCK));
            }
        }
        out.add(rest + styled("└─", FRAME));
    }

    private void list(ListBlock list, String first, String rest, List<String> out) {
        int number = 1;
        if (list instanceof OrderedList) {
            Integer start = ((OrderedList) list).getMarkerStartNumber();
            number = start == null ? 1 : start;
        }
        int itemCount = 0;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) itemCount++;
        int numberWidth = String.valueOf(number + itemCount - 1).length();
        boolean firstItem = true;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            String marker;
            if (list instanceof BulletList) {
                marker = color ? "• " : "- ";
            } else {
                String num = String.valueOf(number++);
                marker = " ".repeat(numberWidth - num.length()) + num + ". ";
            }
            if (!firstItem && !list.isTight()) out.add(rest.stripTrailing());
            String itemFirst = (firstItem ? first : rest) + marker;
            String itemRest = rest + " ".repeat(marker.length());
            if (item instanceof ListItem && item.getFirstChild() == null) {
                out.add(itemFirst.stripTrailing());
            } else {
                blocks(item, itemFirst, itemRest, out, !list.isTight());
            }
            firstItem = false;
        }
    }

    private void table(TableBlock t, String first, String rest, List<String> out) {
        List<List<StyledText>> rows = new ArrayList<>();
        List<Boolean> header = new ArrayList<>();
        for (Node section = t.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) continue;
                List<StyledText> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    boolean head = section instanceof TableHead || (cell instanceof TableCell && ((TableCell) cell).isHeader());
                    cells.add(inlines(cell, head ? Style.PLAIN.bold() : Style.PLAIN));
                }
                rows.add(cells);
                header.add(section instanceof TableHead);
            }
        }
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] w = new int[cols];
        for (List<StyledText> r : rows) {
            for (int c = 0; c < r.size(); c++) w[c] = Math.max(w[c], DisplayWidth.of(r.get(c).plain()));
        }
        int total = 0;
        for (int x : w) total += x;
        total += 3 * Math.max(0, cols - 1);
        int available = width - DisplayWidth.of(rest);
        if (total <= available) {
            boolean firstLine = true;
            for (int r = 0; r < rows.size(); r++) {
                StringBuilder line = new StringBuilder(firstLine ? first : rest);
                List<StyledText> cells = rows.get(r);
                for (int c = 0; c < cols; c++) {
                    String cell = c < cells.size() ? StyledText.toAnsi(cells.get(c).pieces(), color) : "";
                    line.append(c == cols - 1 ? cell : DisplayWidth.pad(cell, w[c]) + (color ? " " + styled("│", FRAME) + " " : " | "));
                }
                out.add(line.toString().stripTrailing());
                firstLine = false;
                if (header.get(r) && (r + 1 >= rows.size() || !header.get(r + 1))) {
                    StringBuilder sep = new StringBuilder(rest);
                    for (int c = 0; c < cols; c++) {
                        sep.append(color ? "─".repeat(w[c]) : "-".repeat(w[c]));
                        if (c < cols - 1) sep.append(color ? "─┼─" : "-|-");
                    }
                    out.add(color ? rest + styled(sep.substring(rest.length()), FRAME) : sep.toString());
                }
            }
            return;
        }
        // too wide: one block per row, "Header: value" lines
        List<StyledText> heads = !rows.isEmpty() && header.get(0) ? rows.get(0) : List.of();
        boolean firstLine = true;
        for (int r = heads.isEmpty() ? 0 : 1; r < rows.size(); r++) {
            List<StyledText> cells = rows.get(r);
            for (int c = 0; c < cells.size(); c++) {
                StyledText line = new StyledText();
                if (c < heads.size()) line.append(heads.get(c).plain() + ": ", Style.PLAIN.bold());
                for (StyledText.Piece p : cells.get(c).pieces()) line.append(p.text(), p.style());
                String marker = c == 0 ? (color ? "• " : "- ") : "  ";
                emitWrapped(line, (firstLine ? first : rest) + marker, rest + "  ", out);
                firstLine = false;
            }
        }
    }

    private void emitWrapped(StyledText text, String first, String rest, List<String> out) {
        int available = Math.max(10, width - Math.max(DisplayWidth.of(first), DisplayWidth.of(rest)));
        List<List<StyledText.Piece>> lines = Wrapper.wrap(text, available);
        for (int i = 0; i < lines.size(); i++) {
            out.add(((i == 0 ? first : rest) + StyledText.toAnsi(lines.get(i), color)).stripTrailing());
        }
    }

    // ---- inlines --------------------------------------------------------------------------------

    private StyledText inlines(Node parent) {
        return inlines(parent, Style.PLAIN);
    }

    private StyledText inlines(Node parent, Style base) {
        StyledText text = new StyledText();
        inline(parent, base, text);
        return text;
    }

    private void inline(Node parent, Style style, StyledText out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text) {
                out.append(((Text) n).getLiteral(), style);
            } else if (n instanceof Code) {
                String lit = ((Code) n).getLiteral();
                if (color) out.append(lit, style.with(CODE.color()));
                else out.append("`" + lit + "`", style);
            } else if (n instanceof Emphasis) {
                inline(n, style.italic(), out);
            } else if (n instanceof StrongEmphasis) {
                inline(n, style.bold(), out);
            } else if (n instanceof Link) {
                Link l = (Link) n;
                StyledText inner = new StyledText();
                inline(n, style.with(Style.UNDERLINE), inner);
                for (StyledText.Piece p : inner.pieces()) out.append(p.text(), color ? p.style() : style);
                if (!inner.plain().equals(l.getDestination())) out.append(" <" + l.getDestination() + ">", style.dim());
            } else if (n instanceof Image) {
                StyledText alt = new StyledText();
                inline(n, style, alt);
                out.append("[image: " + alt.plain() + "]", style.dim());
            } else if (n instanceof SoftLineBreak) {
                out.append(" ", style);
            } else if (n instanceof HardLineBreak) {
                out.append("\n", style);
            } else if (n instanceof HtmlInline) {
                out.append(((HtmlInline) n).getLiteral(), style);
            } else {
                inline(n, style, out);
            }
        }
    }

    /** {@code s} cut into pieces of at most {@code columns} display columns. */
    static List<String> cutColumns(String s, int columns) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = DisplayWidth.of(cp);
            if (w + cw > columns && w > 0) {
                parts.add(cur.toString());
                cur.setLength(0);
                w = 0;
            }
            cur.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        parts.add(cur.toString());
        return parts;
    }

    private static String expandTabs(String s) {
        return s.replace("\t", "    ");
    }
}
