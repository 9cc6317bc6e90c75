package dojo.quiz;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalises free-text answers so that width, case, punctuation and spacing do not decide correctness:
 * NFKC (full-width letters, digits and punctuation become half-width), lower case, punctuation (ASCII and
 * CJK, Unicode categories P*) turned into a space (so {@code [2, 108, 8]} stays three numbers and never
 * reads as {@code 21088}), whitespace collapsed and trimmed, and spaces next to CJK characters removed
 * ({@code KV 缓存} and {@code KV缓存} are the same answer). See docs/scoring.md.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    public static String normalize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (isPunctuation(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                b.append(' ');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return collapseSpaces(b.toString());
    }

    /**
     * A normalised answer with its spaces removed, except a space between two digits: {@code key padding mask}
     * and {@code keypaddingmask} compare equal, {@code 2 108 8} and {@code 21088} do not.
     */
    public static String compact(String normalized) {
        StringBuilder b = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == ' ' && !(i > 0 && i + 1 < normalized.length() && Character.isDigit(normalized.charAt(i - 1))
                    && Character.isDigit(normalized.charAt(i + 1)))) {
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    private static boolean isPunctuation(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    /** Collapses runs of spaces, trims, and drops a space whose neighbour on either side is CJK. */
    private static String collapseSpaces(String s) {
        int[] cps = s.codePoints().toArray();
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < cps.length) {
            if (cps[i] != ' ') {
                b.appendCodePoint(cps[i++]);
                continue;
            }
            int j = i;
            while (j < cps.length && cps[j] == ' ') j++;
            boolean atEdge = i == 0 || j == cps.length;
            if (!atEdge && !isCjk(cps[i - 1]) && !isCjk(cps[j])) {
                b.append(' ');
            }
            i = j;
        }
        return b.toString();
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
        return sc == Character.UnicodeScript.HAN
                || sc == Character.UnicodeScript.HIRAGANA
                || sc == Character.UnicodeScript.KATAKANA
                || sc == Character.UnicodeScript.HANGUL
                || sc == Character.UnicodeScript.BOPOMOFO;
    }
}
