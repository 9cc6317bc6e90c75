package dojo.cli;

import dojo.workshop.SubmissionStore;
import dojo.workshop.WorkshopConfig;
import dojo.workshop.similarity.Similarity;
import dojo.workshop.similarity.SimilarityHtml;
import dojo.workshop.similarity.SimilarityRun;
import dojo.workshop.similarity.SimilarityStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dojo workshop similarity}. */
@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = {"Flag suspiciously similar submissions and show the pairs side by side.",
            "Compares every pair of learners per exercise (token-normalised fingerprints from the JDK's parser,",
            "starter code subtracted, fingerprints shared by many ignored); write similarity.json (the gradebook's flag)",
            "and similarity.html with suspicious pairs side by side. Exit code: 0 nothing flagged, 1 pairs flagged."})
final class WorkshopSimilarityCommand implements Callable<Integer> {
    @ParentCommand
    WorkshopCommand parent;

    @Option(names = "--threshold", defaultValue = "0.8", description = "Similarity from which a pair is flagged (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (threshold <= 0 || threshold > 1) {
            throw dojo.DojoException.badInput("--threshold must be in (0, 1], not " + threshold);
        }
        WorkshopConfig config = parent.config();
        Similarity.Settings s = new Similarity.Settings(threshold, Similarity.Settings.defaults().minShared(),
                Similarity.Settings.defaults().commonFraction());
        SimilarityRun.Result r = SimilarityRun.run(config, new SubmissionStore(parent.layout().submissions()), parent.projectDir(), s);
        Path dir = parent.layout().dir();
        SimilarityStore.write(dir.resolve(SimilarityStore.FILE), r.pairs());
        WorkshopOutputCommands.write(dir.resolve("similarity.html"),
                SimilarityHtml.render(config.name() + " · " + config.assignment(), r.pairs(), r.code(), s, 20));
        PrintWriter w = spec.commandLine().getOut();
        long flagged = r.pairs().stream().filter(Similarity.Pair::flagged).count();
        for (Similarity.Pair p : r.pairs()) {
            if (p.flagged()) {
                w.printf(Locale.ROOT, "flagged  %-16s %-16s %-16s %.2f (%d shared fingerprints)%n", p.exercise(), p.a(), p.b(),
                        p.similarity(), p.shared());
            }
        }
        w.println("compared " + r.pairs().size() + " pairs, " + flagged + " flagged; wrote " + dir.resolve(SimilarityStore.FILE)
                + " and " + dir.resolve("similarity.html"));
        w.flush();
        return flagged > 0 ? dojo.DojoException.CHECK_FAILED : 0;
    }
}
