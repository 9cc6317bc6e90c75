package dojo.workshop.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scans a starter repo for what learners must not get: the reference solutions, hidden suites, mutants (by place
 * and by content, also under another name or as a stub replaced by the solution), compiled hidden suites, and golden
 * cases only hidden suites use.
 */
public final class LeakCheck {
    private static final List<String> FORBIDDEN_DIRS = List.of("solutions/", "src/hidden/", "src/mutants/", "scripts/golden/", "target/");

    private final Path projectDir;
    private final PublicGolden golden;
    private final Map<String, String> secretByHash = new HashMap<>();
    private final Map<String, String> secretByText = new HashMap<>();
    private final List<String> hiddenClassNames = new ArrayList<>();

    public LeakCheck(Path projectDir, PublicGolden golden) {
        this.projectDir = projectDir;
        this.golden = golden;
        for (String dir : List.of("solutions", "src/hidden", "src/mutants")) {
            for (Path f : files(projectDir.resolve(dir))) {
                String rel = rel(projectDir, f);
                byte[] bytes = read(f);
                if (dir.equals("solutions") && givenInTheStub(projectDir, f, bytes)) continue;
                secretByHash.put(sha256(bytes), rel);
                if (f.toString().endsWith(".java")) {
                    secretByText.put(normalise(new String(bytes, StandardCharsets.UTF_8)), rel);
                }
                if (dir.equals("src/hidden") && f.toString().endsWith(".java")) {
                    String name = f.getFileName().toString();
                    hiddenClassNames.add(name.substring(0, name.length() - ".java".length()));
                }
            }
        }
    }

    /**
     * A solution file that is byte-for-byte the stub's file at the same place is code given to learners (e.g. a
     * builder that only calls the model's constructor), not an answer.
     */
    private static boolean givenInTheStub(Path projectDir, Path solutionFile, byte[] bytes) {
        Path stub = projectDir.resolve("exercises").resolve(projectDir.resolve("solutions").relativize(solutionFile));
        try {
            return Files.isRegularFile(stub) && java.util.Arrays.equals(Files.readAllBytes(stub), bytes);
        } catch (IOException e) {
            return false;
        }
    }

    /** Every leak in {@code release}; empty when it is clean. */
    public List<Leak> scan(Path release) {
        List<Leak> leaks = new ArrayList<>();
        for (Path f : files(release)) {
            String rel = rel(release, f);
            for (String d : FORBIDDEN_DIRS) {
                if (rel.startsWith(d) || rel.contains("/" + d)) {
                    leaks.add(new Leak(rel, "is under " + d + " (never shipped to learners)"));
                }
            }
            byte[] bytes = read(f);
            String same = secretByHash.get(sha256(bytes));
            if (same != null) {
                leaks.add(new Leak(rel, "is a copy of " + same));
                continue;
            }
            String name = f.getFileName().toString();
            if (name.endsWith(".java")) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                String sameText = secretByText.get(normalise(text));
                if (sameText != null) {
                    leaks.add(new Leak(rel, "has the same code as " + sameText));
                }
                for (String hidden : hiddenClassNames) {
                    if (text.matches("(?s).*\\bclass\\s+" + hidden + "\\b.*")) {
                        leaks.add(new Leak(rel, "declares the hidden suite " + hidden));
                    }
                }
            }
            if (name.endsWith(".class")) {
                for (String hidden : hiddenClassNames) {
                    if (name.startsWith(hidden + ".") || name.startsWith(hidden + "$")) {
                        leaks.add(new Leak(rel, "is the compiled hidden suite " + hidden));
                    }
                }
            }
            if (name.endsWith(".patch") || name.endsWith(".diff")) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                if (text.startsWith("# MUTANT:") || text.contains("\n# MUTANT:")) {
                    leaks.add(new Leak(rel, "is a mutant patch (it shows the reference solution's lines)"));
                }
            }
            if (name.endsWith(".safetensors")) {
                try {
                    SafetensorsFilter.Header h = SafetensorsFilter.header(bytes, rel);
                    // only golden files of cases hold expected values by case; a checkpoint (state_dict names) does not
                    List<String> hiddenCases = !h.metadata().containsKey("cases") ? List.of() : h.tensors().stream().map(SafetensorsFilter::caseOf)
                            .filter(c -> !golden.isPublic(c)).distinct().toList();
                    if (!hiddenCases.isEmpty()) {
                        leaks.add(new Leak(rel, "holds golden cases only hidden suites use: " + String.join(", ", hiddenCases)));
                    }
                } catch (IllegalArgumentException e) {
                    leaks.add(new Leak(rel, "unreadable safetensors file: " + e.getMessage()));
                }
            }
        }
        return leaks;
    }

    /** Code without comments and whitespace, so a reformatted copy is still recognised. */
    static String normalise(String java) {
        String noBlock = java.replaceAll("(?s)/\\*.*?\\*/", "");
        String noLine = noBlock.replaceAll("(?m)//.*$", "");
        return noLine.replaceAll("\\s+", "");
    }

    static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String rel(Path root, Path f) {
        return root.relativize(f).toString().replace('\\', '/');
    }

    static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path projectDir() {
        return projectDir;
    }
}
