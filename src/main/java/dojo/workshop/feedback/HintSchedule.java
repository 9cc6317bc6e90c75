package dojo.workshop.feedback;

import com.fasterxml.jackson.core.type.TypeReference;
import dojo.grading.ExerciseReport;
import dojo.workshop.GradeStore;
import dojo.workshop.SubmissionResult;
import dojo.workshop.WorkshopException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which hint tier each learner's feedback shows: tier 1 the first time an exercise fails, one tier more each time a
 * new submission still fails it, the same tier when feedback is written again for the same submission. Kept in
 * {@code feedback/hints.json}.
 */
public final class HintSchedule {
    /** What a learner was shown for an exercise, and for which submission. */
    public record Shown(int tier, String submission) {}

    private final Map<String, Map<String, Shown>> shown;

    private HintSchedule(Map<String, Map<String, Shown>> shown) {
        this.shown = shown;
    }

    public static HintSchedule load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new HintSchedule(new LinkedHashMap<>());
        }
        try {
            Map<String, Map<String, Shown>> m = GradeStore.json().readValue(file.toFile(), new TypeReference<>() { });
            return new HintSchedule(new LinkedHashMap<>(m));
        } catch (IOException e) {
            throw new WorkshopException(file + ": unreadable hint record (" + e.getMessage().lines().findFirst().orElse("")
                    + "); fix or delete it");
        }
    }

    /** The tiers for one learner's result (exercise id to tier), recording them. */
    public Map<String, Integer> next(SubmissionResult r, Map<String, Integer> tiersPerExercise) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Map<String, Shown> mine = shown.computeIfAbsent(r.learner(), k -> new LinkedHashMap<>());
        for (ExerciseReport e : r.exercises()) {
            if (!Feedback.needsHint(e)) {
                continue;
            }
            int max = tiersPerExercise.getOrDefault(e.id(), 0);
            if (max == 0) {
                continue;
            }
            Shown prev = mine.get(e.id());
            int tier;
            if (prev == null) {
                tier = 1;
            } else if (prev.submission() != null && prev.submission().equals(r.submission())) {
                tier = prev.tier();
            } else {
                tier = Math.min(prev.tier() + 1, max);
            }
            mine.put(e.id(), new Shown(tier, r.submission()));
            out.put(e.id(), tier);
        }
        return out;
    }

    public void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            GradeStore.json().writeValue(file.toFile(), shown);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
