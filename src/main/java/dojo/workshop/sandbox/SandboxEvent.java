package dojo.workshop.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import dojo.grading.TestOutcome;
import java.util.List;

/**
 * One line of the stream a grading JVM writes to its parent: the test plan, a test started, a test finished, done.
 *
 * @param type plan | started | finished | done
 * @param uid JUnit unique id of the test (started, finished)
 * @param exercise the exercise the test belongs to (plan entries, started)
 * @param name the test's display name (plan entries, started)
 * @param outcome the result (finished; null for a container that finished without a result of its own)
 * @param tests the planned test methods (plan)
 * @param hidden true for a test of a hidden suite (plan entries, started)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SandboxEvent(String type, String uid, String exercise, String name, TestOutcome outcome,
        List<SandboxEvent> tests, Boolean hidden) {

    public static final String PLAN = "plan";
    public static final String STARTED = "started";
    public static final String FINISHED = "finished";
    public static final String DONE = "done";

    public static SandboxEvent planned(String uid, String exercise, String name, boolean hidden) {
        return new SandboxEvent("test", uid, exercise, name, null, null, hidden);
    }

    public SandboxEvent(String type, String uid, String exercise, String name, TestOutcome outcome, List<SandboxEvent> tests) {
        this(type, uid, exercise, name, outcome, tests, null);
    }

    /** True when the event says its test belongs to a hidden suite. */
    public boolean hiddenTest() {
        return Boolean.TRUE.equals(hidden);
    }
}
