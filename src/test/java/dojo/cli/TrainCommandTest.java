package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.nn.StateDicts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int run(String... args) {
        return Dojo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void anUnknownModelIsOneErrorLineWithTheListAndExitTwo() {
        assertThat(run("train", "speech-thing")).isEqualTo(2);
        assertThat(err.toString()).startsWith("dojo: error: unknown model 'speech-thing'; models: text-classifier").hasLineCount(1);
    }

    @Test
    void theLearnersUnstartedModelIsOneLineNamingTheExercise() {
        assertThat(run("train", "text-classifier", "--tree", "exercises")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("dojo: error: ex11_text_classifier in exercises/ is not started yet (it throws NotImplementedYet); "
                + "see exercises/ex11_text_classifier/README.md" + System.lineSeparator());
    }

    @Test
    void aShortRunWritesCurveCheckpointsAndResultAndFailsTheTarget(@TempDir Path dir) throws Exception {
        int code = run("train", "text-classifier", "--steps", "3", "--seed", "2", "--out", dir.toString());
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("reference  test accuracy", "(target >= 0.95: NOT met)", "baseline   test accuracy",
                "load average", "step 3/3");
        assertThat(Files.readString(dir.resolve("curve.svg"))).startsWith("<svg");
        assertThat(StateDicts.read(dir.resolve("model.safetensors"))).containsKeys("embedding.weight", "encoder.layers.1.self_attn.in_proj_weight", "head.bias");
        assertThat(StateDicts.read(dir.resolve("baseline.safetensors"))).containsKeys("embedding.weight", "hidden.weight");
        assertThat(Files.readString(dir.resolve("result.json"))).contains("\"met\" : false", "\"model\" : \"text-classifier\"",
                "\"precision\" : \"float64\"");
    }

    @Test
    void floatTrainsOnTheKernelsAndSaysSo(@TempDir Path dir) throws Exception {
        int code = run("train", "text-classifier", "--steps", "3", "--seed", "2", "--no-baseline", "--float", "--out", dir.toString());
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("seed 2, float32 (--float)", "reference  test accuracy", "step 3/3");
        assertThat(Files.readString(dir.resolve("result.json"))).contains("\"precision\" : \"float32\"");
        assertThat(dojo.tensor.FloatMatmul.isActive()).as("the scope is closed after the run").isFalse();
    }
}
