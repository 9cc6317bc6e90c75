package dojo.questions;

import java.nio.file.Path;

/** A place in a source file, 1-based, printed the way compilers do: {@code path:line:col} (an unsafe name quoted). */
public record SourcePos(Path file, int line, int column) {
    public static SourcePos of(Path file) {
        return new SourcePos(file, 1, 1);
    }

    @Override
    public String toString() {
        return dojo.ControlChars.quote(String.valueOf(file)) + ":" + line + ":" + column;
    }
}
