package dojo.cli;

import dojo.progress.LogRead;
import dojo.progress.ProgressLog;
import dojo.progress.ReviewEvent;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import dojo.quiz.QuizResult;
import dojo.quiz.Session;
import dojo.terminal.QuizRunner;
import dojo.terminal.TerminalIO;
import java.io.IOException;
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
    private final ProgressLog log;
    private final List<ReviewEvent> events;

    private QuizSessions(ProgressLog log, List<ReviewEvent> events) {
        this.log = log;
        this.events = events;
    }

    /** Opens the log in {@code dataDir}; each unreadable line is reported once on {@code err} and skipped. */
    static QuizSessions open(Path dataDir, PrintWriter err) {
        try {
            ProgressLog log = ProgressLog.open(dataDir);
            LogRead read = log.read();
            for (String problem : read.problems()) err.println("dojo: warning: " + problem);
            err.flush();
            return new QuizSessions(log, read.events());
        } catch (IOException e) {
            throw new DojoException(DojoException.BAD_INPUT, "cannot read the progress log in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    List<ReviewEvent> events() {
        return events;
    }

    /** Starts setting up the terminal (or plain stdin/stdout) while the caller loads banks and the log. */
    static TerminalIO.Pending terminal(PrintWriter out) {
        return TerminalIO.openAsync(System.in, out, System.getenv());
    }

    /** Runs the session on the terminal, appending each answer to the log as it comes. */
    QuizResult run(Session session, Optional<Duration> timeLimit, TerminalIO.Pending terminal,
            Function<ReviewEvent, Optional<String>> nextReview) {
        try (TerminalIO io = terminal.get()) {
            QuizRunner runner = new QuizRunner(io.view(), io.in(), io.out(), io.interactive(), log::append, nextReview);
            return runner.run(session, timeLimit);
        } catch (UncheckedIOException e) {
            throw new DojoException(DojoException.CHECK_FAILED, e.getMessage(), e);
        }
    }

    /** Every question of every language (filters check against all of them). */
    static List<Question> allQuestions(QuestionLibrary lib) {
        List<Question> all = new ArrayList<>();
        for (String lang : lib.languages()) all.addAll(lib.questions(lang));
        return all;
    }

    /** The language to use: {@code --lang}, else {@code $DOJO_LANG}, else English. */
    static String language(String option) {
        if (option != null) return option;
        String env = System.getenv("DOJO_LANG");
        return env == null || env.isBlank() ? "en" : env.trim();
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
