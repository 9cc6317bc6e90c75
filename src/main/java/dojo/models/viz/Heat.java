package dojo.models.viz;

/** The shared scale of the renderers: shade steps for text, a viridis-like ramp for colour. */
final class Heat {

    /** Shade characters from low to high weight. */
    static final char[] SHADES = {' ', '░', '▒', '▓', '█'};
    /** Lower bounds of the shades above (a weight >= BOUNDS[i] gets SHADES[i]). */
    static final double[] BOUNDS = {0, 0.05, 0.2, 0.4, 0.7};

    private static final int[][] STOPS = {{0x44, 0x01, 0x54}, {0x3b, 0x52, 0x8b}, {0x21, 0x91, 0x8c}, {0x5e, 0xc9, 0x62}, {0xfd, 0xe7, 0x25}};

    private Heat() {
    }

    /** The step (0..4) of a weight: the same steps for shades and terminal colours, so both read alike. */
    static int step(double w) {
        int i = BOUNDS.length - 1;
        while (i > 0 && w < BOUNDS[i]) i--;
        return i;
    }

    static char shade(double w) {
        return SHADES[step(w)];
    }

    /** The 256-colour index of a weight's step: the ramp at 0, 1/4, .., 1 (five distinct colours). */
    static int stepColour(double w) {
        return xterm256(step(w) / (double) (BOUNDS.length - 1));
    }

    /** RGB of a weight in [0, 1] (clamped) on the ramp. */
    static int[] rgb(double w) {
        double t = Math.max(0, Math.min(1, w)) * (STOPS.length - 1);
        int i = Math.min((int) t, STOPS.length - 2);
        double f = t - i;
        int[] out = new int[3];
        for (int c = 0; c < 3; c++) out[c] = (int) Math.round(STOPS[i][c] + f * (STOPS[i + 1][c] - STOPS[i][c]));
        return out;
    }

    static String hex(double w) {
        int[] c = rgb(w);
        return String.format("#%02x%02x%02x", c[0], c[1], c[2]);
    }

    /** The xterm-256 colour cube index nearest to the ramp's colour. */
    static int xterm256(double w) {
        int[] c = rgb(w);
        int r = cube(c[0]), g = cube(c[1]), b = cube(c[2]);
        return 16 + 36 * r + 6 * g + b;
    }

    private static int cube(int v) {
        return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40;
    }
}
