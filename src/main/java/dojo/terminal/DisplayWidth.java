package dojo.terminal;

import org.jline.utils.WCWidth;

/**
 * Terminal column widths: East Asian Wide and Fullwidth characters take two columns, combining marks
 * none (JLine's {@link WCWidth}). ANSI escape sequences take no columns.
 */
public final class DisplayWidth {
    private DisplayWidth() {}

    /** Columns one code point takes; control characters count 0. */
    public static int of(int codePoint) {
        int w = WCWidth.wcwidth(codePoint);
        return Math.max(w, 0);
    }

    /** Columns a string takes on screen, skipping ANSI CSI sequences ({@code ESC [ ... letter}). */
    public static int of(String s) {
        int width = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\u001b' && i + 1 < s.length() && s.charAt(i + 1) == '[') {
                i += 2;
                while (i < s.length() && (s.charAt(i) < '@' || s.charAt(i) > '~')) i++;
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            width += of(cp);
            i += Character.charCount(cp);
        }
        return width;
    }

    /** Plain text (no escape codes) cut to at most {@code columns} display columns, ending in "…" when cut. */
    public static String cut(String s, int columns) {
        if (of(s) <= columns) return s;
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i), w = of(cp);
            if (used + w > columns - 1) break;
            b.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return b.toString().stripTrailing() + "…";
    }

    /** {@code s} padded with spaces to {@code columns} display columns (never cut). */
    public static String pad(String s, int columns) {
        int w = of(s);
        return w >= columns ? s : s + " ".repeat(columns - w);
    }
}
