package dojo.workshop;

import java.util.List;

/** Bad workshop input: every problem as one line, {@code path:line:col: message} where there is a place. */
public final class WorkshopException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public WorkshopException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public WorkshopException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
