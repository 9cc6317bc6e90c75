package dojo.workshop;

import java.nio.file.Path;

/**
 * Where a workshop keeps its files, all under one directory.
 *
 * <pre>
 * workshop.yaml                       the configuration
 * release/framework.sha256            checksums of the starter's framework files (written by release)
 * submissions/&lt;learner&gt;/&lt;time&gt;/       each collected submission (exercises/ + submission.json)
 * grades/&lt;learner&gt;.json                one result per learner (grade, merge)
 * gradebook.csv, gradebook.json       the gradebook
 * gradescope/&lt;learner&gt;/results.json   Gradescope results per learner
 * feedback/&lt;learner&gt;.md               per-learner feedback
 * report.html                         the cohort report
 * similarity.html                     suspicious pairs
 * </pre>
 */
public record WorkshopLayout(Path dir) {

    public WorkshopLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path config() {
        return dir.resolve(WorkshopConfig.FILE_NAME);
    }

    public Path checksums() {
        return dir.resolve("release").resolve("framework.sha256");
    }

    public Path submissions() {
        return dir.resolve("submissions");
    }

    public Path grades() {
        return dir.resolve("grades");
    }

    public Path work() {
        return dir.resolve(".grading");
    }

    public Path feedback() {
        return dir.resolve("feedback");
    }

    public Path gradescope() {
        return dir.resolve("gradescope");
    }
}
