package dojo.cli;

import dojo.DojoException;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import dojo.quiz.Mode;
import dojo.quiz.QuizEngine;
import dojo.quiz.QuizFilter;
import dojo.quiz.Session;
import dojo.terminal.Messages;
import dojo.terminal.TerminalIO;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dojo quiz}: a practice, exam or retry-wrong session on the terminal (or on stdin/stdout in scripts). */
@Command(name = "quiz", mixinStandardHelpOptions = true,
        description = {"Quiz yourself: practice (feedback after each answer), exam (timed, feedback at the end) "
                + "or retry-wrong (the questions you last got wrong).",
            "At the prompt: ? or h hint, s skip, q quit. When stdin is not a terminal, one answer per line; "
                + "the last line printed is 'Score: X/Y'. See docs/quiz.md."})
public final class QuizCommand implements Callable<Integer> {

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "practice",
            description = "practice, exam or retry-wrong (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--bank", paramLabel = "ID", split = ",", description = "Only these banks (repeatable).")
    Set<String> banks = Set.of();

    @Option(names = "--tag", paramLabel = "TAG", split = ",", description = "Only questions with any of these tags (repeatable).")
    Set<String> tags = Set.of();

    @Option(names = "--difficulty", paramLabel = "1..3", split = ",", description = "Only these difficulties (repeatable).")
    Set<Integer> difficulties = Set.of();

    @Option(names = "--count", paramLabel = "N", description = "At most N questions (default: 10; retry-wrong: all).")
    Integer count;

    @Option(names = "--lang", paramLabel = "LANG", description = "Question language, en or zh (default: $DOJO_LANG, else zh when LC_ALL, LC_MESSAGES or LANG starts with zh, else en).")
    String lang;

    @Option(names = "--ui-lang", paramLabel = "LANG", description = QuizSessions.UI_LANG_HELP)
    String uiLang;

    @Option(names = "--seed", paramLabel = "N", description = "Shuffle seed, for a repeatable session (default: from the clock).")
    Long seed;

    @Option(names = "--time-limit", paramLabel = "DUR", converter = DurationConverter.class,
            description = "Exam time limit, e.g. 20m, 90s, 1h30m (default: 1 minute per question).")
    Duration timeLimit;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    QuestionsOption questions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Mode m = Mode.fromCliName(mode).filter(x -> x != Mode.REVIEW).orElseThrow(() -> DojoException.badInput(
                "unknown mode '" + mode + "'; modes: practice, exam, retry-wrong (for FSRS reviews use 'dojo review')"));
        if (timeLimit != null && m != Mode.EXAM) {
            throw DojoException.badInput("--time-limit only applies to --mode exam");
        }
        Messages ui = QuizSessions.messages(uiLang, lang);
        try (TerminalIO.Pending terminal = QuizSessions.terminal(spec.commandLine().getOut())) {
            return run(m, terminal, ui);
        }
    }

    private int run(Mode m, TerminalIO.Pending terminal, Messages ui) {
        try (QuizSessions.PendingLog pending = QuizSessions.openAsync(dataDir.resolveForWriting(spec.commandLine().getErr()))) {
            return run(pending, m, terminal, ui);
        }
    }

    private int run(QuizSessions.PendingLog pending, Mode m, TerminalIO.Pending terminal, Messages ui) {
        QuestionLibrary lib = questions.load(spec.commandLine().getErr(), QuizSessions.language(lang));
        List<Question> all = QuizSessions.allQuestions(lib);
        QuizFilter filter = filter(m);
        filter.unknownValues(all).ifPresent(u -> {
            throw QuizSessions.unknown(u);
        });
        Clock clock = Clock.systemDefaultZone();
        long s = seed != null ? seed : clock.millis();
        QuizEngine engine = new QuizEngine(clock);
        try (QuizSessions sessions = pending.get(spec.commandLine().getErr())) {
            List<Question> chosen = m == Mode.RETRY_WRONG
                    ? engine.retryWrong(all, filter, sessions.digest().latestCorrect(), s)
                    : engine.select(all, filter, s);
            if (chosen.isEmpty()) {
                if (m == Mode.RETRY_WRONG) {
                    spec.commandLine().getOut().println(ui.nothingToRetry());
                    spec.commandLine().getOut().flush();
                    return 0;
                }
                throw DojoException.badInput("no questions match the filters (language " + filter.lang() + ")");
            }
            Optional<Duration> limit = m == Mode.EXAM
                    ? Optional.of(timeLimit != null ? timeLimit : Duration.ofMinutes(chosen.size()))
                    : Optional.empty();
            Session session = engine.start(m, chosen, s, limit);
            return sessions.run(session, limit, terminal, ui, e -> Optional.empty(), QuizSessions.bankTitles(lib));
        }
    }

    private QuizFilter filter(Mode m) {
        Integer n = count;
        if (n == null && m != Mode.RETRY_WRONG) n = 10;
        if (n != null && n < 1) throw DojoException.badInput("--count must be at least 1, got " + n);
        for (int d : difficulties) {
            if (d < 1 || d > 3) throw DojoException.badInput("--difficulty must be 1, 2 or 3, got " + d);
        }
        return new QuizFilter(QuizSessions.language(lang), banks, tags, difficulties, n);
    }
}
