package dojo.grading;

import java.util.List;

/** {@code exercises/index.yaml} is missing or invalid; every problem is a {@code path:line:col: message} line. */
public class ExerciseIndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ExerciseIndexException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
