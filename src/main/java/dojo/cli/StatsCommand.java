package dojo.cli;

import dojo.DojoException;
import dojo.progress.LogDigest;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import dojo.progress.ProgressLog;
import dojo.questions.Bank;
import dojo.questions.QuestionLibrary;
import dojo.review.Scheduler;
import dojo.review.SchedulerConfig;
import dojo.stats.StatsEngine;
import dojo.stats.StatsJsonRenderer;
import dojo.stats.StatsReport;
import dojo.stats.StatsTextRenderer;
import dojo.stats.TagRows;
import dojo.terminal.Messages;
import dojo.terminal.TerminalIO;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dojo stats}: due counts, accuracy, streak, reviews per day, mastery per topic and the weakest
 * tags (docs/stats.md).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Your progress: questions due, accuracy, streak, reviews per day, mastery per topic and "
                + "your weakest tags (FSRS retrievability). --json has every bank, tag and question's FSRS state.")
public final class StatsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the report as JSON (docs/stats.md).")
    boolean json;

    @Option(names = "--tags", paramLabel = "N|all",
            description = "Tag rows in the text report: the N weakest reviewed tags (default: "
                    + TagRows.DEFAULT_LIMIT + "), or 'all' for every tag by name, unreviewed ones included.")
    String tags;

    @Option(names = "--lang", paramLabel = "LANG",
            description = "Only the banks of this language (default: all; progress is shared across languages).")
    String lang;

    @Option(names = "--ui-lang", paramLabel = "LANG", description = QuizSessions.UI_LANG_HELP)
    String uiLang;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    QuestionsOption questions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        lang = dojo.terminal.UiLanguage.languageCode(lang);
        Messages ui = QuizSessions.messages(uiLang, lang);
        TagRows tagRows;
        try {
            tagRows = tags == null ? TagRows.defaults() : TagRows.parse(tags);
        } catch (IllegalArgumentException e) {
            throw DojoException.badInput(e.getMessage());
        }
        // the log is read (and replayed) on another core while the banks are parsed here
        Scheduler scheduler = Scheduler.replayable(SchedulerConfig.defaults());
        Path dir = dataDir.resolveForReading();
        CompletableFuture<LogDigest> log = CompletableFuture.supplyAsync(() -> {
            try {
                return ProgressLog.digest(dir, scheduler, LogDigest.fingerprint(SchedulerConfig.defaults()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        QuestionLibrary lib = questions.load(err, lang);
        if (lang != null && !lib.languages().contains(lang)) {
            throw DojoException.badInput("no questions in language '" + lang + "'; languages: "
                    + String.join(", ", lib.languages()));
        }
        List<Bank> banks = lib.banks().stream().filter(b -> lang == null || b.lang().equals(lang)).toList();
        // bank titles in the question language when one is chosen, else in the interface language
        String titleLang = lang != null ? lang : ui.language().code();
        LogDigest digest;
        try {
            digest = log.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw new DojoException(DojoException.BAD_INPUT, "cannot read the progress log: " + io.getCause().getMessage(), io.getCause());
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        for (String problem : digest.problems()) err.println("dojo: warning: " + problem);
        err.flush();
        Clock clock = Clock.systemDefaultZone();
        StatsReport report = StatsEngine.compute(banks, titleLang, digest, scheduler, clock.instant(), clock.getZone());
        if (json) {
            out.println(StatsJsonRenderer.render(report));
        } else {
            TerminalIO.OutputStyle style = TerminalIO.outputStyle(System.getenv());
            out.println(StatsTextRenderer.render(report, ui, style.color(), style.width(), tagRows));
        }
        out.flush();
        return 0;
    }
}
