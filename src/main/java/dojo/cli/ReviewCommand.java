package dojo.cli;

import dojo.DojoException;
import dojo.progress.Replay;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import dojo.quiz.Mode;
import dojo.quiz.QuizEngine;
import dojo.quiz.QuizFilter;
import dojo.quiz.ReviewForecast;
import dojo.quiz.ReviewQueue;
import dojo.quiz.Session;
import dojo.review.Card;
import dojo.review.Scheduler;
import dojo.review.SchedulerConfig;
import dojo.terminal.Messages;
import dojo.terminal.TerminalIO;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dojo review}: the questions FSRS says are due now, then a few new ones. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"Review what is due under FSRS-6 (spaced repetition), most overdue first, then up to "
                + "--new questions you have never answered.",
            "Same keys and non-interactive protocol as 'dojo quiz'. See docs/quiz.md."})
public final class ReviewCommand implements Callable<Integer> {

    @Option(names = "--lang", paramLabel = "LANG", description = "Question language, en or zh (default: $DOJO_LANG, else zh when LC_ALL, LC_MESSAGES or LANG starts with zh, else en).")
    String lang;

    @Option(names = "--ui-lang", paramLabel = "LANG", description = QuizSessions.UI_LANG_HELP)
    String uiLang;

    @Option(names = "--count", paramLabel = "N", description = "At most N questions in all (default: everything due).")
    Integer count;

    @Option(names = "--new", paramLabel = "N", defaultValue = "10",
            description = "At most N never-answered questions (default: ${DEFAULT-VALUE}).")
    int newLimit;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for shuffling ordering items (default: from the clock).")
    Long seed;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    QuestionsOption questions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (count != null && count < 1) throw DojoException.badInput("--count must be at least 1, got " + count);
        if (newLimit < 0) throw DojoException.badInput("--new must be 0 or more, got " + newLimit);
        Messages ui = QuizSessions.messages(uiLang, lang);
        try (TerminalIO.Pending terminal = QuizSessions.terminal(spec.commandLine().getOut())) {
            return run(terminal, ui);
        }
    }

    private int run(TerminalIO.Pending terminal, Messages ui) {
        try (QuizSessions.PendingLog pending = QuizSessions.openAsync(dataDir.resolveForWriting(spec.commandLine().getErr()))) {
            return run(pending, terminal, ui);
        }
    }

    private int run(QuizSessions.PendingLog pending, TerminalIO.Pending terminal, Messages ui) {
        QuestionLibrary lib = questions.load(spec.commandLine().getErr(), QuizSessions.language(lang));
        List<Question> all = QuizSessions.allQuestions(lib);
        QuizFilter filter = new QuizFilter(QuizSessions.language(lang), Set.of(), Set.of(), Set.of(), count);
        filter.unknownValues(all).ifPresent(u -> {
            throw QuizSessions.unknown(u);
        });
        Clock clock = Clock.systemDefaultZone();
        Scheduler scheduler = QuizSessions.SCHEDULER;
        QuizEngine engine = new QuizEngine(clock);
        try (QuizSessions sessions = pending.get(spec.commandLine().getErr())) {
            Map<String, Card> cards = sessions.digest().cards();
            ReviewQueue queue = engine.review(all, filter, cards, newLimit);
            PrintWriter out = spec.commandLine().getOut();
            if (queue.isEmpty()) {
                Instant now = clock.instant();
                out.println(queue.nextDue()
                        .map(d -> ui.nothingDueNext(Duration.between(now, d)))
                        .orElse(newLimit == 0 ? ui.nothingDue() : ui.nothingDueNoNew()));
                out.flush();
                return 0;
            }
            ReviewForecast forecast = new ReviewForecast(cards, scheduler);
            Session session = engine.startReview(queue, seed != null ? seed : clock.millis());
            return sessions.run(session, Optional.empty(), terminal, ui,
                    e -> Optional.of(Duration.between(e.time(), forecast.nextDue(e))), QuizSessions.bankTitles(lib));
        }
    }

}
