package exercises.ex10_encoder_layer;

import static exercises.ex06_softmax_xent_backward.TensorFixture.assertGradCheckPassed;
import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex10_encoder_layer.EncoderCases.GOLDEN;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.EncoderLayer;
import dojo.exercise.api.EncoderLayerConfig;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Hidden;
import dojo.grading.junit.Task;
import dojo.nn.Activation;
import dojo.nn.AttentionMasks;
import dojo.nn.TransformerEncoderLayer;
import dojo.tensor.Generator;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hidden suite of ex10: every nn.TransformerEncoderLayer golden case (post-LN and pre-LN; padding, causal,
 * both, none; E = 8 with 2 heads and E = 12 with 3), gradients of src and every weight, a gradient check, and
 * the causal, padding and permutation properties in both norm orders. Messages name the property, the
 * position and the order of magnitude of the error only.
 */
@ExerciseSuite("ex10_encoder_layer")
@Hidden
@DisplayName("ex10 transformer encoder layer (hidden)")
class EncoderLayerHiddenTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    static List<String> cases() {
        return GOLDEN.cases();
    }

    @ParameterizedTest(name = "matches nn.TransformerEncoderLayer float64 on golden case {0}, gradients included")
    @MethodSource("cases")
    @Task(1)
    void golden(String c, EncoderLayer layer) {
        Tensor src = GOLDEN.get(c, "src").requiresGrad(true);
        Map<String, Tensor> w = EncoderCases.weights(c, true);
        EncoderLayerConfig cfg = EncoderCases.config(c);
        Tensor out = layer.forward(src, w, cfg, EncoderCases.keyPadding(c), EncoderCases.causal(c));
        EncoderLayerConfig swapped = new EncoderLayerConfig(cfg.numHeads(), !cfg.normFirst(), cfg.eps());
        Tensor other;
        try {
            other = layer.forward(GOLDEN.get(c, "src"), EncoderCases.weights(c, false), swapped, EncoderCases.keyPadding(c), EncoderCases.causal(c));
        } catch (RuntimeException e) {
            other = null;
        }
        check("output vs PyTorch, case " + c, out)
                .withCause(other, (cfg.normFirst() ? "this is the post-LN" : "this is the pre-LN") + " result: the norm order is swapped")
                .isCloseTo(GOLDEN.get(c, "out"), ATOL, RTOL);
        out.mul(GOLDEN.get(c, "upstream")).sum().backward();
        check("src.grad vs PyTorch, case " + c, src.grad()).isCloseTo(GOLDEN.get(c, "grad.src"), ATOL, RTOL);
        for (Map.Entry<String, Tensor> e : w.entrySet()) {
            check(e.getKey() + ".grad vs PyTorch, case " + c, e.getValue().grad()).isCloseTo(GOLDEN.get(c, "grad." + e.getKey()), ATOL, RTOL);
        }
    }

    @ParameterizedTest(name = "equals the reference dojo.nn.TransformerEncoderLayer at B = 2, L = 9, E = 16, H = 4, F = 24, gradients included (normFirst = {0})")
    @ValueSource(booleans = {false, true})
    @Task(1)
    void matchesLibraryReference(boolean normFirst, EncoderLayer layer) {
        TransformerEncoderLayer reference = new TransformerEncoderLayer(TransformerEncoderLayer.Options.of(16, 4).dimFeedforward(24)
                .dropout(0).activation(Activation.GELU).normFirst(normFirst), new Generator(160));
        Map<String, Tensor> w = EncoderCases.random(161, 16, 24, true);
        Map<String, Tensor> copies = new LinkedHashMap<>();
        w.forEach((k, v) -> copies.put(k, v.detach().copy()));
        reference.loadStateDict(copies, true);
        Tensor pad = Tensor.mask(new boolean[] {false, false, false, false, false, false, true, true, true,
            false, false, false, false, false, false, false, false, false}, 2, 9);
        Tensor src = Tensor.randn(new Generator(162), 2, 9, 16).requiresGrad(true);
        Tensor refSrc = src.detach().copy().requiresGrad(true);
        Tensor up = Tensor.randn(new Generator(163), 2, 9, 16);
        Tensor out = layer.forward(src, w, new EncoderLayerConfig(4, normFirst, 1e-5), pad, true);
        Tensor expected = reference.forward(refSrc, AttentionMasks.none().withKeyPadding(pad).withCausal(true));
        check("output vs dojo.nn.TransformerEncoderLayer", out).isCloseTo(expected, ATOL, RTOL);
        out.mul(up).sum().backward();
        expected.mul(up).sum().backward();
        check("src.grad vs dojo.nn.TransformerEncoderLayer", src.grad()).isCloseTo(refSrc.grad(), ATOL, RTOL);
        Map<String, Tensor> refParams = reference.namedParameters();
        for (Map.Entry<String, Tensor> e : w.entrySet()) {
            check(e.getKey() + ".grad vs dojo.nn.TransformerEncoderLayer", e.getValue().grad()).isCloseTo(refParams.get(e.getKey()).grad(), ATOL, RTOL);
        }
    }

    @ParameterizedTest(name = "a small layer passes GradCheck for src and all 12 weights (normFirst = {0})")
    @ValueSource(booleans = {false, true})
    @Task(2)
    void gradCheck(boolean normFirst, EncoderLayer layer) {
        Tensor src = Tensor.randn(new Generator(110), 2, 3, 4).requiresGrad(true);
        Map<String, Tensor> w = EncoderCases.random(111, 4, 6, true);
        Tensor pad = Tensor.mask(new boolean[] {false, false, true, false, false, false}, 2, 3);
        Tensor up = Tensor.randn(new Generator(112), 2, 3, 4);
        Map<String, Tensor> named = new LinkedHashMap<>();
        named.put("src", src);
        named.putAll(w);
        EncoderLayerConfig cfg = new EncoderLayerConfig(2, normFirst, 1e-5);
        assertGradCheckPassed("encoder layer (normFirst = " + normFirst + ", padding + causal)",
                GradCheck.check(() -> layer.forward(src, w, cfg, pad, true).mul(up).sum(), named));
    }

    @ParameterizedTest(name = "causal: a future token never changes an earlier output nor receives its gradient (normFirst = {0})")
    @ValueSource(booleans = {false, true})
    @Task(3)
    void causal(boolean normFirst, EncoderLayer layer) {
        Generator g = new Generator(120);
        Tensor src = Tensor.randn(g, 2, 6, 12);
        Map<String, Tensor> w = EncoderCases.random(121, 12, 20, false);
        EncoderLayerConfig cfg = new EncoderLayerConfig(3, normFirst, 1e-5);
        Tensor base = layer.forward(src, w, cfg, null, true);
        for (int t = 1; t < 6; t++) {
            Tensor changed = src.copy();
            for (int c = 0; c < 12; c++) {
                changed.array()[(1 * 6 + t) * 12 + c] += 2.0 - c * 0.3;
            }
            Tensor out = layer.forward(changed, w, cfg, null, true);
            check("batch 1, outputs 0.." + (t - 1) + " after changing token " + t, out.select(0, 1).narrow(0, 0, t))
                    .isCloseTo(base.select(0, 1).narrow(0, 0, t), 1e-12, 0);
            check("batch 0 after changing a token of batch 1", out.select(0, 0)).isCloseTo(base.select(0, 0), 1e-12, 0);
        }
        Tensor x = src.copy().requiresGrad(true);
        Tensor up = Tensor.zeros(2, 6, 12);
        for (int c = 0; c < 12; c++) {
            up.array()[(0 * 6 + 2) * 12 + c] = 1 + c; // a loss on output 2 of batch 0 only
        }
        layer.forward(x, w, cfg, null, true).mul(up).sum().backward();
        check("gradient of tokens 3..5 for a loss on output 2", x.grad().select(0, 0).narrow(0, 3, 3)).isCloseTo(Tensor.zeros(3, 12), 0, 0);
    }

    @ParameterizedTest(name = "padding: padded tokens never change the real positions, nor receive gradient from them (normFirst = {0})")
    @ValueSource(booleans = {false, true})
    @Task(3)
    void padding(boolean normFirst, EncoderLayer layer) {
        Generator g = new Generator(130);
        Tensor src = Tensor.randn(g, 3, 5, 8);
        Tensor pad = Tensor.mask(new boolean[] {false, false, false, true, true, false, false, false, false, false,
            false, false, false, false, true}, 3, 5);
        Map<String, Tensor> w = EncoderCases.random(131, 8, 12, false);
        EncoderLayerConfig cfg = new EncoderLayerConfig(2, normFirst, 1e-5);
        Tensor base = layer.forward(src, w, cfg, pad, true);
        Tensor changed = src.copy();
        for (int c = 0; c < 8; c++) {
            changed.array()[(0 * 5 + 3) * 8 + c] = 7;
            changed.array()[(0 * 5 + 4) * 8 + c] = -3;
            changed.array()[(2 * 5 + 4) * 8 + c] = 11;
        }
        Tensor out = layer.forward(changed, w, cfg, pad, true);
        check("batch 0, real positions 0..2, after changing its padding", out.select(0, 0).narrow(0, 0, 3))
                .isCloseTo(base.select(0, 0).narrow(0, 0, 3), 1e-12, 0);
        check("batch 1 (no padding) after changing padding elsewhere", out.select(0, 1)).isCloseTo(base.select(0, 1), 1e-12, 0);
        check("batch 2, real positions 0..3, after changing its padding", out.select(0, 2).narrow(0, 0, 4))
                .isCloseTo(base.select(0, 2).narrow(0, 0, 4), 1e-12, 0);
        // the same sequence without its padding, alone, gives the same real outputs
        Tensor alone = layer.forward(src.select(0, 0).narrow(0, 0, 3).unsqueeze(0), w, cfg, null, true);
        check("batch 0's real positions vs the 3-token sequence alone", base.select(0, 0).narrow(0, 0, 3))
                .isCloseTo(alone.select(0, 0), 1e-12, 1e-10);
    }

    @ParameterizedTest(name = "without masks the layer is permutation equivariant (normFirst = {0})")
    @ValueSource(booleans = {false, true})
    @Task(3)
    void permutation(boolean normFirst, EncoderLayer layer) {
        Tensor src = Tensor.randn(new Generator(140), 2, 6, 8);
        int[] perm = {5, 2, 0, 4, 1, 3};
        Map<String, Tensor> w = EncoderCases.random(141, 8, 16, false);
        EncoderLayerConfig cfg = new EncoderLayerConfig(2, normFirst, 1e-5);
        check("layer(permuted tokens) vs permuted layer(tokens)", layer.forward(src.indexSelect(1, perm), w, cfg, null, false))
                .isCloseTo(layer.forward(src, w, cfg, null, false).indexSelect(1, perm), 1e-12, 1e-10);
    }

    @Test
    @Task(4)
    @DisplayName("a missing weight, E not divisible by the heads and a padding mask of the wrong shape are rejected")
    void validation(EncoderLayer layer) {
        Map<String, Tensor> w = EncoderCases.random(150, 8, 16, false);
        w.remove("norm2.bias");
        assertThatThrownBy(() -> layer.forward(Tensor.zeros(1, 3, 8), w, EncoderLayerConfig.preLn(2), null, false))
                .as("norm2.bias missing").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("norm2.bias");
        Map<String, Tensor> ok = EncoderCases.random(151, 8, 16, false);
        assertThatThrownBy(() -> layer.forward(Tensor.zeros(1, 3, 8), ok, EncoderLayerConfig.preLn(3), null, false))
                .as("E = 8 with 3 heads").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layer.forward(Tensor.zeros(2, 3, 8), ok, EncoderLayerConfig.preLn(2), Tensor.zeros(2, 4), false))
                .as("keyPadding [2, 4] for src [2, 3, 8]").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Task(4)
    @DisplayName("the inputs are left unchanged")
    void inputsUnchanged(EncoderLayer layer) {
        String c = "pre_pad_causal";
        Tensor src = GOLDEN.get(c, "src");
        Map<String, Tensor> w = EncoderCases.weights(c, false);
        layer.forward(src, w, EncoderCases.config(c), EncoderCases.keyPadding(c), true);
        check("src after forward (must be unchanged)", src).isCloseTo(GOLDEN.get(c, "src"), 0, 0);
        for (String k : EncoderCases.KEYS) {
            check(k + " after forward (must be unchanged)", w.get(k)).isCloseTo(GOLDEN.get(c, k), 0, 0);
        }
    }
}
