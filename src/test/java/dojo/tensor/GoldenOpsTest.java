package dojo.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Forward values and gradients of the operations equal PyTorch's float64 results (golden/tensor/ops.safetensors). */
class GoldenOpsTest {

    static final double TOL = 1e-10;
    private static final GoldenFile GOLDEN = GoldenFile.load("ops.safetensors");

    private static final Tensor MASK = Tensor.mask(new boolean[][] {{false, true, false, true}, {true, false, false, false}});

    private static Map<String, Function<Map<String, Tensor>, Tensor>> ops() {
        Map<String, Function<Map<String, Tensor>, Tensor>> m = new LinkedHashMap<>();
        m.put("gelu", in -> in.get("x").gelu());
        m.put("gelu_tanh", in -> in.get("x").gelu("tanh"));
        m.put("relu", in -> in.get("x").relu());
        m.put("tanh", in -> in.get("x").tanh());
        m.put("sigmoid", in -> in.get("x").sigmoid());
        m.put("exp_log_sqrt", in -> in.get("x").exp().add(in.get("x").log().mul(in.get("x").sqrt())));
        m.put("pow", in -> in.get("x").pow(3).add(in.get("x").mul(in.get("x")).add(1).pow(-0.5)));
        m.put("div_broadcast", in -> in.get("a").div(in.get("b")));
        m.put("softmax_last", in -> in.get("x").softmax(-1));
        m.put("softmax_dim1", in -> in.get("x").softmax(1));
        m.put("log_softmax", in -> in.get("x").logSoftmax(-1));
        m.put("layer_norm", in -> Functional.layerNorm(in.get("x"), 1, in.get("weight"), in.get("bias"), 1e-5));
        m.put("matmul_batched", in -> in.get("a").matmul(in.get("b")));
        m.put("max_dim", in -> in.get("x").max(-1, false));
        m.put("sum_mean", in -> in.get("x").sum(new int[] {0, 2}, true).mul(in.get("x").mean(1, true)));
        m.put("masked_softmax", in -> in.get("x").maskedFill(MASK, Double.NEGATIVE_INFINITY).softmax(-1));
        m.put("cross_entropy_smoothing", in -> Functional.crossEntropy(in.get("logits"), GOLDEN.ints("cross_entropy_smoothing", "targets"),
                new Functional.CrossEntropyOptions(-100, 0.1)));
        m.put("cross_entropy", in -> Functional.crossEntropy(in.get("logits"), GOLDEN.ints("cross_entropy", "targets")));
        m.put("cross_entropy_ignore7", in -> Functional.crossEntropy(in.get("logits"), GOLDEN.ints("cross_entropy_ignore7", "targets"),
                new Functional.CrossEntropyOptions(7, 0.25)));
        m.put("conv1d", in -> Functional.conv1d(in.get("x"), in.get("weight"), in.get("bias"), 2, 1, 1));
        m.put("conv2d", in -> Functional.conv2d(in.get("x"), in.get("weight"), in.get("bias"), new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 2}));
        m.put("embedding", in -> Functional.embedding(in.get("weight"), GOLDEN.ints("embedding", "ids"), 2, 3));
        m.put("rotary_half", in -> new dojo.nn.RotaryEmbedding(8).apply(in.get("x")));
        m.put("rotary_interleaved", in -> new dojo.nn.RotaryEmbedding(6, 500, dojo.nn.RotaryEmbedding.Pairing.INTERLEAVED).apply(in.get("x"), 3));
        m.put("sinusoidal", in -> new dojo.nn.SinusoidalPositionalEncoding(6, 16).forward(in.get("x")));
        return m;
    }

    private static final Map<String, List<String>> INPUTS = Map.ofEntries(
            Map.entry("div_broadcast", List.of("a", "b")), Map.entry("matmul_batched", List.of("a", "b")),
            Map.entry("layer_norm", List.of("x", "weight", "bias")),
            Map.entry("cross_entropy_smoothing", List.of("logits")), Map.entry("cross_entropy", List.of("logits")),
            Map.entry("cross_entropy_ignore7", List.of("logits")),
            Map.entry("conv1d", List.of("x", "weight", "bias")), Map.entry("conv2d", List.of("x", "weight", "bias")),
            Map.entry("embedding", List.of("weight")));

    @TestFactory
    List<DynamicTest> everyGoldenCaseMatchesPyTorchInValueAndGradient() {
        Map<String, Function<Map<String, Tensor>, Tensor>> ops = ops();
        assertThat(ops.keySet()).containsExactlyInAnyOrder(GOLDEN.cases());
        return ops.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " equals torch within 1e-10, gradients included", () -> {
            String c = e.getKey();
            Map<String, Tensor> in = new LinkedHashMap<>();
            for (String name : INPUTS.getOrDefault(c, List.of("x"))) in.put(name, GOLDEN.get(c, name).requiresGrad(true));
            Tensor out = e.getValue().apply(in);
            assertThat(out.shape()).as(c + " output shape").containsExactly(GOLDEN.get(c, "out").shape());
            assertThat(out.maxAbsDiff(GOLDEN.get(c, "out"))).as(c + " output").isLessThanOrEqualTo(TOL);
            out.mul(GOLDEN.get(c, "upstream")).sum().backward();
            for (Map.Entry<String, Tensor> i : in.entrySet()) {
                assertThat(i.getValue().grad()).as(c + " grad of " + i.getKey()).isNotNull();
                assertThat(i.getValue().grad().maxAbsDiff(GOLDEN.get(c, "grad." + i.getKey())))
                        .as(c + " grad of " + i.getKey()).isLessThanOrEqualTo(TOL);
            }
        })).toList();
    }
}
