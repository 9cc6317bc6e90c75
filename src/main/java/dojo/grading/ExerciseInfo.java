package dojo.grading;

import java.util.List;

/**
 * One entry of {@code exercises/index.yaml}.
 *
 * @param id folder name and Java package of the learner code, e.g. {@code ex01_softmax}
 * @param title one line shown in listings
 * @param points points for passing every test of the exercise
 * @param api fully qualified interface the learner class implements, e.g. {@code dojo.exercise.api.Softmax}
 * @param implementation fully qualified learner class, e.g. {@code ex01_softmax.StableSoftmax}
 * @param objectives what the learner practises
 * @param hints hint tiers, gentlest first ({@code dojo hint <id>} reveals one at a time)
 * @param tags related quiz tags
 * @param requires ids of earlier exercises whose classes this one may call (compiled with it)
 * @param line line of the entry in the index, for messages
 */
public record ExerciseInfo(
        String id,
        String title,
        int points,
        String api,
        String implementation,
        List<String> objectives,
        List<String> hints,
        List<String> tags,
        List<String> requires,
        int line) {

    public ExerciseInfo {
        objectives = List.copyOf(objectives);
        hints = List.copyOf(hints);
        tags = List.copyOf(tags);
        requires = List.copyOf(requires);
    }

    /** The simple name of the learner class, e.g. {@code StableSoftmax}. */
    public String implementationSimpleName() {
        return implementation.substring(implementation.lastIndexOf('.') + 1);
    }

    /** The learner source file relative to a tree, e.g. {@code ex01_softmax/StableSoftmax.java}. */
    public String implementationFile() {
        return implementation.replace('.', '/') + ".java";
    }

    /** The Java package holding this exercise's suites. */
    public String suitePackage() {
        return "exercises." + id;
    }
}
