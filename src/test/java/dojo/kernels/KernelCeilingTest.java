package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The micro-kernel bound of the benchmarks: the work it claims, and that the work is really done. */
class KernelCeilingTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Backend.class)
    @DisplayName("a run does threads x 2^14 micro-kernel calls of 2.mr.nr.128 flops, and returns the C tiles' products")
    void runDoesTheCountedWork(Backend backend) {
        int mr = backend.ops().mr(), nr = backend.ops().nr();
        // the slivers the constructor makes: the same seeded A and B for every worker
        java.util.Random r = new java.util.Random(7);
        double[] a = new double[mr * KernelCeiling.KC], b = new double[KernelCeiling.KC * nr];
        for (int i = 0; i < a.length; i++) a[i] = 0.5f + r.nextFloat() / 2;
        for (int i = 0; i < b.length; i++) b[i] = 0.5f + r.nextFloat() / 2;
        for (int threads : new int[] {1, 2}) {
            try (Parallelism p = Parallelism.threads(threads)) {
                KernelCeiling k = new KernelCeiling(backend, p);
                assertThat(k.flopsPerRun()).isEqualTo(threads * 16384.0 * 2 * mr * nr * KernelCeiling.KC);
                double expected = 0;
                for (int t = 0; t < KernelCeiling.TASKS_PER_THREAD * threads; t++) {
                    int i = t % (mr * nr) / nr, j = t % nr;          // element t of the row-major mr x nr tile
                    for (int kk = 0; kk < KernelCeiling.KC; kk++) expected += a[kk * mr + i] * b[kk * nr + j];
                }
                assertThat((double) k.run()).isCloseTo(expected, within(expected * 1e-5));
            }
        }
    }
}
