package dojo.workshop;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One collected submission of a learner.
 *
 * @param learner learner id
 * @param stamp folder name under {@code submissions/<learner>/}, the UTC time it was collected at, e.g. 20270301T120000Z
 * @param dir the folder: {@code exercises/} and {@code submission.json}
 * @param submittedAt when the learner submitted (commit time, file time or collection time; see {@code source})
 * @param source where it came from (a folder, a git repo or bundle, a zip file)
 * @param frameworkChanges framework files the learner changed (relative paths), against the release checksums
 */
public record Submission(String learner, String stamp, Path dir, Instant submittedAt, String source,
        List<String> frameworkChanges) {

    public Submission {
        frameworkChanges = List.copyOf(frameworkChanges);
    }

    public Path exercises() {
        return dir.resolve("exercises");
    }
}
