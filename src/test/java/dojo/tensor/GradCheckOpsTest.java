package dojo.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every differentiable operation's backward agrees with central differences (GradCheck's criterion). */
class GradCheckOpsTest {

    private static Tensor leaf(long seed, int... shape) {
        return Tensor.randn(new Generator(seed), shape).requiresGrad(true);
    }

    private static Tensor positive(long seed, int... shape) {
        return Tensor.uniform(new Generator(seed), 0.5, 2.0, shape).requiresGrad(true);
    }

    private static Arguments op(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return Arguments.of(name, f, inputs);
    }

    static Stream<Arguments> ops() {
        Tensor mask = Tensor.mask(new boolean[] {true, false, false, true, false, true}, 2, 3);
        return Stream.of(
                op("add with broadcasting", t -> t[0].add(t[1]), leaf(1, 2, 3), leaf(2, 3)),
                op("sub with broadcasting", t -> t[0].sub(t[1]), leaf(3, 2, 1, 3), leaf(4, 4, 1)),
                op("mul with broadcasting", t -> t[0].mul(t[1]), leaf(5, 2, 3), leaf(6, 2, 1)),
                op("div with broadcasting", t -> t[0].div(t[1]), leaf(7, 2, 3), positive(8, 3)),
                op("scalar arithmetic", t -> t[0].mul(3).add(1).sub(0.5).div(2).neg(), leaf(9, 4)),
                op("exp", t -> t[0].exp(), leaf(10, 2, 3)),
                op("log", t -> t[0].log(), positive(11, 2, 3)),
                op("tanh", t -> t[0].tanh(), leaf(12, 2, 3)),
                op("sigmoid", t -> t[0].sigmoid(), leaf(13, 2, 3)),
                op("sqrt", t -> t[0].sqrt(), positive(14, 5)),
                op("pow 3", t -> t[0].pow(3), leaf(15, 5)),
                op("pow -0.5", t -> t[0].pow(-0.5), positive(16, 5)),
                op("relu", t -> t[0].relu(), leaf(17, 3, 4)),
                op("gelu exact", t -> t[0].gelu(), leaf(18, 3, 4)),
                op("gelu tanh", t -> t[0].gelu("tanh"), leaf(19, 3, 4)),
                op("sum over all", t -> t[0].sum(), leaf(20, 2, 3)),
                op("sum over dims keepdim", t -> t[0].sum(new int[] {0, 2}, true), leaf(21, 2, 3, 4)),
                op("mean over a dim", t -> t[0].mean(1, false), leaf(22, 2, 3, 4)),
                op("max over a dim", t -> t[0].max(-1, false), leaf(23, 3, 5)),
                op("max of all", t -> t[0].max(), leaf(24, 3, 5)),
                op("softmax last dim", t -> t[0].softmax(-1), leaf(25, 2, 3, 4)),
                op("softmax middle dim", t -> t[0].softmax(1), leaf(26, 2, 3, 4)),
                op("logSoftmax", t -> t[0].logSoftmax(-1), leaf(27, 3, 4)),
                op("matmul 2-D", t -> t[0].matmul(t[1]), leaf(28, 3, 4), leaf(29, 4, 2)),
                op("matmul batched with broadcast batch", t -> t[0].matmul(t[1]), leaf(30, 2, 1, 3, 4), leaf(31, 3, 4, 5)),
                op("matmul vector-matrix", t -> t[0].matmul(t[1]), leaf(32, 4), leaf(33, 4, 3)),
                op("matmul of a transposed view", t -> t[0].transpose(0, 1).matmul(t[1]), leaf(34, 4, 3), leaf(35, 4, 2)),
                op("maskedFill", t -> t[0].maskedFill(mask, -7), leaf(36, 2, 3)),
                op("where", t -> Tensor.where(mask, t[0], t[1]), leaf(37, 2, 3), leaf(38, 3)),
                op("cat", t -> Tensor.cat(List.of(t[0], t[1]), 1), leaf(39, 2, 3), leaf(40, 2, 2)),
                op("stack", t -> Tensor.stack(List.of(t[0], t[1]), 0), leaf(41, 2, 3), leaf(42, 2, 3)),
                op("indexSelect with repeats", t -> t[0].indexSelect(0, new int[] {2, 0, 2}), leaf(43, 4, 3)),
                op("reshape, permute, narrow", t -> t[0].reshape(2, 3, 2).permute(2, 0, 1).narrow(2, 1, 2).mul(t[0].sum()), leaf(44, 3, 4)),
                op("expand", t -> t[0].expand(3, 2, 4).exp(), leaf(45, 2, 1)),
                op("select and unsqueeze", t -> t[0].select(1, 2).unsqueeze(0).tanh(), leaf(46, 2, 4)),
                op("linear", t -> Functional.linear(t[0], t[1], t[2]), leaf(47, 2, 3, 4), leaf(48, 5, 4), leaf(49, 5)),
                op("layerNorm", t -> Functional.layerNorm(t[0], 1, t[1], t[2], 1e-5), leaf(50, 3, 6), leaf(51, 6), leaf(52, 6)),
                op("layerNorm over two dims", t -> Functional.layerNorm(t[0], 2, t[1], null, 1e-5), leaf(53, 2, 3, 4), leaf(54, 3, 4)),
                op("scaled dot-product attention with a causal mask", t -> Functional.scaledDotProductAttention(t[0], t[1], t[2],
                        Tensor.zeros(3, 4).maskedFill(Tensor.causalMask(3, 4), Double.NEGATIVE_INFINITY)).output(),
                        leaf(56, 2, 3, 5), leaf(57, 2, 4, 5), leaf(58, 2, 4, 6)),
                op("cross-entropy with ignore index and label smoothing", t -> Functional.crossEntropy(t[0], new int[] {1, -100, 3, 0},
                        new Functional.CrossEntropyOptions(-100, 0.2)), leaf(59, 4, 5)),
                op("conv2d", t -> Functional.conv2d(t[0], t[1], t[2], new int[] {1, 2}, new int[] {1, 1}, new int[] {2, 1}),
                        leaf(60, 2, 2, 5, 6), leaf(61, 3, 2, 2, 3), leaf(62, 3)),
                op("unfold", t -> Functional.unfold(t[0], 2, 3, 1, 2, 1, 1, 1, 1), leaf(55, 2, 2, 4, 5)));
    }

    @ParameterizedTest(name = "{0}: backward matches central differences")
    @MethodSource("ops")
    void backwardMatchesCentralDifferences(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertThat(r.passed()).as(r.message()).isTrue();
    }
}
