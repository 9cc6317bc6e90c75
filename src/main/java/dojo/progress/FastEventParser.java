package dojo.progress;

import dojo.review.Rating;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A fast path for reading review-log lines: the flat JSON objects that {@link ReviewEventCodec#toJson}
 * writes (ASCII strings without escapes, numbers, booleans, null; fields in any order, unknown fields
 * ignored), read straight from the bytes with timestamps of the form {@code 2026-01-01T08:00:36.130Z}
 * converted without {@link Instant#parse}. Anything else, and anything invalid, returns null so that the
 * caller falls back to {@link ReviewEventCodec#fromJson}, which reads every JSON and words every problem:
 * the fast path never decides that a line is bad, it only accepts the lines that are plainly good.
 */
final class FastEventParser {
    private final byte[] b;
    private int i;
    private final int end;

    private FastEventParser(byte[] b, int start, int end) {
        this.b = b;
        this.i = start;
        this.end = end;
    }

    /** The event on bytes {@code [start, end)}, or null when the slow path must decide. */
    static ReviewEvent parse(byte[] bytes, int start, int end) {
        try {
            return new FastEventParser(bytes, start, end).object();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ReviewEvent object() {
        ws();
        if (!eat('{')) return null;
        String id = null, bank = null, lang = null, mode = null;
        Instant time = null;
        int rating = -1;
        int correct = -1;
        double score = Double.NaN;
        long duration = 0;
        ws();
        if (peek() == '}') return null;
        while (true) {
            ws();
            int ks = i;
            if (!skipString()) return null;
            int ke = i - 1;
            ws();
            if (!eat(':')) return null;
            ws();
            switch (key(ks + 1, ke)) {
                case "v": {
                    long v = integer();
                    if (v < 1) return null;
                    break;
                }
                case "time": {
                    int s = i;
                    if (!skipString()) return null;
                    time = instant(s + 1, i - 1);
                    if (time == null) return null;
                    break;
                }
                case "id": id = string(); if (id == null || id.isBlank()) return null; break;
                case "bank": bank = nullableString(); if (bank == NOT_A_STRING) return null; break;
                case "lang": lang = nullableString(); if (lang == NOT_A_STRING) return null; break;
                case "mode": mode = nullableString(); if (mode == NOT_A_STRING) return null; break;
                case "rating": {
                    long r = integer();
                    if (r < 1 || r > 4) return null;
                    rating = (int) r;
                    break;
                }
                case "correct":
                    if (literal("true")) correct = 1;
                    else if (literal("false")) correct = 0;
                    else return null;
                    break;
                case "score": score = number(); break;
                case "duration_ms":
                    if (literal("null")) duration = 0;
                    else duration = integer();
                    break;
                default:
                    if (!skipScalar()) return null;
            }
            ws();
            if (eat(',')) continue;
            if (eat('}')) break;
            return null;
        }
        ws();
        if (i != end) return null;
        if (id == null || time == null || rating < 0 || correct < 0 || !(score >= 0 && score <= 1) || duration < 0) {
            return null;
        }
        return new ReviewEvent(id, bank, lang, time, Rating.of(rating), correct == 1, score, duration, mode);
    }

    private static final String NOT_A_STRING = new String("not a string");

    private String nullableString() {
        if (literal("null")) return null;
        String s = string();
        return s == null ? NOT_A_STRING : s;
    }

    private String string() {
        int s = i;
        if (!skipString()) return null;
        return new String(b, s + 1, i - 1 - (s + 1), StandardCharsets.ISO_8859_1);
    }

    /** Skips a string without escapes or non-ASCII bytes (else false), leaving i after the closing quote. */
    private boolean skipString() {
        if (!eat('"')) return false;
        while (i < end) {
            byte c = b[i++];
            if (c == '"') return true;
            if (c == '\\' || c < 0x20) return false; // negative: non-ASCII
        }
        return false;
    }

    private boolean skipScalar() {
        byte c = peek();
        if (c == '"') return skipString();
        if (c == 't') return literal("true");
        if (c == 'f') return literal("false");
        if (c == 'n') return literal("null");
        number();
        return true;
    }

    private static final byte[][] KEYS = {
        "v".getBytes(StandardCharsets.US_ASCII), "time".getBytes(StandardCharsets.US_ASCII),
        "id".getBytes(StandardCharsets.US_ASCII), "bank".getBytes(StandardCharsets.US_ASCII),
        "lang".getBytes(StandardCharsets.US_ASCII), "mode".getBytes(StandardCharsets.US_ASCII),
        "rating".getBytes(StandardCharsets.US_ASCII), "correct".getBytes(StandardCharsets.US_ASCII),
        "score".getBytes(StandardCharsets.US_ASCII), "duration_ms".getBytes(StandardCharsets.US_ASCII)};
    private static final String[] KEY_NAMES = {"v", "time", "id", "bank", "lang", "mode", "rating", "correct", "score",
        "duration_ms"};

    /** The known field name on bytes {@code [s, e)} without making a String, or "" for any other name. */
    private String key(int s, int e) {
        int n = e - s;
        outer:
        for (int k = 0; k < KEYS.length; k++) {
            byte[] key = KEYS[k];
            if (key.length != n) continue;
            for (int j = 0; j < n; j++) if (b[s + j] != key[j]) continue outer;
            return KEY_NAMES[k];
        }
        return "";
    }

    private long integer() {
        boolean neg = eat('-');
        int s = i;
        long v = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i++] - '0');
            if (i - s > 18) throw new NumberFormatException("too long");
        }
        if (i == s) throw new NumberFormatException("no digits");
        byte c = peek();
        if (c == '.' || c == 'e' || c == 'E') throw new NumberFormatException("not an integer");
        return neg ? -v : v;
    }

    private double number() {
        int s = i;
        while (i < end) {
            byte c = b[i];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') i++;
            else break;
        }
        if (i == s) throw new NumberFormatException("no number");
        // the common scores, without going through a String
        if (i - s == 3 && b[s + 1] == '.') {
            if (b[s] == '0' && b[s + 2] == '0') return 0.0;
            if (b[s] == '1' && b[s + 2] == '0') return 1.0;
            if (b[s] == '0' && b[s + 2] == '5') return 0.5;
        }
        return Double.parseDouble(new String(b, s, i - s, StandardCharsets.ISO_8859_1));
    }

    private boolean literal(String word) {
        if (i + word.length() > end) return false;
        for (int k = 0; k < word.length(); k++) if (b[i + k] != word.charAt(k)) return false;
        i += word.length();
        return true;
    }

    private void ws() {
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) i++;
    }

    private boolean eat(char c) {
        if (i < end && b[i] == c) {
            i++;
            return true;
        }
        return false;
    }

    private byte peek() {
        return i < end ? b[i] : 0;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with four-digit years; anything else null (Instant.parse decides). */
    private Instant instant(int s, int e) {
        int n = e - s;
        if (n < 20 || b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != 'T' || b[s + 13] != ':' || b[s + 16] != ':'
                || b[e - 1] != 'Z') {
            return null;
        }
        int year = digits(s, 4);
        int month = digits(s + 5, 2);
        int day = digits(s + 8, 2);
        int hour = digits(s + 11, 2);
        int minute = digits(s + 14, 2);
        int second = digits(s + 17, 2);
        if ((year | month | day | hour | minute | second) < 0) return null;
        int nanos = 0;
        int p = s + 19;
        if (p < e - 1) {
            if (b[p] != '.') return null;
            int digits = e - 1 - (p + 1);
            if (digits < 1 || digits > 9) return null;
            int f = digits(p + 1, digits);
            if (f < 0) return null;
            for (int k = digits; k < 9; k++) f *= 10;
            nanos = f;
        }
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    private int digits(int at, int count) {
        int v = 0;
        for (int k = 0; k < count; k++) {
            int d = b[at + k] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    private static int lengthOfMonth(int y, int m) {
        switch (m) {
            case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
