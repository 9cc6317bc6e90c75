package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Fused attention at lengths where the n x n score matrix alone would not fit in the heap: proof that
 * it is never materialised. Causal (half the work) keeps these to a few seconds on two cores.
 */
class LongSequenceTest {

    @Test
    @DisplayName("one causal head at n = 20000 runs in a heap smaller than its 1.6 GB score matrix, and sampled rows are exact")
    void twentyThousandInThisHeap() {
        int n = 20000, d = 64;
        long scoreBytes = (long) n * n * Float.BYTES;
        assumeTrue(Runtime.getRuntime().maxMemory() < scoreBytes, "the heap must be smaller than n x n floats (surefire runs with -Xmx1g)");
        assertThat(ForkedKernelsMain.longSequence(n, d)).startsWith("OK");
    }

    @Test
    @DisplayName("one causal head at n = 32768 (a 4 GiB score matrix) runs in a JVM with -Xmx256m")
    void thirtyTwoThousandInTwoHundredFiftySixMegabytes() throws Exception {
        Forked run = Forked.run(List.of("-Xmx256m", "--add-modules", "jdk.incubator.vector"), "long", "32768", "64");
        assertThat(run.output()).as(run.output()).contains("OK ").contains("maxHeapMiB=256").contains("scoreMatrixMiB=4096");
        assertThat(run.exitCode()).isZero();
    }
}
