package dojo.lint;

import dojo.questions.Diagnostic;
import dojo.questions.SourcePos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typography checks for Chinese banks (docs/lint.md, "Chinese style"), read from the source lines so each
 * finding has its line and column: ASCII double quotes around Chinese text (Chinese uses “…”), and numeric
 * units written in English ({@code unit: parameters} where a native reader expects {@code 个参数}).
 * Code fences, inline code and the front matter are left alone: quotes there are code or YAML.
 */
final class ChineseStyle {
    private ChineseStyle() {}

    /** ASCII words a Chinese engineer writes as they are inside a unit: symbols and loanwords, not English prose. */
    static final Set<String> UNIT_WORDS = Set.of("token", "logit", "b", "kb", "mb", "gb", "tb", "kib", "mib",
            "gib", "tib", "ms", "us", "ns", "s", "hz", "khz", "db", "flops", "gflops", "tflops");

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern UNIT = Pattern.compile("^\\s*[-*+]\\s+unit:\\s*(.*?)\\s*$");
    private static final Pattern ASCII_WORD = Pattern.compile("[A-Za-z]+");

    static List<Diagnostic> check(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of(); // unreadable or not UTF-8: the parser already reports it
        }
        return check(file, lines);
    }

    static List<Diagnostic> check(Path file, List<String> lines) {
        List<Diagnostic> out = new ArrayList<>();
        int start = frontMatterEnd(lines);
        String fence = null;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher f = FENCE.matcher(line);
            if (f.find()) {
                String marker = f.group(1);
                if (fence == null) fence = marker;
                else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) fence = null;
                continue;
            }
            if (fence != null) continue;
            quotes(file, i + 1, blankInlineCode(line), out);
            unit(file, i + 1, line, out);
        }
        return out;
    }

    /** Index of the first line after a leading {@code ---} front matter block, or 0 when there is none. */
    private static int frontMatterEnd(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) return 0;
        for (int i = 1; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.equals("---") || s.equals("...")) return i + 1;
        }
        return lines.size();
    }

    /** Inline code spans replaced by spaces, so columns stay right and quotes inside code are ignored. */
    private static String blankInlineCode(String line) {
        Matcher m = INLINE_CODE.matcher(line);
        StringBuilder sb = new StringBuilder(line);
        while (m.find()) {
            for (int k = m.start(); k < m.end(); k++) sb.setCharAt(k, ' ');
        }
        return sb.toString();
    }

    private static void quotes(Path file, int lineNo, String line, List<Diagnostic> out) {
        int open = -1;
        for (int k = 0; k < line.length(); k++) {
            if (line.charAt(k) != '"') continue;
            if (open < 0) {
                open = k;
            } else {
                if (hasChinese(line, open + 1, k)) report(file, lineNo, open, out);
                open = -1;
            }
        }
        // a quote left open continues on the next line; what follows it here decides
        if (open >= 0 && hasChinese(line, open + 1, line.length())) report(file, lineNo, open, out);
    }

    private static void report(Path file, int lineNo, int index, List<Diagnostic> out) {
        out.add(Diagnostic.warning(new SourcePos(file, lineNo, index + 1),
                "ASCII quotes around Chinese text: write “…” (Chinese typography); ASCII quotes belong to code"));
    }

    private static void unit(Path file, int lineNo, String line, List<Diagnostic> out) {
        Matcher u = UNIT.matcher(line);
        if (!u.matches()) return;
        Matcher w = ASCII_WORD.matcher(u.group(1));
        while (w.find()) {
            if (UNIT_WORDS.contains(w.group().toLowerCase(java.util.Locale.ROOT))) continue;
            out.add(Diagnostic.warning(new SourcePos(file, lineNo, u.start(1) + w.start() + 1),
                    "unit '" + u.group(1) + "' is English in a Chinese bank: write it in Chinese (个参数, 字节, 毫秒, 次浮点运算, ...)"));
            return;
        }
    }

    private static boolean hasChinese(String s, int from, int to) {
        for (int k = from; k < to; ) {
            int cp = s.codePointAt(k);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) return true;
            k += Character.charCount(cp);
        }
        return false;
    }
}
