package dojo.quiz;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a numeric answer the way people write one, in English or Chinese, and checks its unit against the
 * question's (docs/scoring.md, "Numeric answers").
 *
 * <p>Numbers: {@code 42}, {@code -3.5}, {@code .5}, {@code 1e-3}, {@code 8.59e9}, {@code 1,024},
 * {@code 1 024}, {@code 1.5×10^6}, {@code 1/8}, full-width digits, the Unicode minus sign. Then an optional
 * magnitude: {@code k K M G T} (10^3..10^12), {@code B}/{@code bn} (billion, unless the unit is bytes),
 * {@code thousand million billion trillion}, {@code 千 万 十万 百万 千万 亿 十亿 万亿}, {@code %}. Then an
 * optional unit, compared with the question's after normalising case, plurals, a leading 个 and the
 * English/Chinese names of common units ({@code ms}/{@code 毫秒}, {@code parameters}/{@code 参数}...);
 * time units convert ({@code 0.007 s} is {@code 7 ms}). So {@code 8.6 GFLOPs}, {@code 175B},
 * {@code 1750亿}, {@code 2.4 万}, {@code 7 毫秒} all read.
 */
public final class NumberParser {
    private NumberParser() {}

    /** The outcome of reading one answer against a question's unit. */
    public sealed interface Result {}

    /** A number in the question's unit. */
    public record Value(double value) implements Result {}

    /** Not a number at all. */
    public record NotANumber() implements Result {}

    /** A number with a unit that is not the question's: {@code typed} as written, {@code expected} may be blank. */
    public record WrongUnit(String typed, String expected) implements Result {}

    private static final String EXP = "(?:[eE][+-]?\\d+)?";
    private static final Pattern TIMES_TEN = Pattern.compile(
            "([+-]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*[xX*×·]\\s*10\\s*(?:\\^|\\*\\*)\\s*([+-]?\\d+)(?!\\d)");
    private static final Pattern GROUPED = Pattern.compile(
            "([+-]?\\d{1,3}(?:([, _'])\\d{3})(?:\\2\\d{3})*)(\\.\\d+)?" + EXP + "(?![\\d.,])");
    private static final Pattern FRACTION = Pattern.compile("([+-]?\\d+)\\s*/\\s*(\\d+)(?![\\d.])");
    private static final Pattern PLAIN = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)" + EXP + "(?![\\d.,])");

    /** Magnitudes, longest first so 百万 wins over 万 and bn over B. */
    private static final List<Map.Entry<String, Double>> MAGNITUDES = List.of(
            Map.entry("thousand", 1e3), Map.entry("million", 1e6), Map.entry("billion", 1e9), Map.entry("trillion", 1e12),
            Map.entry("万亿", 1e12), Map.entry("十亿", 1e9), Map.entry("千万", 1e7), Map.entry("百万", 1e6),
            Map.entry("十万", 1e5), Map.entry("bn", 1e9), Map.entry("千", 1e3), Map.entry("万", 1e4), Map.entry("亿", 1e8),
            Map.entry("k", 1e3), Map.entry("K", 1e3), Map.entry("M", 1e6), Map.entry("G", 1e9), Map.entry("T", 1e12),
            Map.entry("B", 1e9), Map.entry("%", 1e-2));

    /** Names of one unit in both languages, after {@link #canonical}: the first is the key. */
    private static final List<List<String>> SYNONYMS = List.of(
            List.of("parameter", "param", "参数", "参数量"),
            List.of("token", "词元", "tok"),
            List.of("weight", "权重"),
            List.of("layer", "层"),
            List.of("time", "倍", "x", "×"),
            List.of("flop", "次浮点运算", "浮点运算", "flo"),
            List.of("byte", "字节", "b"),
            List.of("gib", "gibibyte"),
            List.of("gb", "gigabyte"),
            List.of("pair", "对"),
            List.of("entry", "元素", "项", "条目"),
            List.of("row", "行"),
            List.of("vector", "向量"),
            List.of("head", "头"),
            List.of("rad", "radian", "弧度"),
            List.of("nat", "奈特"),
            List.of("probability", "概率"),
            List.of("learning rate", "学习率", "lr"),
            List.of("dimension", "dim", "维", "维度"),
            List.of("step", "步"),
            List.of("position", "位置"),
            List.of("%", "percent", "百分比"));

    /** Time units and their length in seconds, after {@link #canonical}. */
    private static final Map<String, Double> TIME = Map.ofEntries(
            Map.entry("ns", 1e-9), Map.entry("纳秒", 1e-9), Map.entry("nanosecond", 1e-9),
            Map.entry("us", 1e-6), Map.entry("µs", 1e-6), Map.entry("μs", 1e-6), Map.entry("微秒", 1e-6),
            Map.entry("microsecond", 1e-6), Map.entry("ms", 1e-3), Map.entry("毫秒", 1e-3),
            Map.entry("millisecond", 1e-3), Map.entry("msec", 1e-3), Map.entry("s", 1.0), Map.entry("sec", 1.0),
            Map.entry("second", 1.0), Map.entry("秒", 1.0), Map.entry("min", 60.0), Map.entry("minute", 60.0),
            Map.entry("分钟", 60.0), Map.entry("h", 3600.0), Map.entry("hour", 3600.0), Map.entry("小时", 3600.0));

    /** Reads {@code input} as an answer in {@code unit} (null or blank: a plain number). */
    public static Result read(String input, String unit) {
        String s = Normalizer.normalize(input, Normalizer.Form.NFKC).replace('\u2212', '-').strip();
        String expected = unit == null ? "" : unit.strip();
        Optional<double[]> head = Optional.empty();
        String rest = "";
        for (Pattern p : List.of(TIMES_TEN, GROUPED, FRACTION, PLAIN)) {
            Matcher m = p.matcher(s);
            if (!m.lookingAt()) continue;
            Double v = value(p, m);
            if (v == null) return new NotANumber();
            head = Optional.of(new double[] {v});
            rest = s.substring(m.end()).strip();
            break;
        }
        if (head.isEmpty()) return new NotANumber();
        double number = head.get()[0];
        if (rest.isEmpty()) return finite(number);

        // the rest is a unit, or a magnitude followed by an optional unit
        List<double[]> scales = new ArrayList<>();
        List<String> units = new ArrayList<>();
        scales.add(new double[] {1});
        units.add(rest);
        for (Map.Entry<String, Double> mag : MAGNITUDES) {
            if (rest.startsWith(mag.getKey())) {
                String after = rest.substring(mag.getKey().length()).strip();
                boolean word = Character.isLetter(mag.getKey().charAt(0)) && mag.getKey().length() > 1;
                if (word && !after.isEmpty() && Character.isLetter(after.charAt(0)) && !rest.substring(mag.getKey().length()).startsWith(" ")) {
                    continue; // "bnxyz" is no magnitude
                }
                scales.add(new double[] {mag.getValue()});
                units.add(after);
            }
        }
        for (int i = 0; i < units.size(); i++) {
            Optional<Double> factor = conversion(units.get(i), expected);
            if (factor.isPresent()) return finite(number * scales.get(i)[0] * factor.get());
        }
        // a number, but a unit we cannot match: name the unit as typed
        if (!isUnitLike(rest)) return new NotANumber();
        return new WrongUnit(rest, expected);
    }

    /**
     * The factor turning an amount in {@code typed} into one in {@code expected}, or empty when they are not
     * the same unit. A blank {@code typed} matches anything.
     */
    static Optional<Double> conversion(String typed, String expected) {
        String t = canonical(typed);
        if (t.isEmpty()) return Optional.of(1.0);
        String e = canonical(expected);
        if (e.isEmpty()) return Optional.empty();
        if (t.equals(e) || key(t).equals(key(e))) return Optional.of(1.0);
        Double ts = TIME.get(t);
        Double es = TIME.get(e);
        if (ts != null && es != null) return Optional.of(ts / es);
        return Optional.empty();
    }

    /** Lower case, single spaces, no leading 个/次, English plurals made singular. */
    static String canonical(String unit) {
        String u = Normalizer.normalize(unit, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (u.startsWith("个") && u.length() > 1) u = u.substring(1).strip();
        if (u.matches("[a-z ]{4,}")) {
            if (u.endsWith("ies")) u = u.substring(0, u.length() - 3) + "y";
            else if (u.endsWith("s") && !u.endsWith("ss")) u = u.substring(0, u.length() - 1);
        } else if (u.matches("[a-z]+s") && u.length() == 3 && !TIME.containsKey(u)) {
            u = u.substring(0, 2); // "dims" -> "dim" is 4; short plurals like "ops"
        }
        return u;
    }

    private static String key(String canonical) {
        for (List<String> names : SYNONYMS) if (names.contains(canonical)) return names.get(0);
        return canonical;
    }

    /** Text that looks like a unit (letters, CJK, %, /, ^, digits after a letter), not a second number. */
    private static boolean isUnitLike(String rest) {
        int first = rest.codePointAt(0);
        return Character.isLetter(first) || first == '%' || first == '°' || first == 'µ';
    }

    private static Double value(Pattern p, Matcher m) {
        try {
            if (p == TIMES_TEN) return Double.parseDouble(m.group(1) + "e" + m.group(2));
            if (p == GROUPED) return Double.parseDouble(m.group().replace(m.group(2), ""));
            if (p == FRACTION) {
                double den = Double.parseDouble(m.group(2));
                return den == 0 ? null : Double.parseDouble(m.group(1)) / den;
            }
            return Double.parseDouble(m.group());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Result finite(double v) {
        return Double.isFinite(v) ? new Value(v) : new NotANumber();
    }
}
