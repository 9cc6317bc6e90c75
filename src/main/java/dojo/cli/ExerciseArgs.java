package dojo.cli;

import dojo.DojoException;
import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import java.util.List;

/** Exercise words from the command line (an id, a number on the path, or the start of one id) as exercise ids. */
final class ExerciseArgs {
    private ExerciseArgs() {}

    static List<String> ids(ExerciseIndex index, List<String> typed) {
        return typed.stream().map(t -> one(index, t).id()).distinct().toList();
    }

    /** @throws DojoException (bad input) naming what was typed, the closest ids and every valid one */
    static ExerciseInfo one(ExerciseIndex index, String typed) {
        return index.resolve(typed).orElseThrow(() -> {
            List<String> ids = index.ids();
            long starting = ids.stream().filter(id -> !typed.isEmpty() && id.startsWith(typed)).count();
            String valid = "valid: " + String.join(", ", ids) + " (or a number, 1-" + ids.size() + ")";
            if (starting > 1) return DojoException.badInput("'" + typed + "' starts " + starting + " exercise ids; " + valid);
            String guess = Suggestions.didYouMean(typed, ids);      // "; did you mean 'x'?" or ""
            return DojoException.badInput("unknown exercise '" + typed + "'" + (guess.isEmpty() ? "; " + valid : guess + " (" + valid + ")"));
        });
    }
}
