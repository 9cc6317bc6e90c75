package dojo.questions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The text of one bank file with a line index, so any character offset maps to a 1-based line:column. */
final class SourceText {
    private final Path file;
    private final String text;
    private final int[] lineStarts;

    SourceText(Path file, String text) {
        this.file = file;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') starts.add(i + 1);
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Strips a byte order mark and turns CRLF / CR line ends into LF, so offsets and lines agree everywhere. */
    static String normalize(String raw) {
        String s = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        if (s.indexOf('\r') < 0) return s;
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }

    Path file() {
        return file;
    }

    String text() {
        return text;
    }

    int lineCount() {
        return lineStarts.length;
    }

    int lineStart(int lineIndex) {
        return lineStarts[lineIndex];
    }

    /** The line without its terminator. */
    String line(int lineIndex) {
        int start = lineStarts[lineIndex];
        int end = lineIndex + 1 < lineStarts.length ? lineStarts[lineIndex + 1] - 1 : text.length();
        return text.substring(start, end);
    }

    int lineOf(int index) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= index) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    SourcePos pos(int index) {
        int clamped = Math.max(0, Math.min(index, text.length()));
        int line = lineOf(clamped);
        return new SourcePos(file, line + 1, clamped - lineStarts[line] + 1);
    }

    SourcePos lineStartPos(int lineIndex) {
        return new SourcePos(file, lineIndex + 1, 1);
    }

    String slice(int start, int end) {
        return text.substring(start, end);
    }
}
