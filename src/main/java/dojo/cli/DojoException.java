package dojo.cli;

/** A failure the user can act on: printed as one line on stderr, with its exit code. */
public class DojoException extends RuntimeException {
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;

    private final int exitCode;

    public DojoException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public DojoException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static DojoException badInput(String message) {
        return new DojoException(BAD_INPUT, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
