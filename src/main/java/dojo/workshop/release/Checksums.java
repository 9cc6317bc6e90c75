package dojo.workshop.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checksums of a starter's framework files, in {@code sha256sum} format ({@code <hex>  <path>}): every file except
 * the learner's own code ({@code exercises/<id>/*.java}), the checksum file itself and git's folder.
 */
public final class Checksums {
    private static final Pattern LEARNER_CODE = Pattern.compile("exercises/[^/]+/[^/]+\\.java");

    private Checksums() {}

    /** True for files a learner is meant to change. */
    public static boolean learnerFile(String rel) {
        return LEARNER_CODE.matcher(rel).matches();
    }

    public static List<String> compute(Path root) {
        List<String> lines = new ArrayList<>();
        for (Path f : LeakCheck.files(root)) {
            String rel = LeakCheck.rel(root, f);
            if (learnerFile(rel) || rel.equals(StarterRelease.CHECKSUMS) || rel.startsWith(".git/") || rel.startsWith("target/")) {
                continue;
            }
            lines.add(LeakCheck.sha256(LeakCheck.read(f)) + "  " + rel);
        }
        return lines;
    }

    /** Reads {@code sha256sum} lines: path to hex. */
    public static Map<String, String> read(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int sp = line.indexOf("  ");
                if (sp == 64) {
                    out.put(line.substring(sp + 2), line.substring(0, sp));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Framework files of {@code submission} that differ from the release or are missing there, compared with the
     * release checksums; only files that exist in the submission are compared (a learner may hand in only
     * exercises/).
     */
    public static List<String> changed(Map<String, String> release, Path submission) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : release.entrySet()) {
            Path f = submission.resolve(e.getKey());
            if (Files.isRegularFile(f) && !LeakCheck.sha256(LeakCheck.read(f)).equals(e.getValue())) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
