package dojo.questions;

/** A problem found in a bank, printed as {@code path:line:col: error: message}. */
public record Diagnostic(SourcePos pos, Severity severity, String message) {
    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(SourcePos pos, String message) {
        return new Diagnostic(pos, Severity.ERROR, message);
    }

    public static Diagnostic warning(SourcePos pos, String message) {
        return new Diagnostic(pos, Severity.WARNING, message);
    }

    @Override
    public String toString() {
        return pos + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + dojo.ControlChars.escape(message);
    }
}
