package dojo.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.optim.Adam;
import dojo.optim.Optimizer;
import dojo.optim.Sgd;
import dojo.tensor.GoldenFile;
import dojo.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Four steps of each optimizer with fixed gradients land where torch.optim lands (golden/tensor/optim.safetensors). */
class OptimizersMatchTorchTest {

    private static final GoldenFile GOLDEN = GoldenFile.load("optim.safetensors");

    private static final Map<String, Function<List<Tensor>, Optimizer>> OPTIMIZERS = Map.of(
            "sgd", ps -> new Sgd(ps, 0.1),
            "sgd_momentum_wd", ps -> new Sgd(ps, 0.05, 0.9, 0.1, 0.01, false),
            "sgd_nesterov", ps -> new Sgd(ps, 0.05, 0.8, 0, 0.02, true),
            "adam", ps -> Adam.adam(ps, 0.01),
            "adam_wd", ps -> Adam.adam(ps, 0.02, 0.8, 0.99, 1e-6, 0.1),
            "adamw", ps -> Adam.adamW(ps, 0.01),
            "adamw_wd", ps -> Adam.adamW(ps, 0.03, 0.85, 0.95, 1e-7, 0.3));

    @ParameterizedTest(name = "{0} follows torch.optim step by step within 1e-12")
    @ValueSource(strings = {"sgd", "sgd_momentum_wd", "sgd_nesterov", "adam", "adam_wd", "adamw", "adamw_wd"})
    void optimizerFollowsTorchStepByStep(String name) {
        assertThat(GOLDEN.cases()).contains(name);
        Tensor p = GOLDEN.get("init", "param").requiresGrad(true);
        Optimizer opt = OPTIMIZERS.get(name).apply(List.of(p));
        for (int i = 0; i < 4; i++) {
            Tensor grad = GOLDEN.get("init", "grad" + i);
            double[] before = grad.toArray();
            p.setGrad(grad);
            opt.step();
            assertThat(p.maxAbsDiff(GOLDEN.get(name, "step" + i))).as(name + " after step " + (i + 1)).isLessThanOrEqualTo(1e-12);
            // the optimizer reads the gradient's storage without copying it (Tensor.values()): it must not write to it
            assertThat(grad.toArray()).as(name + ": the gradient after step " + (i + 1)).isEqualTo(before);
        }
    }
}
