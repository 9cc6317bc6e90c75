package dojo.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.io.DType;
import dojo.optim.Adam;
import dojo.tensor.Autograd;
import dojo.tensor.Functional;
import dojo.tensor.GradCheck;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code shown in docs/tensors.md runs and does what the page says. */
class DocsExamplesTest {

    /** The page's custom-operation pattern: a softmax with a hand-written backward. */
    static Tensor mySoftmax(Tensor input) {
        Tensor out;
        try (Autograd.Scope s = Autograd.noGrad()) {
            out = input.detach().softmax(-1);
        }
        Tensor y = out;
        return Autograd.record("mySoftmax", out, gradOut -> new Tensor[] {
            y.mul(gradOut.sub(gradOut.mul(y).sum(-1, true)))
        }, input);
    }

    @Test
    void theQuickStartComputesAGradient() {
        Generator gen = new Generator(42);
        Tensor x = Tensor.randn(gen, 2, 5, 8);
        Tensor w = Tensor.randn(gen, 8, 8).requiresGrad(true);
        Tensor y = x.matmul(w.t()).relu().mean();
        y.backward();
        assertThat(w.grad().shape()).containsExactly(8, 8);
        assertThat(y.gradFn()).isEqualTo("mean");
    }

    @Test
    void aHandWrittenBackwardPassesGradCheck() {
        Generator gen = new Generator(1);
        GradCheck.check(t -> mySoftmax(t[0]), Tensor.randn(gen, 3, 5).requiresGrad(true)).assertPassed();
    }

    @Test
    void theTrainingLoopAndStateDictRoundTripWork(@TempDir Path dir) throws Exception {
        Generator gen = new Generator(2);
        Linear model = new Linear(4, 3, gen);
        Tensor x = Tensor.randn(gen, 8, 4);
        int[] targets = {0, 1, 2, 0, 1, 2, 0, 1};
        Adam opt = Adam.adamW(model.parameters(), 3e-2);
        double first = Double.NaN;
        for (int i = 0; i < 50; i++) {
            opt.zeroGrad();
            Tensor loss = Functional.crossEntropy(model.forward(x), targets);
            loss.backward();
            opt.step();
            if (i == 0) first = loss.item();
        }
        assertThat(Functional.crossEntropy(model.forward(x), targets).item()).isLessThan(first);
        GradCheck.check(() -> Functional.crossEntropy(model.forward(x), targets), model.namedParameters()).assertPassed();
        Path f = dir.resolve("model.safetensors");
        StateDicts.save(model, f, DType.F32);
        assertThat(StateDicts.load(new Linear(4, 3, gen), f, true).isExact()).isTrue();
        assertThat(Map.copyOf(model.stateDict()).keySet()).containsExactlyInAnyOrder("weight", "bias");
    }
}
