package dojo;

import java.util.Locale;

/**
 * Characters that must never reach a terminal, a diagnostic line or an HTML page as they are: C0 controls
 * (ESC starts CSI/OSC sequences: screen clears, OSC 52 clipboard writes; NUL; BEL...) except tab and line
 * feed, DEL, the C1 controls U+0080..U+009F (U+009B is a one-character CSI on some terminals) and the
 * Unicode bidirectional overrides and isolates that make text read differently from how it is stored
 * (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069). Question banks with such characters are a lint
 * error; everywhere else text from banks, answers or file names is neutralised with the methods here.
 */
public final class ControlChars {
    private ControlChars() {}

    /** True for the characters described above; tab and line feed are not included. */
    public static boolean isUnsafe(int cp) {
        if (cp < 0x20) return cp != '\t' && cp != '\n';
        if (cp == 0x7F) return true;
        if (cp >= 0x80 && cp <= 0x9F) return true;
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** Index of the first unsafe character at or after {@code from}, or -1. */
    public static int indexOfUnsafe(CharSequence s, int from) {
        for (int i = Math.max(0, from); i < s.length(); i++) {
            if (isUnsafe(s.charAt(i))) return i;
        }
        return -1;
    }

    public static boolean hasUnsafe(CharSequence s) {
        return indexOfUnsafe(s, 0) >= 0;
    }

    /**
     * Each unsafe character replaced by U+FFFD (the replacement character): the text keeps its length and
     * offsets (every unsafe character is one UTF-16 unit), and shows where something was removed.
     */
    public static String replace(String s) {
        int i = indexOfUnsafe(s, 0);
        if (i < 0) return s;
        StringBuilder b = new StringBuilder(s);
        for (; i < b.length(); i++) {
            if (isUnsafe(b.charAt(i))) b.setCharAt(i, '\uFFFD');
        }
        return b.toString();
    }

    /**
     * One safe line: unsafe characters, line feeds, carriage returns, tabs and line/paragraph separators
     * written as escapes ({@code \x1b}, {@code \n}, {@code \u202e}); everything else unchanged.
     */
    public static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = oneLineEscape(c);
            if (esc == null) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
            b.append(esc);
        }
        return b == null ? s : b.toString();
    }

    /**
     * A file name or path for a diagnostic: as it is when it is safe on one line, else in double quotes
     * with {@link #escape escapes} (and {@code "} and {@code \} escaped), so a name can never forge a line.
     */
    public static String quote(String name) {
        boolean plain = true;
        for (int i = 0; i < name.length() && plain; i++) plain = oneLineEscape(name.charAt(i)) == null;
        if (plain) return name;
        return '"' + escape(name.replace("\\", "\\\\").replace("\"", "\\\"")) + '"';
    }

    /** {@code U+001B}: how messages name one character. */
    public static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    private static String oneLineEscape(char c) {
        switch (c) {
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\u2028': return "\\u2028";
            case '\u2029': return "\\u2029";
            default:
                if (!isUnsafe(c)) return null;
                return c < 0x100 ? String.format(Locale.ROOT, "\\x%02x", (int) c) : String.format(Locale.ROOT, "\\u%04x", (int) c);
        }
    }
}
