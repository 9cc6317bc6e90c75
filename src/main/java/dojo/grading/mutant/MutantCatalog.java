package dojo.grading.mutant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The mutants of a checkout: {@code src/mutants/<exercise>/<name>.patch}, each a diff against {@code solutions/}. Finds
 * them, reads them, and writes the tree the gate grades: the solutions an exercise needs with one mutant applied.
 */
public final class MutantCatalog {
    /** Where the mutants live, relative to the project directory. */
    public static final String RELATIVE_DIR = "src/mutants";
    /** Where the solutions live, relative to the project directory. */
    public static final String SOLUTIONS = "solutions";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final Path projectDir;

    public MutantCatalog(Path projectDir) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
    }

    /** The patch files of an exercise, sorted by name; empty when it has none. Other entries are {@link #misplaced}. */
    public List<Path> patches(String exerciseId) {
        Path dir = projectDir.resolve(RELATIVE_DIR).resolve(exerciseId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        return list(dir).stream().filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(MutantPatch.EXTENSION))
                .sorted(Comparator.comparing(p -> p.getFileName().toString())).collect(Collectors.toList());
    }

    /**
     * Everything under {@code src/mutants/} that is not {@code <known exercise>/<lower_snake_name>.patch}: an exercise
     * the index does not know, a mutant folder in the old full-copy format, a stray file. One sentence each.
     */
    public List<String> misplaced(Collection<String> exerciseIds) {
        Path root = projectDir.resolve(RELATIVE_DIR);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (Path dir : sorted(list(root))) {
            String shown = display(dir);
            if (!Files.isDirectory(dir)) {
                problems.add(shown + ": a file directly in " + RELATIVE_DIR + "/; mutants go in " + RELATIVE_DIR + "/<exercise>/<name>.patch");
                continue;
            }
            if (!exerciseIds.contains(dir.getFileName().toString())) {
                problems.add(shown + "/: no exercise with this id in exercises/index.yaml");
                continue;
            }
            for (Path p : sorted(list(dir))) {
                String file = p.getFileName().toString();
                if (Files.isDirectory(p)) {
                    problems.add(display(p) + "/: a folder; a mutant is now one file, a diff against solutions/: "
                            + "make it with scripts/make-mutant-patch.sh (docs/adding-an-exercise.md)");
                } else if (!file.endsWith(MutantPatch.EXTENSION)) {
                    problems.add(display(p) + ": not a .patch file");
                } else if (!NAME.matcher(nameOf(p)).matches()) {
                    problems.add(display(p) + ": a mutant's name is lower_snake_case (it names the gate's test)");
                }
            }
        }
        return problems;
    }

    /**
     * Reads a patch file; the exercise is its folder's name, the mutant's name its file name without {@code .patch}.
     *
     * @throws MutantPatchException when it cannot be read or is not a valid mutant patch
     */
    public MutantPatch load(Path patchFile) {
        String shown = display(patchFile);
        String text;
        try {
            text = Files.readString(patchFile, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new MutantPatchException(shown + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + patchFile, e);
        }
        return MutantPatch.parse(shown, patchFile.toAbsolutePath().getParent().getFileName().toString(), nameOf(patchFile), text);
    }

    /**
     * Writes {@code tree} (emptied first): {@code solutions/<id>} for every id in {@code exerciseIds} (the mutant's
     * exercise and the ones it requires), with the mutant's files replaced by their patched content. The patch is
     * applied in memory first, so a patch that does not apply leaves the tree alone.
     *
     * @throws MutantPatchException when the patch does not apply to the solutions or changes nothing
     */
    public Path writeTree(MutantPatch mutant, Collection<String> exerciseIds, Path tree) {
        if (!exerciseIds.contains(mutant.exercise())) {
            throw new IllegalArgumentException("exercise ids " + exerciseIds + " do not include the mutant's exercise " + mutant.exercise());
        }
        Path solutions = projectDir.resolve(SOLUTIONS);
        Map<String, String> changed = mutant.apply(solutions, SOLUTIONS);
        try {
            deleteTree(tree);
            for (String id : exerciseIds) {
                copy(solutions.resolve(id), tree.resolve(id));
            }
            for (Map.Entry<String, String> e : changed.entrySet()) {
                Files.writeString(tree.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mutant tree " + tree, e);
        }
        return tree;
    }

    private String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return (abs.startsWith(projectDir) ? projectDir.relativize(abs) : abs).toString().replace('\\', '/');
    }

    private static String nameOf(Path patchFile) {
        String file = patchFile.getFileName().toString();
        return file.endsWith(MutantPatch.EXTENSION) ? file.substring(0, file.length() - MutantPatch.EXTENSION.length()) : file;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<Path> sorted(List<Path> paths) {
        return paths.stream().sorted(Comparator.comparing(p -> p.getFileName().toString())).collect(Collectors.toList());
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IOException(from + " is not a directory");
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }
}
