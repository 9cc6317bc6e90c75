package dojo.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dojo.tensor.Autograd;
import dojo.tensor.Functional;
import dojo.tensor.GradCheck;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModuleBehaviourTest {

    private static TransformerEncoderLayer layer(boolean normFirst, Activation act, int e, int h, int ff, long seed) {
        return new TransformerEncoderLayer(TransformerEncoderLayer.Options.of(e, h).dimFeedforward(ff).dropout(0)
                .activation(act).normFirst(normFirst), new Generator(seed));
    }

    private static final Tensor PADDING = Tensor.mask(new boolean[][] {{false, false, false, false}, {false, false, true, true}});

    @ParameterizedTest(name = "norm_first = {0}: every parameter and the input pass GradCheck with padding + causal masks")
    @ValueSource(booleans = {false, true})
    void encoderLayerPassesGradCheck(boolean normFirst) {
        TransformerEncoderLayer l = layer(normFirst, Activation.GELU, 4, 2, 6, 11);
        // non-zero biases everywhere, so that each bias gradient is non-trivial
        for (Tensor p : l.parameters()) {
            double[] d = p.array();
            Generator g = new Generator(d.length);
            for (int i = 0; i < d.length; i++) d[i] += 0.3 * g.nextGaussian();
        }
        Tensor x = Tensor.randn(new Generator(5), 2, 4, 4).requiresGrad(true);
        Tensor up = Tensor.randn(new Generator(6), 2, 4, 4);
        AttentionMasks m = AttentionMasks.none().withKeyPadding(PADDING).withCausal(true);
        Map<String, Tensor> checked = new LinkedHashMap<>(l.namedParameters());
        checked.put("src", x);
        GradCheck.check(() -> l.forward(x, m).mul(up).sum(), checked).assertPassed();
    }

    @Test
    void underACausalMaskAFutureTokenNeverChangesAnEarlierOutput() {
        TransformerEncoderLayer l = layer(true, Activation.RELU, 8, 2, 16, 3);
        Tensor x = Tensor.randn(new Generator(1), 1, 6, 8);
        double[] changed = x.toArray();
        for (int j = 0; j < 8; j++) changed[5 * 8 + j] += 3;
        AttentionMasks causal = AttentionMasks.none().withCausal(true);
        Tensor a = l.forward(x, causal);
        Tensor b = l.forward(Tensor.of(changed, 1, 6, 8), causal);
        assertThat(a.narrow(1, 0, 5).maxAbsDiff(b.narrow(1, 0, 5))).isZero();
        assertThat(a.narrow(1, 5, 1).maxAbsDiff(b.narrow(1, 5, 1))).isGreaterThan(1e-3);
    }

    @Test
    void paddingNeverChangesRealPositions() {
        TransformerEncoderLayer l = layer(false, Activation.GELU, 8, 2, 16, 4);
        Tensor x = Tensor.randn(new Generator(2), 2, 4, 8);
        double[] changed = x.toArray();
        for (int j = 0; j < 8; j++) changed[(4 + 3) * 8 + j] = 100 + j;   // batch 1, padded position 3
        AttentionMasks m = AttentionMasks.none().withKeyPadding(PADDING);
        Tensor a = l.forward(x, m);
        Tensor b = l.forward(Tensor.of(changed, 2, 4, 8), m);
        assertThat(a.select(0, 1).narrow(0, 0, 2).maxAbsDiff(b.select(0, 1).narrow(0, 0, 2))).isZero();
        assertThat(a.select(0, 0).maxAbsDiff(b.select(0, 0))).isZero();
    }

    @Test
    void withoutPositionsTheLayerIsPermutationEquivariant() {
        TransformerEncoderLayer l = layer(true, Activation.GELU, 8, 4, 16, 5);
        Tensor x = Tensor.randn(new Generator(3), 1, 5, 8);
        int[] perm = {3, 0, 4, 1, 2};
        Tensor permuted = x.indexSelect(1, perm);
        assertThat(l.forward(permuted).maxAbsDiff(l.forward(x).indexSelect(1, perm))).isLessThan(1e-13);
    }

    @Test
    void aFullyMaskedQueryGetsZeroAttentionSoItsOutputIsTheOutputBias() {
        MultiheadAttention mha = new MultiheadAttention(6, 2, new Generator(8));
        double[] bias = mha.outProj().bias().array();
        for (int i = 0; i < bias.length; i++) bias[i] = i + 1;
        Tensor x = Tensor.randn(new Generator(9), 1, 3, 6).requiresGrad(true);
        Tensor blocked = Tensor.mask(new boolean[][] {{false, true, true}, {true, true, true}, {false, false, false}});
        MultiheadAttention.Output o = mha.forward(x, x, x, AttentionMasks.none().withBlocked(blocked), true, false);
        assertThat(o.output().select(0, 0).select(0, 1).toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(o.weights().select(0, 0).select(1, 1).toArray()).containsOnly(0.0);
        o.output().sum().backward();
        assertThat(x.grad().toArray()).doesNotContain(Double.NaN);
        assertThat(mha.inProjWeight().grad().toArray()).doesNotContain(Double.NaN);
    }

    @Test
    void attentionMaskShapeErrorsNameTheExpectedShapes() {
        MultiheadAttention mha = new MultiheadAttention(4, 2, new Generator(8));
        Tensor x = Tensor.zeros(2, 3, 4);
        assertThatThrownBy(() -> mha.forward(x, AttentionMasks.none().withKeyPadding(Tensor.zeros(3, 2))))
                .hasMessage("attention: key_padding_mask of shape [3, 2] must be [B, S] = [2, 3]");
        assertThatThrownBy(() -> mha.forward(x, AttentionMasks.none().withBlocked(Tensor.zeros(2, 3))))
                .hasMessage("attention: attn_mask of shape [2, 3] must be [L, S] = [3, 3] or [B*H, L, S] = [4, 3, 3]");
    }

    @Test
    void sequenceFirstInputGivesTheBatchFirstResultTransposed() {
        Generator g = new Generator(12);
        MultiheadAttention bf = new MultiheadAttention(4, 2, 0, true, true, g);
        MultiheadAttention sf = new MultiheadAttention(4, 2, 0, true, false, new Generator(13));
        sf.loadStateDict(bf.stateDict(), true);
        Tensor x = Tensor.randn(new Generator(14), 2, 3, 4);
        assertThat(sf.forward(x.transpose(0, 1)).transpose(0, 1).maxAbsDiff(bf.forward(x))).isZero();
    }

    @Test
    void dropoutIsSeededScaledAndOffInEvalMode() {
        Tensor x = Tensor.ones(1000);
        Tensor a = new Dropout(0.25, new Generator(1)).forward(x);
        Tensor b = new Dropout(0.25, new Generator(1)).forward(x);
        assertThat(a.toArray()).containsExactly(b.toArray());
        assertThat(a.toArray()).containsOnly(0.0, 1 / 0.75);
        long zeros = java.util.Arrays.stream(a.toArray()).filter(v -> v == 0).count();
        assertThat(zeros).isBetween(200L, 300L);
        Dropout d = new Dropout(0.25, new Generator(1));
        d.eval();
        assertThat(d.forward(x)).isSameAs(x);
        assertThat(new Dropout(1, new Generator(1)).forward(x).toArray()).containsOnly(0.0);
    }

    @Test
    void theEmbeddingPaddingRowStartsAtZeroAndGetsNoGradient() {
        Embedding e = new Embedding(5, 3, 0, new Generator(1));
        assertThat(e.weight().select(0, 0).toArray()).containsOnly(0.0);
        e.forward(new int[] {0, 2, 0, 4}, 2, 2).sum().backward();
        assertThat(e.weight().grad().select(0, 0).toArray()).containsOnly(0.0);
        assertThat(e.weight().grad().select(0, 2).toArray()).containsOnly(1.0);
        // a repeated id accumulates; the padding row stays out even when it is looked up most
        e.weight().zeroGrad();
        e.forward(new int[] {0, 4, 0, 4, 0, 1}, 6).mul(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 6, 1)).sum().backward();
        assertThat(e.weight().grad().select(0, 0).toArray()).containsOnly(0.0);
        assertThat(e.weight().grad().select(0, 4).toArray()).containsOnly(6.0);
        assertThat(e.weight().grad().select(0, 1).toArray()).containsOnly(6.0);
        assertThat(e.weight().grad().select(0, 2).toArray()).containsOnly(0.0);
        assertThatThrownBy(() -> Functional.embedding(e.weight(), new int[] {1}, new int[] {1}, 5))
                .hasMessage("embedding: padding index 5 is not in -1..4");
    }

    @Test
    void linearInitialisationStaysWithinPyTorchsBounds() {
        Linear l = new Linear(64, 200, new Generator(3));
        double bound = 1 / Math.sqrt(64);
        assertThat(l.weight().abs().max().item()).isLessThanOrEqualTo(bound);
        double var = l.weight().pow(2).mean().item();
        assertThat(var).isCloseTo(bound * bound / 3, within(bound * bound / 3 * 0.05));
        assertThat(l.bias().abs().max().item()).isLessThanOrEqualTo(bound);
        MultiheadAttention mha = new MultiheadAttention(16, 2, new Generator(4));
        double xavier = Math.sqrt(6.0 / (16 + 48));
        assertThat(mha.inProjWeight().abs().max().item()).isLessThanOrEqualTo(xavier).isGreaterThan(xavier * 0.95);
        assertThat(mha.inProjBias().toArray()).containsOnly(0.0);
        assertThat(mha.outProj().bias().toArray()).containsOnly(0.0);
    }

    @Test
    void crossEntropyOverOnlyIgnoredTargetsIsNaNAsInPyTorch() {
        Tensor logits = Tensor.randn(new Generator(1), 2, 3);
        assertThat(Functional.crossEntropy(logits, new int[] {-100, -100}).item()).isNaN();
        assertThatThrownBy(() -> Functional.crossEntropy(logits, new int[] {0, 3}))
                .hasMessageContaining("target 3 at position 1 is not a class in 0..2");
    }

    @Test
    void aWrongHandWrittenBackwardIsReportedWithItsWorstElement() {
        Tensor x = Tensor.vector(0.5, -1, 2).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(t -> {
            Tensor in = t[0];
            Tensor out;
            try (Autograd.Scope s = Autograd.noGrad()) {
                out = in.detach().mul(in.detach());
            }
            return Autograd.record("square (wrong)", out, g -> new Tensor[] {g.mul(in.detach())}, in);  // forgot the 2
        }, x);
        assertThat(r.passed()).isFalse();
        assertThat(r.message()).startsWith("gradient of 'input 0' [3] is wrong: worst element [2] numeric ")
                .contains("vs analytic").contains("3 element(s) outside");
    }

    @Test
    void aSmallEncoderOverfitsTwentyExamples() {
        Generator g = new Generator(21);
        TransformerEncoderLayer enc = layer(true, Activation.GELU, 16, 2, 32, 21);
        Linear head = new Linear(16, 3, g);
        Tensor x = Tensor.randn(g, 20, 5, 16);
        int[] y = new int[20];
        for (int i = 0; i < 20; i++) y[i] = g.nextInt(3);
        java.util.List<Tensor> params = new java.util.ArrayList<>(enc.parameters());
        params.addAll(head.parameters());
        dojo.optim.Adam opt = dojo.optim.Adam.adamW(params, 3e-3);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 150; step++) {
            opt.zeroGrad();
            Tensor loss = Functional.crossEntropy(head.forward(enc.forward(x).mean(1, false)), y);
            loss.backward();
            opt.step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertThat(last).isLessThan(0.05).isLessThan(first / 10);
    }
}
