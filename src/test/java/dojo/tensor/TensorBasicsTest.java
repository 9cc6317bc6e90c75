package dojo.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorBasicsTest {

    @Test
    void broadcastingAlignsShapesOnTheRight() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.vector(10, 20, 30);
        assertThat(a.add(b).toArray()).containsExactly(11, 22, 33, 14, 25, 36);
        Tensor c = Tensor.of(new double[] {100, 200}, 2, 1);
        assertThat(a.add(c).toArray()).containsExactly(101, 102, 103, 204, 205, 206);
        assertThat(Tensor.zeros(4, 1, 3).add(Tensor.zeros(2, 1)).shape()).containsExactly(4, 2, 3);
    }

    @Test
    void incompatibleShapesNameBothShapes() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("add: shapes [2, 3] and [4] cannot be broadcast together: dim -1 is 3 vs 4 (sizes must be equal or one of them 1)");
    }

    @Test
    void transposeIsAViewThatSharesStorage() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor t = a.t();
        assertThat(t.shape()).containsExactly(3, 2);
        assertThat(t.isContiguous()).isFalse();
        assertThat(t.toArray()).containsExactly(1, 4, 2, 5, 3, 6);
        a.array()[1] = 20;
        assertThat(t.get(1, 0)).isEqualTo(20);
    }

    @Test
    void narrowSelectsAWindowAlongOneDim() {
        Tensor a = Tensor.arange(12).reshape(3, 4);
        assertThat(a.narrow(1, 1, 2).toArray()).containsExactly(1, 2, 5, 6, 9, 10);
        assertThat(a.slice(0, -2, 3).toArray()).containsExactly(4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(a.select(1, -1).toArray()).containsExactly(3, 7, 11);
    }

    @Test
    void reshapeOfANonContiguousViewCopies() {
        Tensor a = Tensor.arange(6).reshape(2, 3).t();
        assertThat(a.reshape(-1).toArray()).containsExactly(0, 3, 1, 4, 2, 5);
    }

    @Test
    void batchedMatmulBroadcastsBatchDims() {
        Tensor a = Tensor.arange(12).reshape(2, 1, 2, 3);
        Tensor b = Tensor.arange(18).reshape(3, 3, 2);
        Tensor c = a.matmul(b);
        assertThat(c.shape()).containsExactly(2, 3, 2, 2);
        // c[1, 2] = a[1, 0] @ b[2]
        Tensor expected = Tensor.of(new double[] {6, 7, 8, 9, 10, 11}, 2, 3)
                .matmul(Tensor.of(new double[] {12, 13, 14, 15, 16, 17}, 3, 2));
        assertThat(c.select(0, 1).select(0, 2).toArray()).containsExactly(expected.toArray());
    }

    @Test
    void matmulShapeErrorNamesBothShapes() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)))
                .hasMessage("matmul: shapes [2, 3] and [4, 5] cannot be multiplied (2x3 and 4x5)");
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor w = Tensor.vector(1, 2).requiresGrad(true);
        w.mul(3).sum().backward();
        w.mul(3).sum().backward();
        assertThat(w.grad().toArray()).containsExactly(6, 6);
        w.zeroGrad();
        assertThat(w.grad()).isNull();
    }

    @Test
    void aTensorUsedTwiceGetsTheSumOfBothGradients() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        x.mul(x).add(x).backward();
        assertThat(x.grad().item()).isEqualTo(7.0);
    }

    @Test
    void noGradScopeRecordsNothingAndRestoresTheMode() {
        Tensor w = Tensor.vector(1, 2).requiresGrad(true);
        Tensor y;
        try (Autograd.Scope s = Autograd.noGrad()) {
            y = w.mul(2);
            assertThat(Autograd.isGradEnabled()).isFalse();
        }
        assertThat(Autograd.isGradEnabled()).isTrue();
        assertThat(y.requiresGrad()).isFalse();
        assertThatThrownBy(() -> y.sum().backward()).hasMessageContaining("does not require grad");
    }

    @Test
    void backwardOnANonScalarAsksForAGradient() {
        Tensor w = Tensor.vector(1, 2).requiresGrad(true);
        assertThatThrownBy(() -> w.mul(2).backward()).hasMessageContaining("needs a scalar").hasMessageContaining("[2]");
    }

    @Test
    void softmaxOfAFullyMaskedRowIsZeroNotNaN() {
        Tensor x = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 1}, 2, 2).requiresGrad(true);
        Tensor y = x.softmax(-1);
        assertThat(y.toArray()[0]).isZero();
        assertThat(y.toArray()[1]).isZero();
        assertThat(y.toArray()[2] + y.toArray()[3]).isCloseTo(1, within(1e-15));
        y.mul(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2)).sum().backward();
        assertThat(x.grad().toArray()).doesNotContain(Double.NaN);
    }

    @Test
    void softmaxIsStableForLargeInputs() {
        Tensor y = Tensor.vector(1000, 1001).softmax(0);
        assertThat(y.get(1)).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-15));
    }

    @Test
    void catAndStackJoinAlongADim() {
        Tensor a = Tensor.of(new double[] {1, 2}, 1, 2);
        Tensor b = Tensor.of(new double[] {3, 4, 5, 6}, 2, 2);
        assertThat(Tensor.cat(List.of(a, b), 0).toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(Tensor.stack(List.of(a, a), 1).shape()).containsExactly(1, 2, 2);
        assertThatThrownBy(() -> Tensor.cat(List.of(a, b.t().reshape(4, 1)), 0)).hasMessageContaining("dim 1 differs");
    }

    @Test
    void geluMatchesTheGaussianCdfDefinition() {
        // x * Phi(x) at x = 1: Phi(1) = 0.8413447460685429 (erf from Python's math module)
        assertThat(Tensor.scalar(1).gelu().item()).isCloseTo(0.8413447460685429, within(1e-15));
        assertThat(Tensor.scalar(-3).gelu().item()).isCloseTo(-3 * 0.0013498980316300957, within(1e-17));
    }

    @Test
    void aCustomBackwardReturningTheWrongShapeIsNamedByItsOperation() {
        Tensor x = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor y = Autograd.record("myOp", Tensor.zeros(2, 3), g -> new Tensor[] {g.sum(0, false)}, x);
        assertThatThrownBy(() -> y.sum().backward())
                .hasMessage("myOp: backward returned a gradient of shape [3] for input 0 of shape [2, 3]");
    }

    @Test
    void noGradScopesNestAndRestoreTheOuterMode() {
        try (Autograd.Scope outer = Autograd.noGrad()) {
            try (Autograd.Scope inner = Autograd.enableGrad()) {
                assertThat(Autograd.isGradEnabled()).isTrue();
            }
            assertThat(Autograd.isGradEnabled()).isFalse();
        }
        assertThat(Autograd.isGradEnabled()).isTrue();
    }

    @Test
    void expandingAndSummingBackRoutesGradientsThroughViews() {
        Tensor b = Tensor.vector(1, 2, 3).requiresGrad(true);
        b.expand(4, 3).mul(Tensor.arange(12).reshape(4, 3)).sum().backward();
        assertThat(b.grad().toArray()).containsExactly(18, 22, 26);
    }

    @Test
    void onlyALeafCanChangeRequiresGrad() {
        Tensor x = Tensor.vector(1).requiresGrad(true);
        assertThatThrownBy(() -> x.mul(2).requiresGrad(false)).hasMessageContaining("only a leaf").hasMessageContaining("mul");
    }

    @Test
    void arrayRefusesAViewSoInPlaceWritesCannotMissElements() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).t().array()).hasMessageContaining("is a view").hasMessageContaining("[3, 2]");
    }

    @Test
    void reshapeNamesTheShapesWhenTheSizesDisagree() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(4, -1))
                .hasMessage("reshape: shape [4, -1] is invalid for a tensor of shape [2, 3] (6 elements)");
    }
}
