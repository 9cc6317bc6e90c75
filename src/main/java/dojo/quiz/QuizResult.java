package dojo.quiz;

import java.util.List;
import java.util.Map;

/**
 * The end of a session.
 *
 * @param score   points earned (partial credit makes it fractional)
 * @param outOf   questions that count: the answered ones, or in an exam every question of the exam
 * @param byTag   per-tag points over the questions that count, tags in alphabetical order
 * @param ending  why the session ended
 */
public record QuizResult(
        Mode mode, List<QuestionOutcome> outcomes, double score, int outOf, Map<String, TagScore> byTag, Ending ending) {

    public QuizResult {
        outcomes = List.copyOf(outcomes);
        byTag = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byTag));
    }

    public enum Ending { COMPLETED, QUIT, TIME_UP }

    public record TagScore(String tag, double score, int outOf) {
        public double fraction() {
            return outOf == 0 ? 0 : score / outOf;
        }
    }

    public long answered() {
        return outcomes.stream().filter(QuestionOutcome::answered).count();
    }

    public long correct() {
        return outcomes.stream().filter(QuestionOutcome::correct).count();
    }
}
