package dojo.cli;

import dojo.DojoException;
import dojo.progress.LogDigest;
import dojo.review.Scheduler;
import dojo.review.SchedulerConfig;
import dojo.progress.ProgressLog;
import dojo.progress.ReviewEvent;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import dojo.quiz.QuizFilter;
import dojo.quiz.Session;
import dojo.terminal.Messages;
import dojo.terminal.QuizRunner;
import dojo.terminal.TerminalIO;
import dojo.terminal.UiLanguage;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What quiz and review share: the progress log (opened once, problems warned about once) and running a session. */
final class QuizSessions implements AutoCloseable {
    static final String UI_LANG_HELP = "Language of the interface text, en or zh (default: --lang, else $DOJO_LANG, "
            + "else zh when LC_ALL, LC_MESSAGES or LANG starts with zh, else en).";

    private final ProgressLog log;
    private final LogDigest digest;

    private QuizSessions(ProgressLog log, LogDigest digest) {
        this.log = log;
        this.digest = digest;
    }

    /** Opens the log in {@code dataDir}; each unreadable line is reported once on {@code err} and skipped. */
    static QuizSessions open(Path dataDir, PrintWriter err) {
        QuizSessions s = openQuietly(dataDir);
        s.warn(err);
        return s;
    }

    private static QuizSessions openQuietly(Path dataDir) {
        try {
            ProgressLog log = ProgressLog.open(dataDir);
            try {
                return new QuizSessions(log, log.digest(SCHEDULER, FINGERPRINT));
            } catch (IOException | RuntimeException e) {
                log.close();
                throw e;
            }
        } catch (IOException e) {
            throw new DojoException(DojoException.BAD_INPUT, "cannot read the progress log in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void warn(PrintWriter err) {
        for (String problem : digest.problems()) err.println("dojo: warning: " + problem);
        err.flush();
    }

    /**
     * Opens the log on another core while the caller parses the banks (start-up time); {@link PendingLog#get}
     * waits for it. Closing a pending log that was never taken closes the log.
     */
    static PendingLog openAsync(Path dataDir) {
        return new PendingLog(CompletableFuture.supplyAsync(() -> openQuietly(dataDir)));
    }

    /** A log being opened; see {@link #openAsync}. */
    static final class PendingLog implements AutoCloseable {
        private final CompletableFuture<QuizSessions> future;
        private boolean taken;

        private PendingLog(CompletableFuture<QuizSessions> future) {
            this.future = future;
        }

        /** The opened log (the caller closes it); its unreadable lines are reported on {@code err}. */
        QuizSessions get(PrintWriter err) {
            taken = true;
            QuizSessions s;
            try {
                s = future.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            s.warn(err);
            return s;
        }

        @Override
        public void close() {
            if (taken) return;
            try {
                future.join().close();
            } catch (RuntimeException e) {
                // it was never used: a failure to open it changes nothing for the error already being reported
            }
        }
    }

    /** What the log holds when the session starts: cards, latest answers, counts. */
    LogDigest digest() {
        return digest;
    }

    /** The scheduler every command replays the log with (deterministic fuzz). */
    static final Scheduler SCHEDULER = Scheduler.replayable(SchedulerConfig.defaults());
    static final String FINGERPRINT = LogDigest.fingerprint(SchedulerConfig.defaults());

    /** Starts setting up the terminal (or plain stdin/stdout) while the caller loads banks and the log. */
    static TerminalIO.Pending terminal(PrintWriter out) {
        return TerminalIO.openAsync(System.in, out, System.getenv());
    }

    /**
     * Runs the session on the terminal in the UI language of {@code ui}, appending each answer to the log as it
     * comes. Returns the exit code: 0, or 130 when the learner ended it with Ctrl-C (answers given are saved).
     */
    int run(Session session, Optional<Duration> timeLimit, TerminalIO.Pending terminal, Messages ui,
            Function<ReviewEvent, Optional<Duration>> nextReview, java.util.Map<String, String> bankTitles) {
        try (TerminalIO io = terminal.get()) {
            QuizRunner runner = new QuizRunner(io.view(ui).withBankTitles(bankTitles), io.in(), io.out(), io.interactive(), log::append, nextReview);
            runner.run(session, timeLimit);
            return runner.interrupted() ? QuizRunner.INTERRUPTED_EXIT : 0;
        } catch (UncheckedIOException e) {
            // the progress log could not be written: an unusable data directory (exit 2), not a failed check
            throw new DojoException(DojoException.BAD_INPUT, e.getMessage(), e);
        }
    }

    /** Bank titles keyed {@code lang/bank-id}, for headers. */
    static java.util.Map<String, String> bankTitles(QuestionLibrary lib) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (dojo.questions.Bank b : lib.banks()) m.put(b.lang() + "/" + b.id(), b.title());
        return m;
    }

    /** Every question of every language (filters check against all of them). */
    static List<Question> allQuestions(QuestionLibrary lib) {
        List<Question> all = new ArrayList<>();
        for (String lang : lib.languages()) all.addAll(lib.questions(lang));
        return all;
    }

    /**
     * The question language: {@code --lang}, else {@code $DOJO_LANG}, else the locale (a Chinese
     * {@code LC_ALL}/{@code LC_MESSAGES}/{@code LANG} gives Chinese questions), else English.
     */
    static String language(String option) {
        String chosen = chosenLanguage(option);
        return chosen != null ? chosen : UiLanguage.resolve(null, null, System.getenv()).code();
    }

    /** The question language the user chose ({@code --lang}, else {@code $DOJO_LANG}), or null. */
    static String chosenLanguage(String option) {
        if (option != null) return UiLanguage.languageCode(option);
        String env = System.getenv("DOJO_LANG");
        return env == null || env.isBlank() ? null : UiLanguage.languageCode(env);
    }

    /**
     * The interface text: {@code --ui-lang}, else the chosen question language when it is en or zh, else the
     * locale ({@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG}), else English (docs/quiz.md, "UI language").
     */
    static Messages messages(String uiLang, String langOption) {
        try {
            return Messages.of(UiLanguage.resolve(uiLang, chosenLanguage(langOption), System.getenv()));
        } catch (IllegalArgumentException e) {
            throw DojoException.badInput(e.getMessage());
        }
    }

    /** A filter value that names nothing, as one error line naming the valid values (errors stay English). */
    static DojoException unknown(QuizFilter.UnknownValue u) {
        String valid = String.join(", ", u.valid());
        switch (u.kind()) {
            case LANGUAGE:
                return DojoException.badInput("no questions in language '" + u.value() + "'; languages: " + valid);
            case BANK:
                return DojoException.badInput("unknown bank '" + u.value() + "'" + Suggestions.didYouMean(u.value(), u.valid())
                        + "; banks: " + valid);
            default:
                // the built-in banks have ~180 tags: name the close ones, list them all only when there are few
                String tags = u.valid().size() <= 20 ? "; tags: " + valid
                        : " (" + u.valid().size() + " tags; 'dojo stats --tags all' lists them)";
                return DojoException.badInput("unknown tag '" + u.value() + "'" + Suggestions.didYouMean(u.value(), u.valid()) + tags);
        }
    }

    @Override
    public void close() {
        try {
            log.close();
        } catch (IOException e) {
            // every append was already forced to disk
        }
    }
}
