package dojo.workshop.report;

import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.TestOutcome;
import dojo.grading.TestStatus;
import dojo.workshop.SubmissionResult;
import dojo.workshop.WorkshopConfig;
import dojo.workshop.WorkshopExercise;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cohort at a glance: pass rate per exercise and per test, the score histogram, the hardest tests.
 *
 * @param config the workshop
 * @param learners learners on the roster
 * @param submitted learners with a submission
 * @param incomplete learners whose grading was cut short (crash, limit)
 * @param scores the score of every learner with a submission
 * @param exercises per exercise
 * @param tests per test, in exercise order
 * @param histogram learners per score bin ({@link #BINS} bins from 0 to the maximum)
 */
public record CohortReport(WorkshopConfig config, int learners, int submitted, int incomplete, List<Double> scores,
        List<ExerciseStats> exercises, List<TestStats> tests, int[] histogram) {

    public static final int BINS = 10;

    /** One exercise: learners who passed it, attempted it, and its mean points. */
    public record ExerciseStats(String id, String title, int points, int passed, int attempted, int submitted, double meanPoints) {
        public double passRate() {
            return submitted == 0 ? 0 : (double) passed / submitted;
        }
    }

    /** One test: how many of the learners who attempted its exercise passed it. */
    public record TestStats(String exercise, String name, boolean hidden, int passed, int ran) {
        public double passRate() {
            return ran == 0 ? 0 : (double) passed / ran;
        }
    }

    public static CohortReport build(WorkshopConfig c, Map<String, SubmissionResult> grades) {
        List<SubmissionResult> subs = c.roster().stream().map(l -> grades.get(l.id()))
                .filter(r -> r != null && r.status() != SubmissionResult.Status.NO_SUBMISSION).toList();
        List<Double> scores = subs.stream().map(SubmissionResult::points).toList();
        int[] hist = new int[BINS];
        for (double s : scores) {
            int bin = c.maxPoints() == 0 ? 0 : (int) Math.floor(s / c.maxPoints() * BINS);
            hist[Math.min(BINS - 1, Math.max(0, bin))]++;
        }
        List<ExerciseStats> ex = new ArrayList<>();
        Map<String, TestStats> tests = new LinkedHashMap<>();
        for (WorkshopExercise we : c.exercises()) {
            int passed = 0;
            int attempted = 0;
            double sum = 0;
            String title = we.id();
            for (SubmissionResult r : subs) {
                ExerciseReport e = r.exercises().stream().filter(x -> x.id().equals(we.id())).findFirst().orElse(null);
                if (e == null) {
                    continue;
                }
                title = e.title();
                sum += e.points();
                if (e.status() == ExerciseStatus.PASSED) {
                    passed++;
                }
                if (e.status() != ExerciseStatus.NOT_STARTED && e.status() != ExerciseStatus.NO_TESTS) {
                    attempted++;
                    for (TestOutcome t : e.tests()) {
                        if (t.status() == TestStatus.SKIPPED || t.status() == TestStatus.DOES_NOT_COMPILE) {
                            continue;
                        }
                        String key = we.id() + "\u0000" + t.name();
                        TestStats prev = tests.getOrDefault(key, new TestStats(we.id(), t.name(), t.hidden(), 0, 0));
                        tests.put(key, new TestStats(we.id(), t.name(), t.hidden(),
                                prev.passed() + (t.status() == TestStatus.PASSED ? 1 : 0), prev.ran() + 1));
                    }
                }
            }
            ex.add(new ExerciseStats(we.id(), title, we.points(), passed, attempted, subs.size(), subs.isEmpty() ? 0 : sum / subs.size()));
        }
        int incomplete = (int) subs.stream().filter(r -> r.status() == SubmissionResult.Status.INCOMPLETE).count();
        return new CohortReport(c, c.roster().size(), subs.size(), incomplete, scores, ex, new ArrayList<>(tests.values()), hist);
    }

    /** Tests with the lowest pass rate (among tests at least one learner ran), hardest first. */
    public List<TestStats> hardest(int n) {
        return tests.stream().filter(t -> t.ran() > 0)
                .sorted(Comparator.comparingDouble(TestStats::passRate).thenComparing(TestStats::exercise).thenComparing(TestStats::name))
                .limit(n).toList();
    }

    public double mean() {
        return scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    public double median() {
        List<Double> s = scores.stream().sorted().toList();
        if (s.isEmpty()) {
            return 0;
        }
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }
}
