package dojo;

/**
 * A failure the user can act on (bad input, an unusable data directory, a failed check), raised by
 * engines and commands alike; the CLI prints its message as one line on stderr and exits with its code.
 */
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
