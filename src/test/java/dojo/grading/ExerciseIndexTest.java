package dojo.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExerciseIndexTest {
    private static final String P = "exercises/index.yaml";

    private static final String ONE = String.join("\n",
            "- id: ex01_softmax",
            "  title: Softmax",
            "  points: 10",
            "  api: dojo.exercise.api.Softmax",
            "  implementation: ex01_softmax.StableSoftmax",
            "  objectives: [stable softmax]",
            "  hints:",
            "    - gentle",
            "    - explicit",
            "  tags: [softmax]",
            "");

    static ExerciseIndexException problems(String yaml) {
        return catchThrowableOfType(ExerciseIndexException.class, () -> ExerciseIndex.parse(P, yaml));
    }

    @Test
    @DisplayName("a valid entry is read with every field")
    void validEntry() {
        ExerciseIndex index = ExerciseIndex.parse(P, ONE);
        ExerciseInfo e = index.require("ex01_softmax");
        assertThat(e.title()).isEqualTo("Softmax");
        assertThat(e.points()).isEqualTo(10);
        assertThat(e.hints()).containsExactly("gentle", "explicit");
        assertThat(e.tags()).containsExactly("softmax");
        assertThat(e.requires()).isEmpty();
        assertThat(e.implementationFile()).isEqualTo("ex01_softmax/StableSoftmax.java");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    @DisplayName("unknown and missing keys are reported at their line and column")
    void unknownAndMissingKeys() {
        String yaml = ONE.replace("  tags: [softmax]", "  hint: oops").replace("  title: Softmax\n", "");
        assertThat(problems(yaml).problems()).containsExactly(
                P + ":9:3: unknown key 'hint' (known keys: id, title, points, api, implementation, objectives, hints, tags, requires)",
                P + ":1:3: missing required key 'title'");
    }

    @Test
    @DisplayName("bad values are reported where they are: points, api, implementation, requires, duplicates")
    void badValues() {
        String second = String.join("\n",
                "- id: ex01_softmax",
                "  title: Again",
                "  points: -3",
                "  api: java.util.List",
                "  implementation: other.Cls",
                "  objectives: [x]",
                "  hints: [y]",
                "  requires: [ex09_later]",
                "");
        assertThat(problems(ONE + second).problems()).containsExactly(
                P + ":11:7: duplicate id 'ex01_softmax' (first on line 1)",
                P + ":13:11: points must be a positive integer, got -3",
                P + ":14:8: api 'java.util.List' must be an interface in dojo.exercise.api, e.g. dojo.exercise.api.Softmax",
                P + ":15:19: implementation 'other.Cls' must be a class directly in package ex01_softmax, e.g. ex01_softmax.MyClass",
                P + ":18:13: requires 'ex09_later', which is not an earlier exercise (earlier: ex01_softmax)");
    }

    @Test
    @DisplayName("broken YAML and a non-list document give one located error")
    void syntax() {
        assertThat(problems("- id: [unclosed\n").problems()).singleElement().asString()
                .startsWith(P + ":1:16: invalid YAML:");
        assertThat(problems("id: ex01\n").problems()).containsExactly(
                P + ":1:1: expected a list of exercises (each item starting with '- id: ...')");
        assertThat(problems("").problems()).containsExactly(P + ":1:1: the index is empty; expected a list of exercises");
    }

    @Test
    @DisplayName("an unknown id is rejected with the valid ones; requirements resolve in index order")
    void lookup() {
        String two = ONE + String.join("\n",
                "- id: ex02_attention",
                "  title: Attention",
                "  points: 20",
                "  api: dojo.exercise.api.Attention",
                "  implementation: ex02_attention.ScaledDotProductAttention",
                "  objectives: [x]",
                "  hints: [y]",
                "  requires: [ex01_softmax]",
                "");
        ExerciseIndex index = ExerciseIndex.parse(P, two);
        assertThat(index.withRequirements(index.require("ex02_attention"))).extracting(ExerciseInfo::id)
                .containsExactly("ex01_softmax", "ex02_attention");
        assertThat(index.forSuitePackage("exercises.ex02_attention.sub")).map(ExerciseInfo::id).contains("ex02_attention");
        assertThatThrownBy(() -> index.require("ex03")).hasMessage("unknown exercise 'ex03'; valid: ex01_softmax, ex02_attention");
        // what a learner types: the id, the number on the path, the start of exactly one id
        for (String typed : List.of("ex02_attention", "2", "02", "ex02", "ex02_att")) {
            assertThat(index.resolve(typed)).as(typed).map(ExerciseInfo::id).contains("ex02_attention");
        }
        for (String typed : List.of("ex0", "0", "3", "ex03", "", "attention", "ex2_attention")) {
            assertThat(index.resolve(typed)).as(typed).isEmpty();
        }
    }

    @Test
    @DisplayName("the project's own exercises/index.yaml is valid and starts with ex01_softmax")
    void projectIndex() {
        Path project = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath();
        ExerciseIndex index = ExerciseIndex.load(project);
        assertThat(index.ids()).first().isEqualTo("ex01_softmax");
        assertThat(index.exercises()).allSatisfy(e -> assertThat(e.hints()).hasSizeGreaterThanOrEqualTo(2));
    }

    @Test
    @DisplayName("a missing index says where it looked")
    void missingIndex() {
        Path nowhere = Path.of("/nonexistent-dojo-project");
        assertThat(catchThrowableOfType(ExerciseIndexException.class, () -> ExerciseIndex.load(nowhere)).getMessage())
                .startsWith("exercises/index.yaml: not found in /nonexistent-dojo-project");
    }
}
