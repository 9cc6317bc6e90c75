package dojo.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.io.DType;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reverse direction: a state dict written by Java loads into {@code torch.nn.TransformerEncoder}
 * and torch reproduces Java's output. The file {@code golden/tensor/java_encoder.safetensors} was
 * written by {@link #write} ({@code -Ddojo.tensor.writeFixture=true}), then checked by
 * {@code scripts/golden/tensor.py --verify-java}, whose output (with the file's SHA-256) is committed
 * beside it. This test keeps both honest: the evidence names this exact file, and today's Java code
 * still computes the output that torch confirmed.
 */
class JavaToTorchTest {

    private static final Path DIR = Path.of(System.getProperty("dojo.project.dir", "."), "src/test/resources/golden/tensor");
    private static final Path FIXTURE = DIR.resolve("java_encoder.safetensors");
    private static final Path EVIDENCE = DIR.resolve("java_encoder.torch-check.txt");
    private static final String CONFIG = "{\"d_model\": 8, \"nhead\": 2, \"dim_feedforward\": 16, \"activation\": \"gelu\","
            + " \"norm_first\": true, \"layer_norm_eps\": 1e-05, \"num_layers\": 2, \"final_norm\": true}";

    private static TransformerEncoder model(long seed) {
        return new TransformerEncoder(TransformerEncoderLayer.Options.of(8, 2).dimFeedforward(16).activation(Activation.GELU)
                .normFirst(true), 2, true, new Generator(seed));
    }

    private static Tensor padding() {
        return Tensor.mask(new boolean[][] {{false, false, false, false, false}, {false, false, false, true, true}});
    }

    static void write(Path file) throws Exception {
        TransformerEncoder m = model(2026);
        m.eval();
        Tensor x = Tensor.randn(new Generator(7), 2, 5, 8);
        Tensor out = m.forward(x, AttentionMasks.none().withKeyPadding(padding()));
        Map<String, Tensor> all = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> all.put("state." + k, v));
        all.put("input", x);
        all.put("key_padding_mask", padding());
        all.put("output", out);
        StateDicts.write(all, file, DType.F64, Map.of("config", CONFIG, "writer", "dojo.nn.JavaToTorchTest"));
    }

    @Test
    void torchReproducedTheOutputOfTheStateDictJavaWrote() throws Exception {
        if (Boolean.getBoolean("dojo.tensor.writeFixture")) write(FIXTURE);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(FIXTURE)));
        String evidence = Files.readString(EVIDENCE);
        assertThat(evidence).as("evidence of scripts/golden/tensor.py --verify-java for this exact file").contains("sha256 " + sha);
        Matcher err = Pattern.compile("max \\|diff\\| = ([0-9.e+-]+)").matcher(evidence);
        assertThat(err.find()).isTrue();
        assertThat(Double.parseDouble(err.group(1))).isLessThanOrEqualTo(1e-10);

        Map<String, Tensor> file = StateDicts.read(FIXTURE);
        Map<String, Tensor> state = new LinkedHashMap<>();
        file.forEach((k, v) -> {
            if (k.startsWith("state.")) state.put(k.substring(6), v);
        });
        TransformerEncoder m = model(1);
        m.loadStateDict(state, true);
        m.eval();
        Tensor out = m.forward(file.get("input"), AttentionMasks.none().withKeyPadding(file.get("key_padding_mask")));
        assertThat(out.maxAbsDiff(file.get("output"))).isLessThanOrEqualTo(1e-12);
    }
}
