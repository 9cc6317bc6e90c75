package dojo.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.workshop.collect.Collector;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-03-02T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private WorkshopConfig config() {
        return WorkshopConfigParser.parse("workshop.yaml", Corpus.config(List.of("ada", "bo", "cy", "dee"), ""), Results.INDEX);
    }

    private Collector collector(Clock clock, Map<String, String> sums) {
        return new Collector(config(), new SubmissionStore(dir.resolve("submissions")), Optional.of(sums), dir.resolve("scratch"), clock);
    }

    private static void write(Path f, String text) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.org"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_COMMITTER_DATE", "2027-02-27T10:00:00+01:00");
        pb.environment().put("GIT_AUTHOR_DATE", "2027-02-27T10:00:00+01:00");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    @DisplayName("folders, git repositories, bundles and zips are stored with their times; a changed framework file is flagged")
    void collectsEveryKind() throws Exception {
        Path inbox = dir.resolve("inbox");
        write(inbox.resolve("ada/exercises/ex01_softmax/StableSoftmax.java"), "class A {}");
        Files.setLastModifiedTime(inbox.resolve("ada/exercises/ex01_softmax/StableSoftmax.java"), FileTime.from(Instant.parse("2027-02-26T12:00:00Z")));
        write(inbox.resolve("ada/pom.xml"), "<project>changed</project>");
        Path repo = dir.resolve("bo-src");
        write(repo.resolve("exercises/ex01_softmax/StableSoftmax.java"), "class B {}");
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-qm", "mine");
        write(repo.resolve("exercises/ex01_softmax/StableSoftmax.java"), "class Uncommitted {}");
        Files.createDirectories(inbox);
        git(repo, "bundle", "create", "-q", inbox.resolve("bo.bundle").toString(), "HEAD");
        try (OutputStream o = Files.newOutputStream(inbox.resolve("cy.zip")); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("cy-work/exercises/ex01_softmax/StableSoftmax.java"));
            z.write("class C {}".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        Files.setLastModifiedTime(inbox.resolve("cy.zip"), FileTime.from(Instant.parse("2027-03-01T23:00:00Z")));
        write(inbox.resolve("zed/exercises/ex01_softmax/X.java"), "class Z {}");

        String pomHash = dojo.workshop.release.LeakCheck.sha256("<project/>".getBytes(StandardCharsets.UTF_8));
        List<Collector.Collected> got = collector(CLOCK, Map.of("pom.xml", pomHash)).collect(inbox);

        assertThat(got).extracting(Collector.Collected::learner).containsExactly("ada", "bo", "cy", "zed");
        assertThat(got.get(0).kind()).isEqualTo("folder");
        assertThat(got.get(0).submittedAt()).isEqualTo(Instant.parse("2027-02-26T12:00:00Z"));
        assertThat(got.get(0).frameworkChanges()).containsExactly("pom.xml");
        assertThat(got.get(1).kind()).isEqualTo("bundle");
        assertThat(got.get(1).submittedAt()).isEqualTo(Instant.parse("2027-02-27T09:00:00Z"));
        assertThat(got.get(2).kind()).isEqualTo("zip");
        assertThat(got.get(2).submittedAt()).isEqualTo(Instant.parse("2027-03-01T23:00:00Z"));
        assertThat(got.get(3).note()).isEqualTo("skipped: 'zed' is not in the roster");

        SubmissionStore store = new SubmissionStore(dir.resolve("submissions"));
        Submission bo = store.latest("bo").orElseThrow();
        assertThat(bo.stamp()).isEqualTo("20270302T080000Z");
        assertThat(Files.readString(bo.exercises().resolve("ex01_softmax/StableSoftmax.java"))).isEqualTo("class B {}");
        assertThat(store.latest("ada").orElseThrow().frameworkChanges()).containsExactly("pom.xml");
        assertThat(store.latest("cy").orElseThrow().exercises().resolve("ex01_softmax/StableSoftmax.java")).hasContent("class C {}");
    }

    @Test
    @DisplayName("an unchanged resubmission is not stored again; a changed one is kept beside the first")
    void resubmission() throws IOException {
        Path inbox = dir.resolve("inbox");
        write(inbox.resolve("ada/exercises/ex01_softmax/StableSoftmax.java"), "class A {}");
        collector(CLOCK, Map.of()).collect(inbox);
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofHours(1));
        assertThat(collector(later, Map.of()).collect(inbox).get(0).note()).isEqualTo("unchanged since 20270302T080000Z");
        write(inbox.resolve("ada/exercises/ex01_softmax/StableSoftmax.java"), "class A2 {}");
        collector(later, Map.of()).collect(inbox);
        assertThat(new SubmissionStore(dir.resolve("submissions")).all("ada")).extracting(Submission::stamp)
                .containsExactly("20270302T080000Z", "20270302T090000Z");
    }

    @Test
    @DisplayName("a zip entry pointing outside the zip is refused and nothing is stored")
    void zipSlip() throws IOException {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        try (OutputStream o = Files.newOutputStream(inbox.resolve("ada.zip")); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("../../evil.txt"));
            z.write(1);
            z.closeEntry();
        }
        Collector.Collected c = collector(CLOCK, Map.of()).collect(inbox).get(0);
        assertThat(c.note()).isEqualTo("skipped: ada.zip: entry '../../evil.txt' points outside the zip");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
        assertThat(new SubmissionStore(dir.resolve("submissions")).latest("ada")).isEmpty();
    }
}
