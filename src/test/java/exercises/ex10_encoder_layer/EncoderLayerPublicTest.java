package exercises.ex10_encoder_layer;

import static exercises.ex06_softmax_xent_backward.TensorFixture.check;
import static exercises.ex10_encoder_layer.EncoderCases.GOLDEN;

import dojo.exercise.api.EncoderLayer;
import dojo.exercise.api.EncoderLayerConfig;
import dojo.grading.junit.ExerciseSuite;
import dojo.grading.junit.Task;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public suite of ex10 (shipped to learners): nn.TransformerEncoderLayer golden cases (post-LN and pre-LN with
 * padding and causal masks, gradients included) and the three behaviours every encoder layer must have.
 */
@ExerciseSuite("ex10_encoder_layer")
@DisplayName("ex10 transformer encoder layer (public)")
class EncoderLayerPublicTest {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-7;

    @Test
    @Task(1)
    @DisplayName("post-LN with padding + causal masks matches nn.TransformerEncoderLayer (float64) exactly")
    void postLnMatchesPyTorch(EncoderLayer layer) {
        String c = "post_pad_causal";
        Tensor out = layer.forward(GOLDEN.get(c, "src"), EncoderCases.weights(c, false), EncoderCases.config(c),
                EncoderCases.keyPadding(c), EncoderCases.causal(c));
        check("post-LN output vs PyTorch", out).showingValues().isCloseTo(GOLDEN.get(c, "out"), ATOL, RTOL);
    }

    @Test
    @Task(2)
    @DisplayName("pre-LN with padding + causal masks matches PyTorch, and so do the gradients of src and every weight")
    void preLnMatchesPyTorchWithGradients(EncoderLayer layer) {
        String c = "pre_pad_causal";
        Tensor src = GOLDEN.get(c, "src").requiresGrad(true);
        Map<String, Tensor> w = EncoderCases.weights(c, true);
        Tensor out = layer.forward(src, w, EncoderCases.config(c), EncoderCases.keyPadding(c), EncoderCases.causal(c));
        check("pre-LN output vs PyTorch", out).showingValues().isCloseTo(GOLDEN.get(c, "out"), ATOL, RTOL);
        out.mul(GOLDEN.get(c, "upstream")).sum().backward();
        check("src.grad vs PyTorch", src.grad()).showingValues().isCloseTo(GOLDEN.get(c, "grad.src"), ATOL, RTOL);
        for (Map.Entry<String, Tensor> e : w.entrySet()) {
            check(e.getKey() + ".grad vs PyTorch", e.getValue().grad()).showingValues().isCloseTo(GOLDEN.get(c, "grad." + e.getKey()), ATOL, RTOL);
        }
    }

    @Test
    @Task(3)
    @DisplayName("under a causal mask, changing the last token never changes an earlier output")
    void causalFutureInvisible(EncoderLayer layer) {
        Generator g = new Generator(10);
        Tensor src = Tensor.randn(g, 1, 5, 8);
        Map<String, Tensor> w = EncoderCases.random(100, 8, 16, false);
        Tensor changed = src.copy();
        for (int c = 0; c < 8; c++) {
            changed.array()[4 * 8 + c] += 1.5;
        }
        EncoderLayerConfig cfg = EncoderLayerConfig.preLn(2);
        check("outputs 0..3 after changing token 4", layer.forward(changed, w, cfg, null, true).narrow(1, 0, 4)).showingValues()
                .isCloseTo(layer.forward(src, w, cfg, null, true).narrow(1, 0, 4), 1e-12, 0);
    }

    @Test
    @Task(3)
    @DisplayName("padding never changes the real positions: the padded tokens' values do not matter")
    void paddingInvisible(EncoderLayer layer) {
        Generator g = new Generator(11);
        Tensor src = Tensor.randn(g, 2, 5, 8);
        Tensor pad = Tensor.mask(new boolean[] {false, false, false, false, true, false, false, false, true, true}, 2, 5);
        Map<String, Tensor> w = EncoderCases.random(101, 8, 16, false);
        Tensor changed = src.copy();
        for (int c = 0; c < 8; c++) {
            changed.array()[(1 * 5 + 4) * 8 + c] = 9; // batch 1, padded position 4
            changed.array()[(0 * 5 + 4) * 8 + c] = -9; // batch 0, padded position 4
        }
        EncoderLayerConfig cfg = EncoderLayerConfig.postLn(2);
        Tensor a = layer.forward(src, w, cfg, pad, false);
        Tensor b = layer.forward(changed, w, cfg, pad, false);
        check("batch 0, real positions 0..3, after changing padded position 4", b.select(0, 0).narrow(0, 0, 4)).showingValues()
                .isCloseTo(a.select(0, 0).narrow(0, 0, 4), 1e-12, 0);
        check("batch 1, real positions 0..2, after changing padded position 4", b.select(0, 1).narrow(0, 0, 3)).showingValues()
                .isCloseTo(a.select(0, 1).narrow(0, 0, 3), 1e-12, 0);
    }

    @Test
    @Task(3)
    @DisplayName("without masks and positions the layer is permutation equivariant: permuting tokens permutes outputs")
    void permutationEquivariant(EncoderLayer layer) {
        Tensor src = Tensor.randn(new Generator(12), 1, 4, 8);
        int[] perm = {2, 0, 3, 1};
        Map<String, Tensor> w = EncoderCases.random(102, 8, 16, false);
        EncoderLayerConfig cfg = EncoderLayerConfig.postLn(4);
        Tensor out = layer.forward(src, w, cfg, null, false);
        Tensor outOfPermuted = layer.forward(src.indexSelect(1, perm), w, cfg, null, false);
        check("layer(permuted tokens) vs permuted layer(tokens)", outOfPermuted).showingValues()
                .isCloseTo(out.indexSelect(1, perm), 1e-12, 1e-10);
    }
}
