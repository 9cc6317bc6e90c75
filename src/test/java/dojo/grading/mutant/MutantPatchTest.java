package dojo.grading.mutant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutantPatchTest {
    private static final String SOURCE = "src/mutants/zz_demo/two_bugs.patch";

    /** A solution without blank lines, so every context line below is visibly {@code ' ' + text}. */
    static final List<String> SOLUTION = List.of(
            "package zz_demo;",
            "public class Demo {",
            "    public int a() {",
            "        return 1;",
            "    }",
            "    public int b() {",
            "        return 2;",
            "    }",
            "    public int c() {",
            "        return 3;",
            "    }",
            "    public int d() {",
            "        return 4;",
            "    }",
            "}");

    /** What {@code diff -u} writes for a() returning -1 and d() returning 40: two hunks, at patch lines 6 and 15. */
    static final List<String> TWO_BUGS = List.of(
            "# MUTANT: a() returns -1 and d() returns 40",
            "# the suite should name a() and d()",
            "#",
            "--- a/zz_demo/Demo.java",
            "+++ b/zz_demo/Demo.java",
            "@@ -1,7 +1,7 @@",
            " package zz_demo;",
            " public class Demo {",
            "     public int a() {",
            "-        return 1;",
            "+        return -1;",
            "     }",
            "     public int b() {",
            "         return 2;",
            "@@ -10,6 +10,6 @@",
            "         return 3;",
            "     }",
            "     public int d() {",
            "-        return 4;",
            "+        return 40;",
            "     }",
            " }");

    @TempDir
    Path solutions;

    @BeforeEach
    void writeSolution() throws IOException {
        writeSolution(SOLUTION);
    }

    private void writeSolution(List<String> lines) throws IOException {
        Files.createDirectories(solutions.resolve("zz_demo"));
        Files.writeString(solutions.resolve("zz_demo/Demo.java"), text(lines));
    }

    static String text(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    private static MutantPatch parse(List<String> lines) {
        return MutantPatch.parse(SOURCE, "zz_demo", "two_bugs", text(lines));
    }

    private static List<String> with(List<String> lines, int lineNo, String replacement) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(lineNo - 1, replacement);
        return copy;
    }

    private static List<String> without(List<String> lines, int lineNo) {
        List<String> copy = new ArrayList<>(lines);
        copy.remove(lineNo - 1);
        return copy;
    }

    private Map<String, String> apply(List<String> patch) {
        return parse(patch).apply(solutions, "solutions");
    }

    @Test
    @DisplayName("the header gives the description, the notes (a bare # is an empty note), and the diff the changed files")
    void readsTheHeader() {
        MutantPatch p = parse(TWO_BUGS);
        assertThat(p.description()).isEqualTo("a() returns -1 and d() returns 40");
        assertThat(p.notes()).containsExactly("the suite should name a() and d()", "");
        assertThat(p.paths()).containsExactly("zz_demo/Demo.java");
        assertThat(p.source()).isEqualTo(SOURCE);
        assertThat(p.exercise()).isEqualTo("zz_demo");
        assertThat(p.name()).isEqualTo("two_bugs");
    }

    @Test
    @DisplayName("applying returns the mutated file in memory and leaves the solution on disk as it was")
    void appliesInMemory() throws IOException {
        Map<String, String> out = apply(TWO_BUGS);
        List<String> expected = with(with(SOLUTION, 4, "        return -1;"), 13, "        return 40;");
        assertThat(out).containsOnlyKeys("zz_demo/Demo.java");
        assertThat(out.get("zz_demo/Demo.java")).isEqualTo(text(expected));
        assertThat(Files.readString(solutions.resolve("zz_demo/Demo.java"))).isEqualTo(text(SOLUTION));
        assertThat(apply(TWO_BUGS)).as("a second application gives the same result").isEqualTo(out);
    }

    @Test
    @DisplayName("a hunk still applies when lines were added above it, as long as its own lines are unchanged")
    void appliesAtAnOffset() throws IOException {
        List<String> moved = new ArrayList<>(SOLUTION);
        moved.addAll(8, List.of("    // a new comment", "    // of three", "    // lines")); // between the two hunks
        writeSolution(moved);
        String out = apply(TWO_BUGS).get("zz_demo/Demo.java");
        List<String> expected = with(with(moved, 4, "        return -1;"), 16, "        return 40;");
        assertThat(out).isEqualTo(text(expected));
    }

    @Test
    @DisplayName("a hunk that no longer fits the solution names the patch line, the solution file and line, and both texts")
    void hunkDoesNotApply() throws IOException {
        writeSolution(with(SOLUTION, 13, "        return 5;"));
        assertThatThrownBy(() -> apply(TWO_BUGS)).isInstanceOf(MutantPatchException.class)
                .hasMessageStartingWith(SOURCE + ":15: hunk does not apply to solutions/zz_demo/Demo.java near line 10\n")
                .hasMessageContaining("  line 13 is:        `return 5;`\n  the patch expects: `return 4;`\n")
                .hasMessageContaining("scripts/make-mutant-patch.sh");
    }

    @Test
    @DisplayName("when the first hunk does not fit, its line is named, not the second's")
    void firstHunkDoesNotApply() throws IOException {
        writeSolution(with(SOLUTION, 3, "    public int aa() {"));
        assertThatThrownBy(() -> apply(TWO_BUGS)).isInstanceOf(MutantPatchException.class)
                .hasMessageStartingWith(SOURCE + ":6: hunk does not apply to solutions/zz_demo/Demo.java near line 1\n")
                .hasMessageContaining("line 3 is:        `public int aa() {`");
    }

    @Test
    @DisplayName("a hunk past the end of a shortened solution says how long the file is")
    void solutionTooShort() throws IOException {
        writeSolution(SOLUTION.subList(0, 11));
        assertThatThrownBy(() -> apply(TWO_BUGS)).isInstanceOf(MutantPatchException.class)
                .hasMessageStartingWith(SOURCE + ":15: hunk does not apply to solutions/zz_demo/Demo.java near line 10\n")
                .hasMessageContaining("the patch expects line 12 to be `public int d() {`, but the file has only 11 lines");
    }

    @Test
    @DisplayName("a patch of a file the solution does not have names the file")
    void missingFile() throws IOException {
        Files.delete(solutions.resolve("zz_demo/Demo.java"));
        assertThatThrownBy(() -> apply(TWO_BUGS)).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":4: solutions/zz_demo/Demo.java does not exist: the patch changes a file the solution does not have");
    }

    @Test
    @DisplayName("a patch that leaves the solution as it is is rejected")
    void changesNothing() {
        List<String> noop = List.of(
                "# MUTANT: nothing really",
                "--- a/zz_demo/Demo.java",
                "+++ b/zz_demo/Demo.java",
                "@@ -4 +4 @@",
                "-        return 1;",
                "+        return 1;");
        assertThatThrownBy(() -> apply(noop)).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":2: the diff of solutions/zz_demo/Demo.java changes nothing: a mutant must differ from the solution");
    }

    @Test
    @DisplayName("an empty patch is rejected: only a header, or a file header without hunks")
    void emptyPatch() {
        assertThatThrownBy(() -> parse(List.of("# MUTANT: forgot the diff"))).isInstanceOf(MutantPatchException.class)
                .hasMessageStartingWith(SOURCE + ": no diff after the header: expected '--- a/zz_demo/<Class>.java'");
        assertThatThrownBy(() -> parse(TWO_BUGS.subList(0, 5))).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":4: no hunk changes zz_demo/Demo.java: the patch changes nothing");
        assertThatThrownBy(() -> MutantPatch.parse(SOURCE, "zz_demo", "two_bugs", "")).isInstanceOf(MutantPatchException.class)
                .hasMessageStartingWith(SOURCE + ":1: the first line must be '# MUTANT: <what is wrong, one line>'");
    }

    @Test
    @DisplayName("a hunk with only context lines is rejected at its line")
    void contextOnlyHunk() {
        List<String> patch = List.of(
                "# MUTANT: nothing",
                "--- a/zz_demo/Demo.java",
                "+++ b/zz_demo/Demo.java",
                "@@ -4 +4 @@",
                "         return 1;");
        assertThatThrownBy(() -> parse(patch)).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":4: this hunk changes no line (it has no '-' or '+' lines)");
    }

    @Test
    @DisplayName("the first line must be '# MUTANT: <description>' with a description")
    void headerNeedsDescription() {
        assertThatThrownBy(() -> parse(TWO_BUGS.subList(1, TWO_BUGS.size()))).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":1: the first line must be '# MUTANT: <what is wrong, one line>', not '# the suite should name a() and d()'");
        assertThatThrownBy(() -> parse(with(TWO_BUGS, 1, "# MUTANT:   "))).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":1: '# MUTANT:' needs a description of what is wrong");
        assertThatThrownBy(() -> parse(TWO_BUGS.subList(3, TWO_BUGS.size()))).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":1: the first line must be '# MUTANT: <what is wrong, one line>'");
    }

    @Test
    @DisplayName("every header line before the diff must be a '# ' comment")
    void headerLinesAreComments() {
        assertThatThrownBy(() -> parse(with(TWO_BUGS, 2, "the suite should name a()"))).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":2: every line before the diff must be a '# ' comment, not 'the suite should name a()'");
        assertThatThrownBy(() -> parse(with(TWO_BUGS, 3, ""))).isInstanceOf(MutantPatchException.class)
                .hasMessageStartingWith(SOURCE + ":3: every line before the diff must be a '# ' comment");
    }

    @Test
    @DisplayName("a hunk shorter than its header says is reported at the line that breaks it (java-diff-utils would drop it silently)")
    void shortHunk() {
        List<String> shortened = without(TWO_BUGS, 14); // the last context line of the first hunk
        assertThatThrownBy(() -> parse(shortened)).isInstanceOf(MutantPatchException.class)
                .hasMessageStartingWith(SOURCE + ":14: a line inside the hunk of line 6 (-1,7 +1,7) must start with ' ', '-' or '+'");
        List<String> truncated = TWO_BUGS.subList(0, TWO_BUGS.size() - 1);
        assertThatThrownBy(() -> parse(truncated)).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":15: the hunk says -10,6 +10,6 but the file ends after 5 old and 5 new lines");
        List<String> longer = with(TWO_BUGS, 6, "@@ -1,6 +1,7 @@");
        assertThatThrownBy(() -> parse(longer)).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":14: the hunk of line 6 has more lines than its header -1,6 +1,7 says");
    }

    @Test
    @DisplayName("an empty line inside a hunk (trailing space stripped by an editor) is named as such")
    void strippedContextLine() {
        assertThatThrownBy(() -> parse(with(TWO_BUGS, 12, ""))).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":12: an empty line inside the hunk of line 6: a context line keeps its leading space"
                        + " (did an editor strip trailing whitespace?)");
    }

    @Test
    @DisplayName("the diff may only change a file of the mutant's own exercise, in place, named relative to solutions/")
    void pathsAreChecked() {
        List<String> otherExercise = with(with(TWO_BUGS, 4, "--- a/ex01_softmax/StableSoftmax.java"), 5, "+++ b/ex01_softmax/StableSoftmax.java");
        assertThatThrownBy(() -> parse(otherExercise)).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":4: the diff must change a file of solutions/zz_demo/ ('a/zz_demo/<Class>.java'), not 'ex01_softmax/StableSoftmax.java'");
        List<String> escapes = with(with(TWO_BUGS, 4, "--- a/zz_demo/../../pom.xml"), 5, "+++ b/zz_demo/../../pom.xml");
        assertThatThrownBy(() -> parse(escapes)).isInstanceOf(MutantPatchException.class)
                .hasMessageContaining(":4: the diff must change a file of solutions/zz_demo/");
        List<String> noPrefix = with(with(TWO_BUGS, 4, "--- zz_demo/Demo.java"), 5, "+++ zz_demo/Demo.java");
        assertThatThrownBy(() -> parse(noPrefix)).isInstanceOf(MutantPatchException.class)
                .hasMessageContaining(":4: a mutant changes a solution file in place: expected '--- a/<path>' and '+++ b/<path>'");
        List<String> created = with(TWO_BUGS, 4, "--- /dev/null");
        assertThatThrownBy(() -> parse(created)).isInstanceOf(MutantPatchException.class)
                .hasMessageContaining("found '/dev/null' and 'b/zz_demo/Demo.java'");
        assertThatThrownBy(() -> parse(without(TWO_BUGS, 5))).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":4: a '--- a/<file>' line must be followed by '+++ b/<file>'");
    }

    @Test
    @DisplayName("a timestamp after the path (plain diff -u without --label) is accepted")
    void timestampsAreIgnored() {
        List<String> stamped = with(with(TWO_BUGS, 4, "--- a/zz_demo/Demo.java\t2025-01-01 10:00:00.000000000 +0000"), 5,
                "+++ b/zz_demo/Demo.java\t2025-01-01 10:05:00.000000000 +0000");
        assertThat(apply(stamped).get("zz_demo/Demo.java")).contains("return -1;", "return 40;");
    }

    @Test
    @DisplayName("hunks out of file order, and lines between files that are not part of a diff, are rejected at their line")
    void orderAndStrayLines() {
        List<String> reordered = new ArrayList<>(TWO_BUGS.subList(0, 5));
        reordered.addAll(TWO_BUGS.subList(14, TWO_BUGS.size()));
        reordered.addAll(TWO_BUGS.subList(5, 14));
        assertThatThrownBy(() -> parse(reordered)).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":14: this hunk (-1,7 +1,7) starts before the previous one (line 6) ends:"
                        + " hunks must be in file order and must not overlap");
        List<String> stray = new ArrayList<>(TWO_BUGS);
        stray.add("and then some prose");
        assertThatThrownBy(() -> parse(stray)).isInstanceOf(MutantPatchException.class)
                .hasMessageStartingWith(SOURCE + ":23: unexpected line outside a hunk: 'and then some prose'");
    }

    @Test
    @DisplayName("the same file twice in one patch is rejected")
    void sameFileTwice() {
        List<String> twice = new ArrayList<>(TWO_BUGS.subList(0, 14));
        twice.addAll(TWO_BUGS.subList(3, 5));
        twice.addAll(TWO_BUGS.subList(14, TWO_BUGS.size()));
        assertThatThrownBy(() -> parse(twice)).isInstanceOf(MutantPatchException.class)
                .hasMessage(SOURCE + ":15: zz_demo/Demo.java appears twice: put all its hunks under one '--- a/zz_demo/Demo.java'");
    }
}
