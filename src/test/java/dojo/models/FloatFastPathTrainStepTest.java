package dojo.models;

import dojo.exercise.api.TextClassifierConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.models.data.TextExample;
import dojo.tensor.FloatMatmul;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One training step's loss and gradients of the reference text classifier, with the float fast path
 * ({@link FloatMatmul}: large products on the float SGEMM, attention on the fused float kernels) against
 * the same step in double. Stated tolerance: loss within 1e-5 relative, each parameter's gradient within
 * {@code 1e-6 + 1e-3 * max|g|} of that parameter (float rounding of ~1e-7 relative per product, grown
 * through two layers, layer norms and a softmax).
 */
class FloatFastPathTrainStepTest {

    private static List<TextExample> batch() {
        List<TextExample> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int n = 32 - (i * 7) % 17;
            int[] t = new int[n];
            for (int j = 0; j < n; j++) t[j] = 1 + (131 * i + 31 * j) % 199;
            out.add(new TextExample(t, i % 2));
        }
        return out;
    }

    private record Step(double loss, Map<String, Tensor> grads) {
    }

    private static Step step(boolean fast) {
        var model = SolutionModels.textClassifier(new TextClassifierConfig(200, 64, 4, 256, 2, 32, 2), 5);
        model.train();
        Tensor loss;
        try (FloatMatmul f = fast ? FloatMatmul.enable() : null) {
            loss = new TextClassification(model).loss(batch());
            loss.backward();
        }
        Map<String, Tensor> grads = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> grads.put(name, p.grad()));
        return new Step(loss.item(), grads);
    }

    @Test
    void aTrainingStepOnTheFloatFastPathMatchesTheDoubleStepWithinFloatTolerance() {
        Step exact = step(false);
        Step fast = step(true);
        assertThat(fast.loss()).isCloseTo(exact.loss(), org.assertj.core.data.Offset.offset(1e-5 * Math.abs(exact.loss())));
        assertThat(fast.grads().keySet()).isEqualTo(exact.grads().keySet());
        double largestDiff = 0;
        for (var e : exact.grads().entrySet()) {
            Tensor g = e.getValue();
            double scale = g.abs().max().item();
            double diff = fast.grads().get(e.getKey()).maxAbsDiff(g);
            largestDiff = Math.max(largestDiff, diff);
            assertThat(diff).as(e.getKey()).isLessThanOrEqualTo(1e-6 + 1e-3 * scale);
        }
        assertThat(largestDiff).as("the fast path really ran in float").isGreaterThan(0);
    }

    @Test
    void outsideTheScopeTheStepIsBitForBitTheDoubleStep() {
        Step a = step(false);
        Step b = step(false);
        assertThat(b.loss()).isEqualTo(a.loss());
        a.grads().forEach((name, g) -> assertThat(b.grads().get(name).maxAbsDiff(g)).as(name).isZero());
    }
}
