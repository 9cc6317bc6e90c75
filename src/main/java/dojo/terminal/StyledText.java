package dojo.terminal;

import java.util.ArrayList;
import java.util.List;

/** A run of text pieces, each with a style; {@code \n} in a piece is a hard line break. */
public final class StyledText {
    public record Piece(String text, Style style) {}

    private final List<Piece> pieces = new ArrayList<>();

    public StyledText append(String text, Style style) {
        if (!text.isEmpty()) pieces.add(new Piece(text, style));
        return this;
    }

    public StyledText append(String text) {
        return append(text, Style.PLAIN);
    }

    public List<Piece> pieces() {
        return List.copyOf(pieces);
    }

    public boolean isEmpty() {
        return pieces.isEmpty();
    }

    public String plain() {
        StringBuilder b = new StringBuilder();
        for (Piece p : pieces) b.append(p.text());
        return b.toString();
    }

    /** One line of pieces as terminal text: with ANSI SGR codes when {@code color}, else the bare text. */
    public static String toAnsi(List<Piece> line, boolean color) {
        StringBuilder b = new StringBuilder();
        for (Piece p : line) {
            if (color && !p.style().isPlain()) {
                b.append("\u001b[").append(p.style().sgr()).append('m').append(p.text()).append("\u001b[0m");
            } else {
                b.append(p.text());
            }
        }
        return b.toString();
    }
}
