package dojo.grading.junit;

import java.util.List;
import org.opentest4j.AssertionFailedError;

/** The exercise's code in the tree being graded does not compile; carries javac's first diagnostics. */
public class DoesNotCompileError extends AssertionFailedError {
    private static final long serialVersionUID = 1L;

    private final List<String> diagnostics;

    public DoesNotCompileError(List<String> diagnostics) {
        super("does not compile: " + String.join("\n  ", diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<String> diagnostics() {
        return diagnostics;
    }
}
