package dojo.terminal;

import java.util.ArrayList;
import java.util.List;

/**
 * Word wrapping by display width. Latin text breaks at spaces; CJK text may break between any two
 * characters (there are no spaces to break at), except that closing punctuation such as {@code ，。）」}
 * never starts a line and opening punctuation such as {@code （「} never ends one. A word wider than the
 * line is cut at the column limit.
 */
public final class Wrapper {
    private Wrapper() {}

    private static final String NO_LINE_START = ",.;:!?)]}%，。、；：！？）］｝」』》〉】〕…‥·・ー〜～\"'”’";
    private static final String NO_LINE_END = "([{（［｛「『《〈【〔“‘";

    private enum Kind { WORD, SPACE, BREAK }

    private static final class Unit {
        final Kind kind;
        final StringBuilder text = new StringBuilder();
        final List<Style> styles = new ArrayList<>(); // one per code point
        int width;

        Unit(Kind kind) {
            this.kind = kind;
        }

        void add(int cp, Style s) {
            text.appendCodePoint(cp);
            styles.add(s);
            width += DisplayWidth.of(cp);
        }

        void addAll(Unit other) {
            int[] cps = other.text.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) add(cps[i], other.styles.get(i));
        }

        int firstCp() {
            return text.codePointAt(0);
        }

        int lastCp() {
            return text.codePointBefore(text.length());
        }
    }

    /** Wraps {@code text} into lines of at most {@code width} columns (at least 1). */
    public static List<List<StyledText.Piece>> wrap(StyledText text, int width) {
        int w = Math.max(1, width);
        List<Unit> units = glue(split(text));
        List<List<StyledText.Piece>> lines = new ArrayList<>();
        Line line = new Line();
        boolean pendingSpace = false;
        Style spaceStyle = Style.PLAIN;
        for (Unit u : units) {
            switch (u.kind) {
                case BREAK:
                    lines.add(line.pieces());
                    line = new Line();
                    pendingSpace = false;
                    break;
                case SPACE:
                    if (line.width > 0) {
                        pendingSpace = true;
                        spaceStyle = u.styles.get(0);
                    }
                    break;
                default:
                    int gap = pendingSpace && line.width > 0 ? 1 : 0;
                    if (line.width + gap + u.width <= w) {
                        if (gap == 1) line.add(' ', spaceStyle);
                        line.addUnit(u);
                    } else {
                        if (line.width > 0) {
                            lines.add(line.pieces());
                            line = new Line();
                        }
                        if (u.width <= w) {
                            line.addUnit(u);
                        } else {
                            line = hardSplit(u, w, lines);
                        }
                    }
                    pendingSpace = false;
            }
        }
        if (line.width > 0 || lines.isEmpty()) lines.add(line.pieces());
        return lines;
    }

    /** Cuts a unit too wide for any line into column-limited chunks; returns the unfinished last line. */
    private static Line hardSplit(Unit u, int w, List<List<StyledText.Piece>> lines) {
        Line line = new Line();
        int[] cps = u.text.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cw = DisplayWidth.of(cps[i]);
            if (line.width + cw > w && line.width > 0) {
                lines.add(line.pieces());
                line = new Line();
            }
            line.add(cps[i], u.styles.get(i));
        }
        return line;
    }

    private static List<Unit> split(StyledText text) {
        List<Unit> units = new ArrayList<>();
        Unit word = null;
        for (StyledText.Piece p : text.pieces()) {
            int[] cps = p.text().codePoints().toArray();
            for (int cp : cps) {
                if (cp == '\n') {
                    units.add(new Unit(Kind.BREAK));
                    word = null;
                } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                    if (units.isEmpty() || units.get(units.size() - 1).kind != Kind.SPACE) {
                        Unit s = new Unit(Kind.SPACE);
                        s.add(' ', p.style());
                        units.add(s);
                    }
                    word = null;
                } else if (isBreakableEverywhere(cp)) {
                    Unit c = new Unit(Kind.WORD);
                    c.add(cp, p.style());
                    units.add(c);
                    word = null;
                } else {
                    if (word == null) {
                        word = new Unit(Kind.WORD);
                        units.add(word);
                    }
                    word.add(cp, p.style());
                }
            }
        }
        return units;
    }

    /** Applies the line-start and line-end rules by merging units that must stay together. */
    private static List<Unit> glue(List<Unit> units) {
        List<Unit> out = new ArrayList<>();
        for (Unit u : units) {
            Unit prev = out.isEmpty() ? null : out.get(out.size() - 1);
            boolean joinPrev = prev != null && prev.kind == Kind.WORD && u.kind == Kind.WORD
                    && (NO_LINE_START.indexOf(u.firstCp()) >= 0 || NO_LINE_END.indexOf(prev.lastCp()) >= 0);
            if (joinPrev) {
                prev.addAll(u);
            } else {
                out.add(u);
            }
        }
        return out;
    }

    /** Wide characters (CJK ideographs, kana, full-width forms) allow a break on either side. */
    private static boolean isBreakableEverywhere(int cp) {
        return DisplayWidth.of(cp) == 2;
    }

    private static final class Line {
        final List<StyledText.Piece> pieces = new ArrayList<>();
        final StringBuilder run = new StringBuilder();
        Style runStyle = Style.PLAIN;
        int width;

        void add(int cp, Style s) {
            if (run.length() > 0 && !s.equals(runStyle)) flush();
            runStyle = s;
            run.appendCodePoint(cp);
            width += DisplayWidth.of(cp);
        }

        void addUnit(Unit u) {
            int[] cps = u.text.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) add(cps[i], u.styles.get(i));
        }

        void flush() {
            if (run.length() > 0) pieces.add(new StyledText.Piece(run.toString(), runStyle));
            run.setLength(0);
        }

        List<StyledText.Piece> pieces() {
            flush();
            return List.copyOf(pieces);
        }
    }
}
