package dojo.terminal;

/**
 * A text style as a set of flags plus an optional foreground colour; {@link #sgr()} gives the ANSI SGR
 * parameters. With colours off nothing of this reaches the output.
 */
public record Style(int flags, Color color) {
    static final int BOLD = 1;
    static final int ITALIC = 2;
    static final int DIM = 4;
    static final int UNDERLINE = 8;

    public enum Color {
        NONE(-1), RED(31), GREEN(32), YELLOW(33), BLUE(34), MAGENTA(35), CYAN(36);

        final int code;

        Color(int code) {
            this.code = code;
        }
    }

    public static final Style PLAIN = new Style(0, Color.NONE);

    public boolean isPlain() {
        return flags == 0 && color == Color.NONE;
    }

    public Style with(int flag) {
        return new Style(flags | flag, color);
    }

    public Style with(Color c) {
        return new Style(flags, c);
    }

    public Style bold() {
        return with(BOLD);
    }

    public Style italic() {
        return with(ITALIC);
    }

    public Style dim() {
        return with(DIM);
    }

    /** SGR parameters, e.g. {@code 1;36}; empty for plain. */
    public String sgr() {
        StringBuilder b = new StringBuilder();
        if ((flags & BOLD) != 0) b.append("1;");
        if ((flags & DIM) != 0) b.append("2;");
        if ((flags & ITALIC) != 0) b.append("3;");
        if ((flags & UNDERLINE) != 0) b.append("4;");
        if (color != Color.NONE) b.append(color.code).append(';');
        if (b.length() > 0) b.setLength(b.length() - 1);
        return b.toString();
    }
}
