package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.nn.StateDicts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiTaskTrainCommandTest {

    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int run(String... args) {
        return Dojo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aShortMultiTaskRunPrintsBothTaskAccuraciesAndWritesPyTorchNamedCheckpoints(@TempDir Path dir) throws Exception {
        int code = run("train", "multitask-classifier", "--steps", "2", "--out", dir.toString());
        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("reference  test min task accuracy", "(target >= 0.93: NOT met)", "baseline   test min task accuracy")
                .containsPattern("\\n {11}task A accuracy 0\\.\\d{4}, task B accuracy 0\\.\\d{4}\\n");
        assertThat(StateDicts.read(dir.resolve("model.safetensors"))).containsKeys("embedding.weight", "position.weight",
                "encoder.layers.1.self_attn.in_proj_weight", "head_a.fc1.weight", "head_a.fc2.bias", "head_b.fc2.weight");
        assertThat(StateDicts.read(dir.resolve("baseline.safetensors"))).containsKeys("trunk1.weight", "head_a.fc1.weight", "head_b.fc2.bias");
        assertThat(Files.readString(dir.resolve("result.json"))).contains("\"model\" : \"multitask-classifier\"", "\"testBreakdown\"",
                "\"task A accuracy\"", "\"task B accuracy\"");
    }

    @Test
    void theLearnersUnstartedMultiTaskModelIsOneLineNamingTheExercise() {
        assertThat(run("train", "multitask-classifier", "--tree", "exercises")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("dojo: error: ex18_multitask in exercises/ is not started yet (it throws NotImplementedYet); "
                + "see exercises/ex18_multitask/README.md" + System.lineSeparator());
    }
}
