package dojo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeCompilerTest {
    @TempDir
    Path project;

    private static final String INDEX = String.join("\n",
            "- id: zz_a",
            "  title: A",
            "  points: 1",
            "  api: dojo.exercise.api.Softmax",
            "  implementation: zz_a.A",
            "  objectives: [x]",
            "  hints: [y]",
            "- id: zz_b",
            "  title: B",
            "  points: 1",
            "  api: dojo.exercise.api.Softmax",
            "  implementation: zz_b.B",
            "  objectives: [x]",
            "  hints: [y]",
            "  requires: [zz_a]",
            "");

    private static final String A = "package zz_a;\npublic class A implements dojo.exercise.api.Softmax {\n"
            + "    public float[][] softmaxRows(float[][] x) { return x; }\n    public static int one() { return 1; }\n}\n";
    private static final String B = "package zz_b;\npublic class B implements dojo.exercise.api.Softmax {\n"
            + "    public float[][] softmaxRows(float[][] x) { return new float[zz_a.A.one()][]; }\n}\n";

    private ExerciseIndex write(String a, String b) throws IOException {
        Path tree = project.resolve("exercises");
        Files.createDirectories(tree.resolve("zz_a"));
        Files.createDirectories(tree.resolve("zz_b"));
        Files.writeString(tree.resolve("index.yaml"), INDEX);
        Files.writeString(tree.resolve("zz_a/A.java"), a);
        Files.writeString(tree.resolve("zz_b/B.java"), b);
        return ExerciseIndex.load(project);
    }

    private CompiledTree compile(ExerciseIndex index) {
        return new TreeCompiler(project, getClass().getClassLoader()).compile(project.resolve("exercises"), index, index.exercises());
    }

    @Test
    @DisplayName("a tree compiles into loadable classes that implement the framework's interface, and is reused when unchanged")
    void compilesAndCaches() throws Exception {
        ExerciseIndex index = write(A, B);
        try (CompiledTree t = compile(index)) {
            ExerciseBuild b = t.build("zz_b");
            assertThat(b).isInstanceOf(ExerciseBuild.Compiled.class);
            Class<?> cls = Class.forName("zz_b.B", true, ((ExerciseBuild.Compiled) b).loader());
            assertThat(dojo.exercise.api.Softmax.class.isAssignableFrom(cls)).isTrue();
        }
        Path out;
        try (var s = Files.walk(project.resolve("target/dojo/compiled"))) {
            out = s.filter(p -> p.getFileName().toString().equals(".ok")).findFirst().orElseThrow();
        }
        long stamp = Files.getLastModifiedTime(out).toMillis();
        try (CompiledTree again = compile(index)) {
            assertThat(again.build("zz_a")).isInstanceOf(ExerciseBuild.Compiled.class);
        }
        assertThat(Files.getLastModifiedTime(out).toMillis()).as("the cached output is reused, not rewritten").isEqualTo(stamp);
    }

    @Test
    @DisplayName("when a required exercise is broken, the exercise that needs it says so, and the broken one shows javac's error")
    void requiredBroken() throws Exception {
        ExerciseIndex index = write(A.replace("return x; }", "return x }"), B);
        try (CompiledTree t = compile(index)) {
            ExerciseBuild.Failed a = (ExerciseBuild.Failed) t.build("zz_a");
            assertThat(a.diagnostics()).containsExactly("exercises/zz_a/A.java:3:57: error: ';' expected");
            ExerciseBuild.Failed b = (ExerciseBuild.Failed) t.build("zz_b");
            assertThat(b.diagnostics()).first().isEqualTo("zz_b needs zz_a, which does not compile: fix it first");
            assertThat(b.summary()).isEqualTo("zz_b needs zz_a, which does not compile: fix it first");
        }
    }

    @Test
    @DisplayName("an exercise that does not use its broken requirement (an untouched stub) still compiles and is graded")
    void independentOfBrokenRequirement() throws Exception {
        String untouched = "package zz_b;\npublic class B implements dojo.exercise.api.Softmax {\n"
                + "    public float[][] softmaxRows(float[][] x) { throw new dojo.exercise.api.NotImplementedYet(); }\n}\n";
        ExerciseIndex index = write(A.replace("return x; }", "return x }"), untouched);
        try (CompiledTree t = compile(index)) {
            assertThat(t.build("zz_a")).isInstanceOf(ExerciseBuild.Failed.class);
            assertThat(t.build("zz_b")).isInstanceOf(ExerciseBuild.Compiled.class);
        }
    }

    @Test
    @DisplayName("an exercise with its own errors and a broken requirement names the requirement, then its own errors")
    void ownErrorsAndBrokenRequirement() throws Exception {
        ExerciseIndex index = write(A.replace("return x; }", "return x }"), B.replace("}\n}\n", "\n}\n"));
        try (CompiledTree t = compile(index)) {
            ExerciseBuild.Failed b = (ExerciseBuild.Failed) t.build("zz_b");
            assertThat(b.diagnostics().get(0)).isEqualTo("zz_b needs zz_a, which does not compile: fix it first");
            assertThat(b.diagnostics()).anyMatch(d -> d.startsWith("exercises/zz_b/B.java:"));
        }
    }

    @Test
    @DisplayName("a missing folder or implementation file is reported as missing, not as a compile error")
    void missing() throws Exception {
        ExerciseIndex index = write(A, B);
        Files.delete(project.resolve("exercises/zz_b/B.java"));
        try (CompiledTree t = compile(index)) {
            assertThat(t.build("zz_b")).isEqualTo(new ExerciseBuild.Missing("exercises/zz_b/B.java not found"));
            assertThat(t.build("zz_a")).isInstanceOf(ExerciseBuild.Compiled.class);
        }
        assertThat(List.of(TreeCompiler.frameworkClasspath())).isNotEmpty();
    }
}
