package dojo.workshop.feedback;

import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.TestOutcome;
import dojo.grading.TestStatus;
import dojo.workshop.gradebook.Gradebook;
import dojo.workshop.WorkshopConfig;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-learner feedback in Markdown, in the learner's language (en or zh): score and late penalty, then per exercise
 * the first failure (public tests first; a hidden test's name and message only once hidden details are visible), the
 * next hint, and what stays hidden until the due date.
 */
public final class Feedback {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    private Feedback() {}

    /**
     * The Markdown for one learner.
     *
     * @param hintTier per exercise, the hint tier this feedback reveals (1-based; 0 for none)
     * @param now the time the feedback is written (decides what hidden tests show)
     */
    public static String markdown(Gradebook.Row row, WorkshopConfig c, ExerciseIndex index, Map<String, Integer> hintTier,
            Instant now) {
        boolean zh = "zh".equals(row.learner().language());
        Text t = zh ? Text.ZH : Text.EN;
        boolean hiddenVisible = c.hiddenDetailsVisible(now);
        String due = c.due().format(WHEN) + " " + c.due().getZone().getId();
        StringBuilder b = new StringBuilder();
        String name = (row.learner().firstName() + " " + row.learner().lastName()).strip();
        b.append("# ").append(t.title).append(": ").append(c.assignment()).append(" · ")
                .append(name.isEmpty() ? row.learner().id() : name).append("\n\n");
        if (row.result() == null || row.result().status() == dojo.workshop.SubmissionResult.Status.NO_SUBMISSION) {
            b.append(t.noSubmission).append(' ').append(t.due).append(' ').append(due).append(".\n");
            return b.toString();
        }
        Instant at = row.result().submittedAt();
        b.append("- ").append(t.submitted).append(": ").append(at == null ? "?" : at.atZone(c.due().getZone()).format(WHEN))
                .append(" · ").append(t.due).append(": ").append(due).append('\n');
        b.append("- ").append(t.score).append(": **").append(fmt(row.score())).append(" / ").append(c.maxPoints()).append("**");
        if (row.latePenalty() > 0) {
            b.append(" (").append(fmt(row.rawScore())).append(' ').append(t.minus).append(' ').append(fmt(row.latePenalty()))
                    .append(' ').append(t.late.formatted(row.daysLate())).append(')');
        }
        b.append('\n');
        if (row.result().message() != null) {
            b.append("- ").append(t.gradingNote).append(": ").append(row.result().learnerMessage(hiddenVisible)).append('\n');
        }
        b.append('\n');
        b.append("| ").append(t.exercise).append(" | ").append(t.status).append(" | ").append(t.points).append(" | ")
                .append(t.publicTests).append(" | ").append(t.hiddenTests).append(" |\n|---|---|---|---|---|\n");
        for (ExerciseReport e : row.result().exercises()) {
            long pubPass = count(e, false, true);
            long pubAll = count(e, false, false);
            long hidPass = count(e, true, true);
            long hidAll = count(e, true, false);
            b.append("| ").append(e.id()).append(" | ").append(t.statusName(e.status())).append(" | ").append(fmt(e.points()))
                    .append(" / ").append(e.maxPoints()).append(" | ").append(pubPass).append(" / ").append(pubAll).append(" | ")
                    .append(hidPass).append(" / ").append(hidAll).append(" |\n");
        }
        for (ExerciseReport e : row.result().exercises()) {
            b.append("\n## ").append(e.id()).append(": ").append(e.title()).append("\n\n");
            switch (e.status()) {
                case PASSED -> {
                    b.append(t.allPassed).append('\n');
                    continue;
                }
                case NOT_STARTED -> {
                    b.append(t.notStarted).append('\n');
                }
                case NO_TESTS -> {
                    b.append(zh ? "这个练习没有运行任何测试（请联系主持人）。" : "No tests ran for this exercise (ask the host).").append('\n');
                    continue;
                }
                case DOES_NOT_COMPILE -> {
                    b.append(t.doesNotCompile).append("\n\n```\n").append(firstCompileError(e)).append("\n```\n");
                }
                default -> {
                    TestOutcome first = e.tests().stream().filter(x -> !x.hidden() && failed(x)).findFirst().orElse(null);
                    if (first != null) {
                        b.append(t.firstFailure).append(": **").append(first.name()).append("**\n\n```\n")
                                .append(clip(first.message())).append("\n```\n");
                    } else if (hiddenVisible) {
                        TestOutcome h = e.tests().stream().filter(x -> x.hidden() && failed(x)).findFirst().orElse(null);
                        if (h != null) {
                            b.append(t.firstHiddenFailure).append(": **").append(h.name()).append("**\n\n```\n")
                                    .append(clip(h.message())).append("\n```\n");
                        }
                    } else {
                        b.append(t.onlyHiddenFail).append('\n');
                    }
                }
            }
            long hidAll = count(e, true, false);
            if (hidAll > 0 && !hiddenVisible) {
                b.append('\n').append(t.hiddenUntil.formatted(count(e, true, true), hidAll,
                        c.hiddenTests() == dojo.workshop.Visibility.HIDDEN ? t.never : due)).append('\n');
            } else if (hiddenVisible) {
                List<TestOutcome> hf = e.tests().stream().filter(x -> x.hidden() && failed(x)).toList();
                if (!hf.isEmpty()) {
                    b.append('\n').append(t.hiddenFailed).append(":\n\n");
                    for (TestOutcome h : hf) {
                        b.append("- ").append(h.name()).append(": ").append(h.messageFirstLine()).append('\n');
                    }
                }
            }
            int tier = hintTier.getOrDefault(e.id(), 0);
            ExerciseInfo info = index.find(e.id()).orElse(null);
            if (tier > 0 && info != null && tier <= info.hints().size()) {
                b.append('\n').append(t.hint.formatted(tier, info.hints().size())).append("\n\n> ")
                        .append(info.hints().get(tier - 1).replace("\n", "\n> ")).append('\n');
            }
        }
        return b.toString();
    }

    static boolean failed(TestOutcome t) {
        return t.status() != TestStatus.PASSED && t.status() != TestStatus.SKIPPED;
    }

    /** True when the exercise would profit from a hint: attempted and not passed. */
    public static boolean needsHint(ExerciseReport e) {
        return e.status() == ExerciseStatus.FAILED || e.status() == ExerciseStatus.DOES_NOT_COMPILE;
    }

    private static long count(ExerciseReport e, boolean hidden, boolean passedOnly) {
        return e.tests().stream().filter(x -> x.hidden() == hidden && x.status() != TestStatus.SKIPPED)
                .filter(x -> !passedOnly || x.status() == TestStatus.PASSED).count();
    }

    private static String firstCompileError(ExerciseReport e) {
        return e.tests().stream().filter(x -> x.status() == TestStatus.DOES_NOT_COMPILE).map(x -> clip(x.message()))
                .findFirst().orElse(String.valueOf(e.firstFailure()));
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        String[] lines = s.strip().split("\n");
        String head = String.join("\n", java.util.Arrays.asList(lines).subList(0, Math.min(12, lines.length)));
        return lines.length > 12 ? head + "\n..." : head;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /** The words of the page, per language. */
    private enum Text {
        EN("Feedback", "No submission was collected.", "Due", "Submitted", "Score", "minus", "late penalty, %d day(s) late",
                "Grading note", "Exercise", "Status", "Points", "Public tests", "Hidden tests", "Every test passes.",
                "Not started yet: the methods still throw NotImplementedYet.", "Does not compile:", "First failure",
                "First failing hidden test", "Every public test passes; some hidden tests fail.",
                "Hidden tests: %d of %d passed. Their names and messages are shown after the due date, %s.", "never",
                "Hidden tests that fail", "Hint %d of %d:",
                new String[] {"passed", "failed", "not started", "does not compile", "no tests"}),
        ZH("反馈", "没有收到你的提交。", "截止时间", "提交时间", "得分", "扣除", "迟交扣分，迟交 %d 天", "评分说明", "练习", "状态", "分数",
                "公开测试", "隐藏测试", "全部测试通过。", "尚未开始：方法仍然抛出 NotImplementedYet。", "无法编译：", "第一个失败的测试",
                "第一个失败的隐藏测试", "公开测试全部通过，但有隐藏测试未通过。",
                "隐藏测试：%d / %d 通过。测试名称和失败信息将在截止时间（%s）之后公开。", "不公开", "未通过的隐藏测试",
                "提示 %d / %d（提示原文为英文）：", new String[] {"通过", "未通过", "未开始", "无法编译", "没有测试"});

        final String title;
        final String noSubmission;
        final String due;
        final String submitted;
        final String score;
        final String minus;
        final String late;
        final String gradingNote;
        final String exercise;
        final String status;
        final String points;
        final String publicTests;
        final String hiddenTests;
        final String allPassed;
        final String notStarted;
        final String doesNotCompile;
        final String firstFailure;
        final String firstHiddenFailure;
        final String onlyHiddenFail;
        final String hiddenUntil;
        final String never;
        final String hiddenFailed;
        final String hint;
        final String[] statuses;

        Text(String title, String noSubmission, String due, String submitted, String score, String minus, String late,
                String gradingNote, String exercise, String status, String points, String publicTests, String hiddenTests,
                String allPassed, String notStarted, String doesNotCompile, String firstFailure, String firstHiddenFailure,
                String onlyHiddenFail, String hiddenUntil, String never, String hiddenFailed, String hint, String[] statuses) {
            this.title = title;
            this.noSubmission = noSubmission;
            this.due = due;
            this.submitted = submitted;
            this.score = score;
            this.minus = minus;
            this.late = late;
            this.gradingNote = gradingNote;
            this.exercise = exercise;
            this.status = status;
            this.points = points;
            this.publicTests = publicTests;
            this.hiddenTests = hiddenTests;
            this.allPassed = allPassed;
            this.notStarted = notStarted;
            this.doesNotCompile = doesNotCompile;
            this.firstFailure = firstFailure;
            this.firstHiddenFailure = firstHiddenFailure;
            this.onlyHiddenFail = onlyHiddenFail;
            this.hiddenUntil = hiddenUntil;
            this.never = never;
            this.hiddenFailed = hiddenFailed;
            this.hint = hint;
            this.statuses = statuses;
        }

        String statusName(ExerciseStatus s) {
            return switch (s) {
                case PASSED -> statuses[0];
                case FAILED -> statuses[1];
                case NOT_STARTED -> statuses[2];
                case DOES_NOT_COMPILE -> statuses[3];
                case NO_TESTS -> statuses[4];
            };
        }
    }
}
