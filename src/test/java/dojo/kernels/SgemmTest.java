package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tolerance: |C - C_ref| <= 1e-6 + 4 * k * 2^-24 * sum_p |A_ip B_pj| (float rounding of a k-term sum,
 * each step within half an ulp of the running magnitude), against a double-precision reference.
 */
class SgemmTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(1, 1, 1), Arguments.of(15, 17, 33), Arguments.of(17, 15, 33), Arguments.of(33, 257, 17),
                Arguments.of(257, 33, 15), Arguments.of(7, 3, 1100),  // k > KC: several accumulated panels
                Arguments.of(2, 4200, 3),                              // n > NC: several column panels
                Arguments.of(61, 1, 29), Arguments.of(1, 61, 29));
    }

    static Stream<Backend> backends() {
        return Backend.vectorAvailable() ? Stream.of(Backend.VECTOR, Backend.SCALAR) : Stream.of(Backend.SCALAR);
    }

    static Stream<Arguments> shapesAndBackends() {
        return backends().flatMap(be -> shapes().map(a -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], be)));
    }

    @ParameterizedTest(name = "{3}: [{0} x {2}] . [{2} x {1}]")
    @MethodSource("shapesAndBackends")
    @DisplayName("A.B equals the double-precision product on odd shapes")
    void multiplyMatchesReference(int m, int n, int k, Backend backend) {
        float[] a = Reference.uniform(1, m * k), b = Reference.uniform(2, k * n), c = new float[m * n];
        try (Parallelism p = Parallelism.threads(2)) {
            new Sgemm(backend, p).multiply(m, n, k, a, b, c);
        }
        assertWithin(c, Reference.matmul(m, n, k, a, b, false), k);
    }

    @ParameterizedTest(name = "{3}: [{0} x {2}] . [{1} x {2}]^T")
    @MethodSource("shapesAndBackends")
    @DisplayName("A.B^T equals the double-precision product on odd shapes")
    void multiplyTransposedMatchesReference(int m, int n, int k, Backend backend) {
        float[] a = Reference.uniform(3, m * k), b = Reference.uniform(4, n * k), c = new float[m * n];
        try (Parallelism p = Parallelism.threads(2)) {
            new Sgemm(backend, p).multiplyTransposed(m, n, k, a, b, c);
        }
        assertWithin(c, Reference.matmul(m, n, k, a, b, true), k);
    }

    private static void assertWithin(float[] c, double[][] ref, int k) {
        double eps = 4.0 * k * Math.ulp(1f) / 2;
        for (int i = 0; i < c.length; i++) {
            double tol = 1e-6 + eps * ref[1][i];
            assertThat(Math.abs(c[i] - ref[0][i])).as("C[%d] = %s, reference %s, tolerance %s", i, c[i], ref[0][i], tol)
                    .isLessThanOrEqualTo(tol);
        }
    }

    @Test
    @DisplayName("1 thread and 3 threads give bitwise equal products, and so do other block sizes")
    void resultsAreIndependentOfThreadsAndBlocking() {
        int m = 203, n = 181, k = 1037;
        float[] a = Reference.uniform(5, m * k), b = Reference.uniform(6, k * n);
        float[] one = new float[m * n], three = new float[m * n], blocked = new float[m * n];
        Backend be = Backend.best();
        try (Parallelism p1 = Parallelism.serial(); Parallelism p3 = Parallelism.threads(3)) {
            new Sgemm(be, p1).multiply(m, n, k, a, b, one);
            new Sgemm(be, p3).multiply(m, n, k, a, b, three);
            new Sgemm(be, p3, 100, 18, 64).multiply(m, n, k, a, b, blocked);
        }
        assertThat(three).isEqualTo(one);
        assertThat(blocked).isEqualTo(one);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @DisplayName("a row-major A read in place gives the bits of A packed, A.B and A.B^T, short last slivers; rows 256 apart too (a kernel of their own)")
    void rowMajorAInPlaceEqualsPacked(Backend be) {
        rowMajorAInPlaceEqualsPacked(be, 300);   // 12-row slivers: 4 full + 5 rows; k blocks 128, 128, 44
        // rows a kernel of its own reads (VectorOps.wide12RowA256): the constant, so a kernel and a constant
        // that drift apart fail here
        rowMajorAInPlaceEqualsPacked(be, VectorOps.ROW_A_FIXED_LDA);
    }

    private static void rowMajorAInPlaceEqualsPacked(Backend be, int k) {
        int m = 53, n = 70;
        float[] a = Reference.uniform(21, m * k), b = Reference.uniform(22, k * n), bt = Reference.uniform(23, n * k);
        float[] inPlace = new float[m * n], packed = new float[m * n], inPlaceT = new float[m * n], packedT = new float[m * n];
        try (Parallelism p = Parallelism.threads(2)) {
            new Sgemm(be, p, 128, 24, 64, Integer.MAX_VALUE).multiply(m, n, k, a, b, inPlace);
            new Sgemm(be, p, 128, 24, 64, 0).multiply(m, n, k, a, b, packed);
            new Sgemm(be, p, 128, 24, 64, Integer.MAX_VALUE).multiplyTransposed(m, n, k, a, bt, inPlaceT);
            new Sgemm(be, p, 128, 24, 64, 0).multiplyTransposed(m, n, k, a, bt, packedT);
        }
        assertWithin(inPlace, Reference.matmul(m, n, k, a, b, false), k);
        assertThat(inPlace).isEqualTo(packed);
        assertWithin(inPlaceT, Reference.matmul(m, n, k, a, bt, true), k);
        assertThat(inPlaceT).isEqualTo(packedT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @DisplayName("a weight gradient with a long k is split into k parts (the last one short): within the product's tolerance, the same bits on 1 and 3 threads")
    void splitWeightGradient(Backend be) {
        int m = 37, n = 45, k = 2 * Sgemm.K_SPLIT + 76;
        float[] at = Reference.uniform(41, k * m), b = Reference.uniform(42, k * n), a = new float[m * k];
        for (int p = 0; p < k; p++) for (int i = 0; i < m; i++) a[i * k + p] = at[p * m + i];
        float[] one = new float[m * n], three = new float[m * n];
        java.util.Arrays.fill(one, Float.NaN);                // C is overwritten, whatever it held
        try (Parallelism p1 = Parallelism.serial(); Parallelism p3 = Parallelism.threads(3)) {
            new Sgemm(be, p1).multiplyTransposedA(m, n, k, at, b, one);
            Sgemm shared = new Sgemm(be, p3);
            shared.multiplyTransposedA(m, n, k, at, b, three);
            shared.multiplyTransposedA(m, n, k, at, b, three);   // buffers kept from the first call
        }
        assertWithin(one, Reference.matmul(m, n, k, a, b, false), k);
        assertThat(three).isEqualTo(one);
    }

    @Test
    @DisplayName("few rows, many columns (a weight gradient's shape): row blocks cut into column parts give the serial bits")
    void columnPartsDoNotChangeResults() {
        int m = 20, n = 700, k = 300;
        assertThat(Sgemm.columnParts(3, Shapes.ceilDiv(n, Backend.best().ops().nr()), 3)).isGreaterThan(1);
        assertThat(Sgemm.columnParts(40, 22, 2)).isEqualTo(1);
        assertThat(Sgemm.columnParts(1, 3, 2)).isEqualTo(1);
        float[] a = Reference.uniform(31, m * k), b = Reference.uniform(32, k * n), at = Reference.uniform(33, k * m);
        Backend be = Backend.best();
        float[] one = new float[m * n], three = new float[m * n], oneT = new float[m * n], threeT = new float[m * n];
        try (Parallelism p1 = Parallelism.serial(); Parallelism p3 = Parallelism.threads(3)) {
            new Sgemm(be, p1).multiply(m, n, k, a, b, one);
            new Sgemm(be, p3).multiply(m, n, k, a, b, three);
            new Sgemm(be, p1).multiplyTransposedA(m, n, k, at, b, oneT);
            new Sgemm(be, p3).multiplyTransposedA(m, n, k, at, b, threeT);
        }
        assertWithin(one, Reference.matmul(m, n, k, a, b, false), k);
        assertThat(three).isEqualTo(one);
        assertThat(threeT).isEqualTo(oneT);
    }

    @ParameterizedTest(name = "B transposed: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("many B panels (4 column blocks x 4 k blocks, double-buffered) match the reference on 1, 2 and 3 threads alike")
    void manyPanelsMatchReferenceOnAnyThreadCount(boolean transposed) {
        int m = 101, n = 230, k = 150;  // KC = 40, NC = 64: panels of 40, 40, 40, 30 deep and 64, 64, 64, 38 wide
        float[] a = Reference.uniform(21, m * k), b = Reference.uniform(22, k * n);
        float[] one = new float[m * n], two = new float[m * n], three = new float[m * n];
        Backend be = Backend.best();
        try (Parallelism p1 = Parallelism.serial(); Parallelism p2 = Parallelism.threads(2);
             Parallelism p3 = Parallelism.threads(3)) {
            for (Object[] run : new Object[][] {{p1, one}, {p2, two}, {p3, three}}) {
                Sgemm g = new Sgemm(be, (Parallelism) run[0], 40, 18, 64);
                if (transposed) g.multiplyTransposed(m, n, k, a, b, (float[]) run[1]);
                else g.multiply(m, n, k, a, b, (float[]) run[1]);
            }
        }
        assertWithin(one, Reference.matmul(m, n, k, a, b, transposed), k);
        assertThat(two).isEqualTo(one);
        assertThat(three).isEqualTo(one);
    }

    @Test
    @DisplayName("one instance reused for a large, a small and a large product gives what fresh instances give")
    void reusedInstanceMatchesFreshInstances() {
        int[][] shapes = {{70, 300, 200}, {9, 20, 7}, {50, 260, 190}};
        try (Parallelism p = Parallelism.threads(2)) {
            Sgemm reused = new Sgemm(Backend.best(), p, 64, 24, 128);
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = Reference.uniform(m, m * k), b = Reference.uniform(n, k * n);
                float[] expected = new float[m * n], actual = new float[m * n];
                new Sgemm(Backend.best(), p, 64, 24, 128).multiply(m, n, k, a, b, expected);
                reused.multiply(m, n, k, a, b, actual);
                assertThat(actual).as("%d x %d x %d", m, n, k).isEqualTo(expected);
            }
        }
    }

    @Test
    @DisplayName("one instance called from four threads at once gives every caller its own correct product")
    void concurrentCallersOnOneInstance() throws Exception {
        int m = 40, n = 150, k = 120;
        try (Parallelism p = Parallelism.threads(2)) {
            Sgemm shared = new Sgemm(Backend.best(), p, 32, 12, 64);
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> done = new ArrayList<>();
                for (int caller = 0; caller < 4; caller++) {
                    float[] a = Reference.uniform(30 + caller, m * k), b = Reference.uniform(40 + caller, k * n);
                    float[] expected = new float[m * n];
                    new Sgemm(Backend.best(), Parallelism.serial(), 32, 12, 64).multiply(m, n, k, a, b, expected);
                    done.add(callers.submit(() -> {
                        boolean same = true;
                        for (int rep = 0; rep < 20; rep++) {
                            float[] c = new float[m * n];
                            shared.multiply(m, n, k, a, b, c);
                            same &= Arrays.equals(c, expected);
                        }
                        return same;
                    }));
                }
                for (Future<Boolean> f : done) assertThat(f.get()).isTrue();
            } finally {
                callers.shutdown();
            }
        }
    }

    @Test
    @DisplayName("the scalar fallback is bitwise equal to the vector kernel (same FMA chain per element)")
    void scalarFallbackIsBitwiseEqualToVector() {
        assumeTrue(Backend.vectorAvailable(), "needs --add-modules jdk.incubator.vector");
        int m = 37, n = 45, k = 530;
        float[] a = Reference.uniform(7, m * k), b = Reference.uniform(8, n * k);
        float[] vec = new float[m * n], sca = new float[m * n];
        try (Parallelism p = Parallelism.threads(2)) {
            new Sgemm(Backend.VECTOR, p).multiplyTransposed(m, n, k, a, b, vec);
            new Sgemm(Backend.SCALAR, p).multiplyTransposed(m, n, k, a, b, sca);
        }
        assertThat(sca).isEqualTo(vec);
    }

    @Test
    @DisplayName("the allocating form equals the in-place form")
    void allocatingForm() {
        float[] a = Reference.uniform(9, 6), b = Reference.uniform(10, 12), c = new float[8];
        Sgemm g = new Sgemm(Backend.best(), Parallelism.serial());
        g.multiply(2, 4, 3, a, b, c);
        assertThat(g.multiply(2, 4, 3, a, b)).isEqualTo(c);
    }

    @Test
    @DisplayName("a NaN in A poisons its row of C and nothing else")
    void nanPropagatesToItsRow() {
        int m = 9, n = 40, k = 20;
        float[] a = Reference.uniform(11, m * k), b = Reference.uniform(12, k * n), c = new float[m * n];
        a[4 * k + 7] = Float.NaN;
        new Sgemm(Backend.best(), Parallelism.serial()).multiply(m, n, k, a, b, c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(Float.isNaN(c[i * n + j])).as("C[%d][%d] is NaN", i, j).isEqualTo(i == 4);
            }
        }
    }

    @Test
    @DisplayName("a wrongly sized operand is rejected with the shapes in the message")
    void mismatchedShapes() {
        Sgemm g = new Sgemm(Backend.best(), Parallelism.serial());
        assertThatThrownBy(() -> g.multiply(2, 4, 3, new float[5], new float[12], new float[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sgemm: A [m x k] = [2 x 3] needs 6 floats but has 5");
        assertThatThrownBy(() -> g.multiplyTransposed(2, 4, 3, new float[6], new float[12 + 1], new float[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sgemm (A.B^T): B [n x k] = [4 x 3] needs 12 floats but has 13");
        assertThatThrownBy(() -> g.multiply(2, 4, 3, new float[6], new float[12], new float[9]))
                .hasMessage("sgemm: C [m x n] = [2 x 4] needs 8 floats but has 9");
        assertThatThrownBy(() -> g.multiply(2, 4, 3, null, new float[12], new float[8]))
                .hasMessage("sgemm: A [m x k] = [2 x 3] is null");
    }

    @Test
    @DisplayName("a zero-size dimension is rejected, not silently skipped")
    void zeroSizeDimension() {
        Sgemm g = new Sgemm(Backend.best(), Parallelism.serial());
        assertThatThrownBy(() -> g.multiply(0, 4, 3, new float[0], new float[12], new float[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sgemm: m x n x k = 0 x 4 x 3: every dimension must be at least 1");
    }

    @Test
    @DisplayName("every task runs once and is done when forEach returns, over many quick hand-outs (helpers joining late or not at all)")
    void handOutsCompleteBeforeReturning() {
        for (int threads : new int[] {2, 3, 4}) {
            try (Parallelism p = Parallelism.threads(threads)) {
                for (int round = 0; round < 2000; round++) {
                    int tasks = 1 + round % 7;
                    java.util.concurrent.atomic.AtomicIntegerArray hits = new java.util.concurrent.atomic.AtomicIntegerArray(tasks);
                    int[] plain = new int[tasks];                 // plain writes: visible once forEach has returned
                    p.forEach(tasks, () -> null, (s, t) -> {
                        if (t % 3 == 0) Thread.onSpinWait();
                        plain[t] = t + 1;
                        hits.incrementAndGet(t);
                    });
                    for (int t = 0; t < tasks; t++) {
                        assertThat(hits.get(t)).as("round %d task %d", round, t).isEqualTo(1);
                        assertThat(plain[t]).isEqualTo(t + 1);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("an exception inside a task reaches the caller, and the pool keeps working")
    void failuresPropagateFromWorkers() {
        try (Parallelism p = Parallelism.threads(2)) {
            assertThatThrownBy(() -> p.forEach(10, () -> null, (s, t) -> {
                if (t == 7) throw new IllegalStateException("task 7 failed");
            })).isInstanceOf(IllegalStateException.class).hasMessage("task 7 failed");
            int[] hits = new int[5];
            p.forEach(5, () -> null, (s, t) -> hits[t]++);
            assertThat(hits).containsOnly(1);
        }
        assertThatThrownBy(() -> Parallelism.threads(0)).hasMessage("threads must be at least 1, was 0");
    }

    @ParameterizedTest(name = "{3}: [{2} x {0}]^T . [{2} x {1}]")
    @MethodSource("shapesAndBackends")
    @DisplayName("A^T.B equals the double-precision product of the transposed A, and A.B on an explicit transpose bit for bit unless split along k")
    void transposedAMatchesReference(int m, int n, int k, Backend backend) {
        float[] at = Reference.uniform(41, k * m), b = Reference.uniform(42, k * n), a = new float[m * k];
        for (int p = 0; p < k; p++) for (int i = 0; i < m; i++) a[i * k + p] = at[p * m + i];
        float[] c = new float[m * n], direct = new float[m * n];
        try (Parallelism p = Parallelism.threads(2)) {
            Sgemm g = new Sgemm(backend, p);
            g.multiplyTransposedA(m, n, k, at, b, c);
            g.multiply(m, n, k, a, b, direct);
        }
        assertWithin(c, Reference.matmul(m, n, k, a, b, false), k);
        // a split product's parts start their chains from zero (splitWeightGradient): other rounding, same tolerance
        if (k < 2 * Sgemm.K_SPLIT || (long) m * n > Sgemm.SPLIT_MAX_C) assertThat(c).isEqualTo(direct);
    }
}
