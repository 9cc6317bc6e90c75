package dojo.models.data;

import java.util.List;

/**
 * The eight fixed 4x4 glyphs the image datasets draw (one glyph fills exactly one 4x4 patch):
 * square, disc, cross, triangle, bar, rails, corner, plus, in this order (the order is part of every
 * generated dataset: a shape is its index).
 */
public final class Glyphs {

    /** The side of a glyph in pixels (= the patch side of the image datasets). */
    public static final int SIDE = 4;
    public static final int SHAPES = 8;
    public static final List<String> NAMES = List.of("square", "disc", "cross", "triangle", "bar", "rails", "corner", "plus");

    private static final String[] GLYPHS = {
        "####" + "#..#" + "#..#" + "####", // square
        ".##." + "####" + "####" + ".##.", // disc
        "#..#" + ".##." + ".##." + "#..#", // cross
        "...#" + "..##" + ".###" + "####", // triangle
        ".#.." + ".#.." + ".#.." + ".#..", // bar
        "####" + "...." + "...." + "####", // rails
        "#..." + "#..." + "#..." + "####", // corner
        ".#.." + "####" + ".#.." + ".#..", // plus
    };

    private Glyphs() {
    }

    /** Whether pixel (r, c) of shape {@code s} is on. */
    public static boolean glyph(int s, int r, int c) {
        if (s < 0 || s >= SHAPES) throw new IllegalArgumentException("shape " + s + " does not exist (0.." + (SHAPES - 1) + ")");
        if (r < 0 || r >= SIDE || c < 0 || c >= SIDE) throw new IllegalArgumentException("pixel (" + r + ", " + c + ") is outside a glyph");
        return GLYPHS[s].charAt(r * SIDE + c) == '#';
    }
}
