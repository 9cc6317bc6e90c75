package dojo.grading.mutant;

import static dojo.grading.mutant.MutantPatchTest.SOLUTION;
import static dojo.grading.mutant.MutantPatchTest.TWO_BUGS;
import static dojo.grading.mutant.MutantPatchTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.grading.ExerciseIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutantCatalogTest {
    private static final Path CHECKOUT = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();

    @TempDir
    Path project;

    private MutantCatalog catalog;

    @BeforeEach
    void writeProject() throws IOException {
        write("solutions/zz_demo/Demo.java", text(SOLUTION));
        write("solutions/zz_base/Base.java", "package zz_base;\npublic class Base {}\n");
        write("src/mutants/zz_demo/two_bugs.patch", text(TWO_BUGS));
        catalog = new MutantCatalog(project);
    }

    private void write(String relative, String content) throws IOException {
        Path p = project.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    @DisplayName("load takes the exercise from the folder and the name from the file, and shows the path from the project")
    void loads() {
        MutantPatch p = catalog.load(project.resolve("src/mutants/zz_demo/two_bugs.patch"));
        assertThat(p.exercise()).isEqualTo("zz_demo");
        assertThat(p.name()).isEqualTo("two_bugs");
        assertThat(p.source()).isEqualTo("src/mutants/zz_demo/two_bugs.patch");
    }

    @Test
    @DisplayName("patches lists an exercise's .patch files by name; an exercise without mutants has none")
    void listsPatches() throws IOException {
        write("src/mutants/zz_demo/a_first.patch", text(TWO_BUGS));
        write("src/mutants/zz_demo/notes.txt", "not a mutant");
        assertThat(catalog.patches("zz_demo")).extracting(p -> p.getFileName().toString())
                .containsExactly("a_first.patch", "two_bugs.patch");
        assertThat(catalog.patches("zz_base")).isEmpty();
    }

    @Test
    @DisplayName("misplaced names old-style mutant folders, stray files, badly named patches and unknown exercises")
    void misplaced() throws IOException {
        assertThat(catalog.misplaced(List.of("zz_demo", "zz_base"))).isEmpty();
        write("src/mutants/zz_demo/old_style/Demo.java", "// MUTANT: a full copy\n");
        write("src/mutants/zz_demo/README.md", "notes");
        write("src/mutants/zz_demo/Bad-Name.patch", text(TWO_BUGS));
        write("src/mutants/zz_gone/x.patch", text(TWO_BUGS));
        write("src/mutants/loose.patch", text(TWO_BUGS));
        assertThat(catalog.misplaced(List.of("zz_demo", "zz_base"))).containsExactly(
                "src/mutants/loose.patch: a file directly in src/mutants/; mutants go in src/mutants/<exercise>/<name>.patch",
                "src/mutants/zz_demo/Bad-Name.patch: a mutant's name is lower_snake_case (it names the gate's test)",
                "src/mutants/zz_demo/README.md: not a .patch file",
                "src/mutants/zz_demo/old_style/: a folder; a mutant is now one file, a diff against solutions/: "
                        + "make it with scripts/make-mutant-patch.sh (docs/adding-an-exercise.md)",
                "src/mutants/zz_gone/: no exercise with this id in exercises/index.yaml");
    }

    @Test
    @DisplayName("writeTree writes the required solutions with the mutant applied, and nothing left from an earlier tree")
    void writesTree() throws IOException {
        Path tree = project.resolve("target/dojo/gate/zz_demo/two_bugs");
        Files.createDirectories(tree.resolve("zz_demo"));
        Files.writeString(tree.resolve("zz_demo/Stale.java"), "left over");
        MutantPatch p = catalog.load(project.resolve("src/mutants/zz_demo/two_bugs.patch"));
        assertThat(catalog.writeTree(p, List.of("zz_base", "zz_demo"), tree)).isEqualTo(tree);
        assertThat(Files.readString(tree.resolve("zz_demo/Demo.java"))).contains("return -1;", "return 40;").doesNotContain("return 1;");
        assertThat(Files.readString(tree.resolve("zz_base/Base.java"))).isEqualTo("package zz_base;\npublic class Base {}\n");
        assertThat(tree.resolve("zz_demo/Stale.java")).doesNotExist();
        assertThat(Files.readString(project.resolve("solutions/zz_demo/Demo.java"))).isEqualTo(text(SOLUTION));
    }

    @Test
    @DisplayName("a patch that does not apply leaves the earlier tree alone and says where it broke")
    void treeUntouchedWhenPatchFails() throws IOException {
        Path tree = project.resolve("target/dojo/gate/zz_demo/two_bugs");
        Files.createDirectories(tree.resolve("zz_demo"));
        Files.writeString(tree.resolve("zz_demo/Keep.java"), "kept");
        write("solutions/zz_demo/Demo.java", text(SOLUTION).replace("return 4;", "return 5;"));
        MutantPatch p = catalog.load(project.resolve("src/mutants/zz_demo/two_bugs.patch"));
        assertThatThrownBy(() -> catalog.writeTree(p, List.of("zz_demo"), tree)).isInstanceOf(MutantPatchException.class)
                .hasMessageStartingWith("src/mutants/zz_demo/two_bugs.patch:15: hunk does not apply to solutions/zz_demo/Demo.java near line 10");
        assertThat(Files.readString(tree.resolve("zz_demo/Keep.java"))).isEqualTo("kept");
    }

    @Test
    @DisplayName("writeTree refuses a list of exercises without the mutant's own")
    void treeNeedsTheMutantsExercise() {
        MutantPatch p = catalog.load(project.resolve("src/mutants/zz_demo/two_bugs.patch"));
        assertThatThrownBy(() -> catalog.writeTree(p, List.of("zz_base"), project.resolve("tree")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zz_demo");
    }

    @Test
    @DisplayName("every mutant of this checkout is a valid patch that applies to solutions/ and changes it")
    void checkoutMutantsApply() {
        Assumptions.assumeTrue(Files.isDirectory(CHECKOUT.resolve("solutions")), "no solutions/ here (workshop starter repo)");
        MutantCatalog real = new MutantCatalog(CHECKOUT);
        ExerciseIndex index = ExerciseIndex.load(CHECKOUT);
        assertThat(real.misplaced(index.ids())).isEmpty();
        int count = 0;
        for (String id : index.ids()) {
            for (Path patch : real.patches(id)) {
                MutantPatch p = real.load(patch);
                Map<String, String> changed = p.apply(CHECKOUT.resolve("solutions"), "solutions");
                assertThat(changed.keySet()).as(p.source()).allMatch(path -> path.startsWith(id + "/"));
                count++;
            }
        }
        assertThat(count).as("mutant patches in src/mutants/").isGreaterThanOrEqualTo(index.ids().size());
    }
}
