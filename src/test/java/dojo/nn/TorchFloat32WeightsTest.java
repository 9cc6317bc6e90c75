package dojo.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.io.Safetensors;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A float32 nn.MultiheadAttention saved by PyTorch (the ex04 golden file) loads into
 * {@link MultiheadAttention} by its state_dict names and gives PyTorch's outputs, including this
 * project's zero rule for a fully masked query. Tolerance: PyTorch computed in float32.
 */
class TorchFloat32WeightsTest {

    @TestFactory
    List<DynamicTest> everyEx04CaseLoadsAndMatchesPyTorchFloat32() throws Exception {
        Path p = Path.of(System.getProperty("dojo.project.dir", "."), "src/test/resources/golden/ex04_multihead/mha.safetensors");
        Safetensors st = Safetensors.read(p);
        return java.util.Arrays.stream(st.metadata().get("cases").split(",")).map(c -> DynamicTest.dynamicTest(c, () -> {
            Tensor w = t(st, c, "in_proj_weight");
            int e = w.size(1);
            int h = (int) st.longs(c + ".num_heads")[0];
            MultiheadAttention mha = new MultiheadAttention(e, h, new Generator(0));
            mha.loadStateDict(Map.of("in_proj_weight", w, "in_proj_bias", t(st, c, "in_proj_bias"),
                    "out_proj.weight", t(st, c, "out_proj.weight"), "out_proj.bias", t(st, c, "out_proj.bias")), true);
            AttentionMasks m = AttentionMasks.none();
            if (st.contains(c + ".is_causal")) m = m.withCausal(st.longs(c + ".is_causal")[0] != 0);
            if (st.contains(c + ".key_padding")) m = m.withKeyPadding(t(st, c, "key_padding"));
            if (st.contains(c + ".blocked")) m = m.withBlocked(t(st, c, "blocked"));
            if (st.contains(c + ".additive")) {
                if (m.attnMask() != null) {
                    m = m.withAdditive(Tensor.zeros(m.attnMask().shape()).maskedFill(m.attnMask(), Double.NEGATIVE_INFINITY)
                            .add(t(st, c, "additive")));
                } else {
                    m = m.withAdditive(t(st, c, "additive"));
                }
            }
            MultiheadAttention.Output o = mha.forward(t(st, c, "query"), t(st, c, "key"), t(st, c, "value"), m, true, false);
            assertThat(o.output().maxAbsDiff(t(st, c, "output"))).as(c + " output").isLessThan(2e-5);
            assertThat(o.weights().maxAbsDiff(t(st, c, "weights"))).as(c + " weights").isLessThan(2e-6);
        })).toList();
    }

    private static Tensor t(Safetensors st, String c, String name) {
        return Tensor.of(st.doubles(c + "." + name), st.shape(c + "." + name));
    }
}
