package dojo.grading.mutant;

/**
 * A mutant patch cannot be read or no longer fits the solution. The message starts with the place
 * ({@code src/mutants/<id>/<name>.patch:<line>: ...}) and says what to do.
 */
public class MutantPatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MutantPatchException(String message) {
        super(message);
    }
}
