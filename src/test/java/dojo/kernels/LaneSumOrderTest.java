package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Vector backend's reductions end with a sum over the lanes of an accumulator in one fixed order (lanes
 * L/2 apart first, then L/4, ..., then 1), so a result does not depend on what the JIT has compiled. These
 * tests pin that order: {@code sum} over exactly L floats must give the bits of the same tree written in
 * plain Java, for values whose sum depends on the order.
 */
class LaneSumOrderTest {

    private static KernelOps vectorOps() {
        assumeTrue(Backend.vectorAvailable(), "needs --add-modules jdk.incubator.vector");
        return Backend.VECTOR.ops();
    }

    /** The pairwise tree of VectorOps.addLanes, in scalar code: lane i += lane i ^ h for h = L/2 .. 1. */
    static float treeSum(float[] lanes) {
        float[] v = lanes.clone();
        for (int h = v.length / 2; h >= 1; h /= 2) {
            float[] w = new float[v.length];
            for (int i = 0; i < v.length; i++) w[i] = v[i] + v[i ^ h];
            v = w;
        }
        return v[0];
    }

    static float sequentialSum(float[] lanes) {
        float s = 0;
        for (float x : lanes) s += x;
        return s;
    }

    @Test
    @DisplayName("sum over one vector of floats adds the lanes in the fixed pairwise order, bit for bit")
    void sumUsesThePairwiseTree() {
        KernelOps ops = vectorOps();
        int lanes = ops.lanes();
        SplittableRandom random = new SplittableRandom(14);
        int orderMatters = 0;
        for (int trial = 0; trial < 2000; trial++) {
            float[] x = new float[lanes];
            // magnitudes from 2^-10 to 2^20 and both signs: rounding depends on the order of the adds
            for (int i = 0; i < lanes; i++) {
                x[i] = (float) ((random.nextBoolean() ? 1 : -1) * Math.scalb(1 + random.nextDouble(), random.nextInt(-10, 21)));
            }
            float expected = treeSum(x);
            assertThat(Float.floatToIntBits(ops.sum(x, 0, lanes)))
                    .as("trial %d: %s", trial, java.util.Arrays.toString(x))
                    .isEqualTo(Float.floatToIntBits(expected));
            if (Float.floatToIntBits(expected) != Float.floatToIntBits(sequentialSum(x))) orderMatters++;
        }
        // the inputs must be able to tell the tree from a lane-0-first sum, or the test pins nothing
        assertThat(orderMatters).isGreaterThan(500);
    }

    @Test
    @DisplayName("the same bits on every call, from the first (interpreted) to the compiled ones")
    void sameBitsInEveryTier() {
        KernelOps ops = vectorOps();
        float[] x = new float[ops.lanes() * 8 + 3];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextDouble() * 2 - 1) * 1000f;
        int first = Float.floatToIntBits(ops.sum(x, 0, x.length));
        for (int call = 0; call < 50_000; call++) {
            int bits = Float.floatToIntBits(ops.sum(x, 0, x.length));
            if (bits != first) {
                throw new AssertionError("call " + call + " gave " + Float.intBitsToFloat(bits) + ", the first gave "
                        + Float.intBitsToFloat(first));
            }
        }
    }
}
