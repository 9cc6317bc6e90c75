package dojo.workshop.collect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dojo.grading.FileTrees;
import dojo.workshop.GradeStore;
import dojo.workshop.Submission;
import dojo.workshop.SubmissionStore;
import dojo.workshop.WorkshopConfig;
import dojo.workshop.release.Checksums;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Collects submissions from a folder holding one entry per learner, named by learner id: a folder ({@code ada/}), a
 * git repository ({@code ada/} with {@code .git}, or {@code ada.git}), a git bundle ({@code ada.bundle}) or a zip
 * file ({@code ada.zip}). Each is stored as {@code submissions/<learner>/<collected-at>/} with only its
 * {@code exercises/} folder and a {@code submission.json} (submitted at, source, framework files the learner changed,
 * compared with the release checksums). A submission identical to the learner's latest is not stored again.
 */
public final class Collector {
    /** Limits for zip files: total bytes unpacked and number of entries. */
    public static final long MAX_UNPACKED = 64L << 20;
    public static final int MAX_ENTRIES = 20_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * What happened to one entry.
     *
     * @param learner learner id (the entry's name)
     * @param kind folder | git | bundle | zip
     * @param stamp the stored submission's folder name, or null when nothing was stored
     * @param submittedAt when it was submitted (commit time for git, file time otherwise)
     * @param frameworkChanges framework files changed against the release
     * @param note why nothing was stored (unchanged, not in the roster, no exercises/ folder, ...), else null
     */
    public record Collected(String learner, String kind, String stamp, Instant submittedAt, List<String> frameworkChanges,
            String note) {}

    private final WorkshopConfig config;
    private final SubmissionStore store;
    private final Optional<Map<String, String>> releaseChecksums;
    private final Path scratch;
    private final Clock clock;

    public Collector(WorkshopConfig config, SubmissionStore store, Optional<Map<String, String>> releaseChecksums, Path scratch,
            Clock clock) {
        this.config = config;
        this.store = store;
        this.releaseChecksums = releaseChecksums;
        this.scratch = scratch;
        this.clock = clock;
    }

    /** Collects every entry of {@code from}. */
    public List<Collected> collect(Path from) {
        List<Collected> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(from)) {
            for (Path entry : s.sorted().toList()) {
                out.add(collectOne(entry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + from + ": " + e.getMessage(), e);
        }
        return out;
    }

    Collected collectOne(Path entry) {
        String name = entry.getFileName().toString();
        String kind;
        String learner;
        if (Files.isDirectory(entry)) {
            boolean git = Files.exists(entry.resolve(".git")) || name.endsWith(".git");
            kind = git ? "git" : "folder";
            learner = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
        } else if (name.endsWith(".zip")) {
            kind = "zip";
            learner = name.substring(0, name.length() - 4);
        } else if (name.endsWith(".bundle")) {
            kind = "bundle";
            learner = name.substring(0, name.length() - 7);
        } else {
            return new Collected(name, "?", null, null, List.of(), "skipped: not a folder, git repository, .bundle or .zip");
        }
        if (config.learner(learner).isEmpty()) {
            return new Collected(learner, kind, null, null, List.of(), "skipped: '" + learner + "' is not in the roster");
        }
        Path work;
        try {
            Files.createDirectories(scratch);
            work = Files.createTempDirectory(scratch, learner + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Instant submitted;
            Path root;
            switch (kind) {
                case "git", "bundle" -> {
                    Path clone = work.resolve("repo");
                    git(work, "clone", "-q", "--no-hardlinks", entry.toAbsolutePath().toString(), clone.toString());
                    submitted = Instant.parse(git(clone, "log", "-1", "--format=%cI").strip().replaceFirst("([+-]\\d\\d:\\d\\d|Z)$", "$1"));
                    root = findRoot(clone);
                }
                case "zip" -> {
                    Path unpacked = work.resolve("zip");
                    unzip(entry, unpacked);
                    submitted = Files.getLastModifiedTime(entry).toInstant();
                    root = findRoot(unpacked);
                }
                default -> {
                    submitted = latestModification(entry.resolve("exercises"));
                    root = findRoot(entry);
                }
            }
            if (root == null) {
                return new Collected(learner, kind, null, submitted, List.of(), "skipped: no exercises/ folder inside");
            }
            List<String> changes = releaseChecksums.map(sums -> Checksums.changed(sums, root)).orElse(List.of());
            String hash = treeHash(root.resolve("exercises"));
            Optional<Submission> latest = store.latest(learner);
            if (latest.isPresent() && hash.equals(treeHash(latest.get().exercises()))) {
                return new Collected(learner, kind, null, submitted, changes, "unchanged since " + latest.get().stamp());
            }
            Instant now = clock.instant();
            String stamp = STAMP.format(now);
            Path dir = store.root().resolve(learner).resolve(stamp);
            if (Files.exists(dir)) {
                return new Collected(learner, kind, null, submitted, changes, "skipped: " + dir + " exists (collected twice in one second)");
            }
            copyTree(root.resolve("exercises"), dir.resolve("exercises"));
            ObjectNode meta = GradeStore.json().createObjectNode();
            meta.put("learner", learner);
            meta.put("submitted_at", submitted.toString());
            meta.put("collected_at", now.toString());
            meta.put("source", entry.toAbsolutePath().toString());
            meta.put("kind", kind);
            meta.put("exercises_sha256", hash);
            ArrayNode fc = meta.putArray("framework_changes");
            changes.forEach(fc::add);
            Files.writeString(dir.resolve(SubmissionStore.META), GradeStore.json().writeValueAsString(meta), StandardCharsets.UTF_8);
            return new Collected(learner, kind, stamp, submitted, changes, null);
        } catch (IOException e) {
            return new Collected(learner, kind, null, null, List.of(), "skipped: " + e.getMessage());
        } catch (CollectException e) {
            return new Collected(learner, kind, null, null, List.of(), "skipped: " + e.getMessage());
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    /** The folder holding exercises/: the entry itself or one level down (zips often have a top folder). */
    static Path findRoot(Path dir) throws IOException {
        if (Files.isDirectory(dir.resolve("exercises"), LinkOption.NOFOLLOW_LINKS)) {
            return dir;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path sub : s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                if (Files.isDirectory(sub.resolve("exercises"), LinkOption.NOFOLLOW_LINKS)) {
                    return sub;
                }
            }
        }
        return null;
    }

    static void unzip(Path zip, Path to) throws IOException {
        Files.createDirectories(to);
        long total = 0;
        int entries = 0;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            byte[] buf = new byte[8192];
            while ((e = z.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new CollectException(zip.getFileName() + " has more than " + MAX_ENTRIES + " entries");
                }
                Path target = to.resolve(e.getName()).normalize();
                if (!target.startsWith(to)) {
                    throw new CollectException(zip.getFileName() + ": entry '" + e.getName() + "' points outside the zip");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (var out = Files.newOutputStream(target)) {
                    int n;
                    while ((n = z.read(buf)) > 0) {
                        total += n;
                        if (total > MAX_UNPACKED) {
                            throw new CollectException(zip.getFileName() + " unpacks to more than " + (MAX_UNPACKED >> 20) + " MB");
                        }
                        out.write(buf, 0, n);
                    }
                }
                if (e.getLastModifiedTime() != null) {
                    Files.setLastModifiedTime(target, e.getLastModifiedTime());
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new CollectException(zip.getFileName() + " is not a readable zip file: " + e.getMessage());
        }
    }

    private static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "core.hooksPath=/dev/null", "-c", "protocol.file.allow=always"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CollectException("git " + args[0] + " took more than 2 minutes");
            }
            if (p.exitValue() != 0) {
                throw new CollectException("git " + args[0] + " failed: " + out.strip().lines().findFirst().orElse(""));
            }
            return out;
        } catch (IOException e) {
            throw new CollectException("cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectException("interrupted");
        }
    }

    private static Instant latestModification(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Files.getLastModifiedTime(dir.getParent()).toInstant();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            // the learner's code decides the time: index.yaml and READMEs keep the starter's times
            return s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".java")).map(p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    return FileTime.fromMillis(0);
                }
            }).max(FileTime::compareTo).orElse(Files.getLastModifiedTime(dir)).toInstant();
        }
    }

    /** A hash of the regular files of a tree (paths and contents), to notice an unchanged resubmission. */
    static String treeHash(Path dir) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                    md.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(Files.readAllBytes(f));
                    md.update((byte) 0);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Copies regular files only (no links: a link to the solutions must not come along). */
    static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.sorted().toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** A source that cannot be collected; reported for that learner, the others go on. */
    static final class CollectException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CollectException(String message) {
            super(message);
        }
    }
}
