package dojo.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.kernels.AttentionMask;
import dojo.kernels.Backend;
import dojo.kernels.Parallelism;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A layer trained with the tensor library runs on the float SIMD kernels with the same weights and masks. */
class KernelInteropTest {

    @Test
    void theFloatKernelsReproduceTheTensorLayerWithinFloatRounding() {
        MultiheadAttention mha = new MultiheadAttention(16, 4, new Generator(3));
        double[] b = mha.inProjBias().array();
        Generator g = new Generator(4);
        for (int i = 0; i < b.length; i++) b[i] = 0.1 * g.nextGaussian();
        Tensor x = Tensor.randn(new Generator(5), 2, 7, 16);
        boolean[][] pad = {new boolean[7], {false, false, false, false, false, true, true}};
        Tensor expected = mha.forward(x, AttentionMasks.none().withCausal(true).withKeyPadding(Tensor.mask(pad)));
        float[] got;
        try (Parallelism threads = Parallelism.serial()) {
            dojo.kernels.MultiHeadAttention kernel = new dojo.kernels.MultiHeadAttention(mha.toKernelWeights(), Backend.best(), threads);
            got = kernel.forward(2, 7, x.toFloatArray(), AttentionMask.causalMask().withKeyPadding(pad));
        }
        assertThat(Tensor.ofFloats(got, 2, 7, 16).maxAbsDiff(expected)).isLessThan(1e-5);
    }
}
