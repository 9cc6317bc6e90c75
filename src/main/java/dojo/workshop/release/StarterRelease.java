package dojo.workshop.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes a starter repo from the host checkout: the files under version control, minus the reference solutions,
 * hidden suites, mutants, the golden-vector generator, the framework's own tests and fixtures and CI; golden files
 * cut to the cases public suites use. Then writes checksums of every framework file (everything but the learner's
 * {@code exercises/<id>/*.java}) and runs the {@link LeakCheck}.
 */
public final class StarterRelease {
    /** Where the starter keeps the checksums of its framework files ({@code sha256sum -c} reads them). */
    public static final String CHECKSUMS = ".workshop/framework.sha256";

    /** Paths (prefixes) never shipped. */
    static final List<String> EXCLUDED = List.of("solutions/", "src/hidden/", "src/mutants/", "scripts/golden/",
            "src/test/java/dojo/", ".ci/", "target/");
    /** Of src/test/resources, only what the exercise suites read. */
    static final List<String> TEST_RESOURCES_KEPT = List.of("src/test/resources/golden/", "src/test/resources/META-INF/",
            "src/test/resources/junit-platform.properties");

    /**
     * The result of a release.
     *
     * @param files files written
     * @param goldenCasesRemoved golden cases left out, as {@code file: case}
     * @param checksums the checksum lines written
     * @param leaks what the leak check found (a release with leaks has failed)
     */
    public record Result(int files, List<String> goldenCasesRemoved, List<String> checksums, List<Leak> leaks) {}

    private StarterRelease() {}

    /** Writes the starter into {@code out} (which must not exist or be empty). */
    public static Result release(Path projectDir, Path out) {
        List<String> tracked = trackedFiles(projectDir);
        PublicGolden golden = PublicGolden.scan(projectDir);
        List<String> removed = new ArrayList<>();
        int count = 0;
        try {
            Files.createDirectories(out);
            for (String rel : tracked) {
                if (!shipped(rel)) {
                    continue;
                }
                Path from = projectDir.resolve(rel);
                if (!Files.isRegularFile(from)) {
                    continue; // deleted in the working tree
                }
                Path to = out.resolve(rel);
                Files.createDirectories(to.getParent());
                byte[] golden0 = rel.endsWith(".safetensors") && rel.startsWith("src/test/resources/golden/") ? Files.readAllBytes(from) : null;
                if (golden0 != null && SafetensorsFilter.header(golden0, rel).metadata().containsKey("cases")) {
                    // a golden file of cases (<case>.<tensor>): only the cases public suites use are shipped; other
                    // safetensors (checkpoints with state_dict names) are copied whole
                    byte[] bytes = golden0;
                    SafetensorsFilter.Header h = SafetensorsFilter.header(bytes, rel);
                    List<String> hidden = h.tensors().stream().map(SafetensorsFilter::caseOf).filter(c -> !golden.isPublic(c))
                            .distinct().toList();
                    hidden.forEach(c -> removed.add(rel + ": " + c));
                    if (hidden.size() == h.tensors().stream().map(SafetensorsFilter::caseOf).distinct().count()) {
                        continue; // only hidden suites use this file
                    }
                    Files.write(to, SafetensorsFilter.keep(bytes, rel, golden::isPublic));
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
                count++;
            }
            List<String> sums = Checksums.compute(out);
            Path sumFile = out.resolve(CHECKSUMS);
            Files.createDirectories(sumFile.getParent());
            Files.writeString(sumFile, String.join("\n", sums) + "\n", StandardCharsets.UTF_8);
            List<Leak> leaks = new LeakCheck(projectDir, golden).scan(out);
            return new Result(count, removed, sums, leaks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the starter to " + out + ": " + e.getMessage(), e);
        }
    }

    static boolean shipped(String rel) {
        for (String x : EXCLUDED) {
            if (rel.startsWith(x)) {
                return false;
            }
        }
        if (rel.startsWith("src/test/resources/")) {
            return TEST_RESOURCES_KEPT.stream().anyMatch(rel::startsWith);
        }
        return true;
    }

    /** Files under version control or new and not ignored ({@code git ls-files --cached --others --exclude-standard}); without git, every file but target/ and .git/. */
    static List<String> trackedFiles(Path projectDir) {
        if (Files.exists(projectDir.resolve(".git"))) {
            try {
                Process p = new ProcessBuilder("git", "-C", projectDir.toString(), "ls-files", "-z", "--cached", "--others", "--exclude-standard").redirectErrorStream(false).start();
                byte[] outBytes = p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    List<String> files = new ArrayList<>();
                    for (String s : new String(outBytes, StandardCharsets.UTF_8).split("\0")) {
                        if (!s.isEmpty()) {
                            files.add(s);
                        }
                    }
                    return files;
                }
            } catch (IOException e) {
                // no git: walk below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> s = Files.walk(projectDir)) {
            return s.filter(Files::isRegularFile).map(f -> LeakCheck.rel(projectDir, f))
                    .filter(r -> !r.startsWith("target/") && !r.startsWith(".git/") && !r.equals(".git")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
