package exercises.ex09_ffn_positions;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.FeedForwardPositions;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.nn.RotaryEmbedding;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hidden suite of ex09: PyTorch float64 golden GELU, feed-forward blocks, sinusoidal tables and RoPE (values
 * and gradients), gradient checks and the relative-position property of RoPE. Messages name the property,
 * the position and the order of magnitude of the error only.
 */
@ExerciseSuite("ex09_ffn_positions")
@Hidden
@DisplayName("ex09 feed-forward + positions (hidden)")
class FfnPositionsHiddenTest {
    static final double ATOL = 1e-10;
    static final double RTOL = 1e-8;
    static final TensorFixture G = TensorFixture.load("ex09_ffn_positions", "ffn_positions.safetensors");
    static final String[] KEYS = {"linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias"};

    static List<String> ffnCases() {
        return G.cases("ffn");
    }

    static List<String> sinusoidalCases() {
        return G.cases("sinusoidal");
    }

    static List<String> ropeCases() {
        return G.cases("rope");
    }

    static Map<String, Tensor> weights(String c, boolean grad) {
        Map<String, Tensor> w = new LinkedHashMap<>();
        for (String k : KEYS) {
            w.put(k, G.get(c, k).requiresGrad(grad));
        }
        return w;
    }

    @Test
    @Task(1)
    @DisplayName("GELU matches PyTorch float64 (F.gelu, exact) on 28 values (tails up to +-6, values near 0), and its gradient")
    void geluGolden(FeedForwardPositions ffn) {
        Tensor x = G.get("gelu", "x").requiresGrad(true);
        Tensor y = ffn.gelu(x);
        check("gelu vs PyTorch", y).isCloseTo(G.get("gelu", "out"), ATOL, RTOL);
        y.mul(G.get("gelu", "upstream")).sum().backward();
        check("x.grad through your gelu vs PyTorch", x.grad()).isCloseTo(G.get("gelu", "grad.x"), ATOL, RTOL);
    }

    @ParameterizedTest(name = "feed-forward matches PyTorch float64 on golden case {0}, gradients included")
    @MethodSource("ffnCases")
    @Task(4)
    void ffnGolden(String c, FeedForwardPositions ffn) {
        Tensor x = G.get(c, "x").requiresGrad(true);
        Map<String, Tensor> w = weights(c, true);
        Tensor out = ffn.feedForward(x, w);
        check("feed-forward output vs PyTorch, case " + c, out).isCloseTo(G.get(c, "out"), ATOL, RTOL);
        out.mul(G.get(c, "upstream")).sum().backward();
        check("x.grad vs PyTorch, case " + c, x.grad()).isCloseTo(G.get(c, "grad.x"), ATOL, RTOL);
        for (Map.Entry<String, Tensor> e : w.entrySet()) {
            check(e.getKey() + ".grad vs PyTorch, case " + c, e.getValue().grad()).isCloseTo(G.get(c, "grad." + e.getKey()), ATOL, RTOL);
        }
    }

    @ParameterizedTest(name = "sinusoidal table matches the formula of Vaswani et al. on golden case {0}")
    @MethodSource("sinusoidalCases")
    @Task(2)
    void sinusoidalGolden(String c, FeedForwardPositions ffn) {
        Tensor expected = G.get(c, "out");
        check("sinusoidal(" + expected.size(0) + ", " + expected.size(1) + "), case " + c, ffn.sinusoidal(expected.size(0), expected.size(1)))
                .isCloseTo(expected, ATOL, RTOL);
    }

    @ParameterizedTest(name = "RoPE (half-split) matches the PyTorch rotate_half reference on golden case {0}, gradient included")
    @MethodSource("ropeCases")
    @Task(3)
    void ropeGolden(String c, FeedForwardPositions ffn) {
        Tensor x = G.get(c, "x").requiresGrad(true);
        Tensor out = ffn.rotary(x);
        check("rotary output vs PyTorch, case " + c, out).isCloseTo(G.get(c, "out"), ATOL, RTOL);
        out.mul(G.get(c, "upstream")).sum().backward();
        check("x.grad through rotary vs PyTorch, case " + c, x.grad()).isCloseTo(G.get(c, "grad.x"), ATOL, RTOL);
    }

    @Test
    @Task(4)
    @DisplayName("the feed-forward block passes GradCheck for x and all four weights")
    void ffnGradCheck(FeedForwardPositions ffn) {
        Generator gen = new Generator(91);
        Map<String, Tensor> named = new LinkedHashMap<>();
        Tensor x = Tensor.randn(gen, 2, 3, 4).requiresGrad(true);
        named.put("x", x);
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("linear1.weight", Tensor.randn(gen, 6, 4).mul(0.7).requiresGrad(true));
        w.put("linear1.bias", Tensor.randn(gen, 6).requiresGrad(true));
        w.put("linear2.weight", Tensor.randn(gen, 4, 6).mul(0.7).requiresGrad(true));
        w.put("linear2.bias", Tensor.randn(gen, 4).requiresGrad(true));
        named.putAll(w);
        Tensor up = Tensor.randn(gen, 2, 3, 4);
        assertGradCheckPassed("feed-forward block", GradCheck.check(() -> ffn.feedForward(x, w).mul(up).sum(), named));
    }

    @Test
    @Task(3)
    @DisplayName("RoPE makes q.k depend only on the distance: the same q and k 2 positions apart give the same score")
    void ropeRelativePosition(FeedForwardPositions ffn) {
        Generator gen = new Generator(92);
        Tensor q = Tensor.randn(gen, 8);
        Tensor k = Tensor.randn(gen, 8);
        Tensor seq = Tensor.stack(0, k, q, k, q, k, Tensor.zeros(8), q).unsqueeze(0); // [1, 7, 8]
        Tensor r = ffn.rotary(seq);
        double s1 = r.select(1, 1).mul(r.select(1, 0)).sum().item(); // q at 1, k at 0: distance 1
        double s3 = r.select(1, 3).mul(r.select(1, 2)).sum().item(); // q at 3, k at 2: distance 1
        double s6 = r.select(1, 6).mul(r.select(1, 4)).sum().item(); // q at 6, k at 4: distance 2
        double s3b = r.select(1, 3).mul(r.select(1, 0)).sum().item(); // q at 3, k at 0: distance 3
        check("score of distance 1 at positions (3, 2) vs (1, 0)", Tensor.vector(s3)).isCloseTo(Tensor.vector(s1), 1e-10, 1e-10);
        check("rotation preserves the norm of every vector", r.mul(r).sum(-1, false)).isCloseTo(seq.mul(seq).sum(-1, false), 1e-10, 1e-10);
        assertThat(Math.abs(s6 - s3b)).as("scores of distances 2 and 3 differ (the rotation depends on the position)").isGreaterThan(1e-6);
    }

    @Test
    @Task(3)
    @DisplayName("RoPE equals the project's reference dojo.nn.RotaryEmbedding (half-split pairing) on [2, 4, 33, 16], gradient included")
    void ropeMatchesLibrary(FeedForwardPositions ffn) {
        Tensor x = Tensor.randn(new Generator(94), 2, 4, 33, 16).requiresGrad(true);
        Tensor ref = Tensor.randn(new Generator(94), 2, 4, 33, 16).requiresGrad(true);
        Tensor up = Tensor.randn(new Generator(95), 2, 4, 33, 16);
        Tensor out = ffn.rotary(x);
        Tensor expected = new RotaryEmbedding(16).apply(ref);
        check("rotary vs dojo.nn.RotaryEmbedding (HALF)", out).isCloseTo(expected, 1e-12, 1e-10);
        out.mul(up).sum().backward();
        expected.mul(up).sum().backward();
        check("x.grad through rotary vs dojo.nn.RotaryEmbedding", x.grad()).isCloseTo(ref.grad(), 1e-12, 1e-10);
    }

    @Test
    @Task(3)
    @DisplayName("RoPE leaves position 0 unchanged and applies the same rotation to every leading index (batch, head)")
    void ropeBroadcast(FeedForwardPositions ffn) {
        Tensor x = Tensor.randn(new Generator(93), 2, 3, 4, 6);
        Tensor r = ffn.rotary(x);
        check("rotary at position 0", r.select(2, 0)).isCloseTo(x.select(2, 0), 0, 0);
        check("rotary of batch 1, head 2 alone vs inside the batch", ffn.rotary(x.select(0, 1).select(0, 2)))
                .isCloseTo(r.select(0, 1).select(0, 2), 1e-12, 0);
    }

    @Test
    @Task(1)
    @DisplayName("GELU tails: gelu(-30) is -0 (no NaN), gelu(30) = 30, gradient 0 and 1")
    void geluTails(FeedForwardPositions ffn) {
        Tensor x = Tensor.vector(-30, 30).requiresGrad(true);
        Tensor y = ffn.gelu(x);
        check("gelu of [-30, 30]", y).isCloseTo(Tensor.vector(0, 30), 1e-12, 1e-12);
        y.sum().backward();
        check("gelu gradient at [-30, 30]", x.grad()).isCloseTo(Tensor.vector(0, 1), 1e-12, 1e-12);
    }

    @Test
    @Task(5)
    @DisplayName("a missing weight, weights of the wrong shape and an odd dimension are rejected with IllegalArgumentException")
    void validation(FeedForwardPositions ffn) {
        Map<String, Tensor> w = weights("ffn", false);
        w.remove("linear2.bias");
        assertThatThrownBy(() -> ffn.feedForward(G.get("ffn", "x"), w)).as("linear2.bias missing")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linear2.bias");
        Map<String, Tensor> bad = weights("ffn", false);
        bad.put("linear1.weight", Tensor.zeros(10, 5));
        assertThatThrownBy(() -> ffn.feedForward(G.get("ffn", "x"), bad)).as("linear1.weight [10, 5] for E = 6")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ffn.sinusoidal(4, 5)).as("sinusoidal(4, 5)").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ffn.rotary(Tensor.zeros(1, 3, 5))).as("rotary of d = 5").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Task(5)
    @DisplayName("the inputs are left unchanged")
    void inputsUnchanged(FeedForwardPositions ffn) {
        Tensor x = G.get("ffn", "x");
        Tensor copy = x.copy();
        Map<String, Tensor> w = weights("ffn", false);
        ffn.feedForward(x, w);
        ffn.rotary(x.narrow(-1, 0, 6));
        ffn.gelu(x);
        check("x after your calls (must be unchanged)", x).isCloseTo(copy, 0, 0);
        for (String k : KEYS) {
            check(k + " after feedForward (must be unchanged)", w.get(k)).isCloseTo(G.get("ffn", k), 0, 0);
        }
    }
}
