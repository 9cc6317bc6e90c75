package dojo.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dojo.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The element-wise operations split over the cores ({@link Loops}) on tensors large enough to be split:
 * the same values as one plain loop, and bitwise the same whatever the number of threads.
 */
class LoopsTest {

    /** Large enough for several tasks: 4 x 96 x 384 = 147,456 elements. */
    private static final int B = 4, L = 96, E = 384;

    @Test
    void insideAFloatScopeBlocksRunOnTheScopesThreadsWithTheSameResult() {
        int rows = 4 * Loops.GRAIN, blocks = Loops.tasks(rows, 1);
        assertThat(blocks).isGreaterThan(1);
        double[] outside = new double[blocks], inside = new double[blocks];
        Loops.forEachBlock(rows, blocks, (t, from, to) -> {
            for (int i = from; i < to; i++) outside[t] += Math.sqrt(i);
        });
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (FloatMatmul scope = FloatMatmul.enable()) {
            Loops.forEachBlock(rows, blocks, (t, from, to) -> {
                threads.add(Thread.currentThread().getName());
                for (int i = from; i < to; i++) inside[t] += Math.sqrt(i);
            });
        }
        assertThat(inside).containsExactly(outside);
        String caller = Thread.currentThread().getName();
        assertThat(threads).allMatch(n -> n.equals(caller) || n.startsWith("dojo-kernels-"), "the caller or the scope's helpers");
    }

    @Test
    void blocksCoverTheRowsExactlyAndDependOnTheSizeOnly() {
        for (int rows : new int[] {0, 1, 7, 1000, 65_536, 1_000_003}) {
            for (int cost : new int[] {1, 3, 128, 4096}) {
                int tasks = Loops.tasks(rows, cost);
                assertThat(tasks).isBetween(rows == 0 ? 0 : 1, Math.max(1, rows));
                if ((long) rows * cost < 2L * Loops.GRAIN) assertThat(tasks).isLessThanOrEqualTo(1);
                int covered = 0;
                for (int t = 0; t < tasks; t++) {
                    int from = Loops.start(rows, tasks, t), to = Loops.start(rows, tasks, t + 1);
                    assertThat(from).isEqualTo(covered);
                    assertThat(to).isGreaterThan(from);
                    covered = to;
                }
                assertThat(covered).isEqualTo(tasks == 0 ? 0 : rows);
            }
        }
    }

    @Test
    void elementWiseOperationsMatchAPlainLoop() {
        Tensor x = Tensor.randn(new Generator(1), B, L, E);
        Tensor bias = Tensor.randn(new Generator(2), E);
        double[] xv = x.toArray(), bv = bias.toArray();
        double[] relu = x.relu().toArray(), added = x.add(bias).toArray(), scaled = x.mul(3).toArray();
        double[] tanh = x.tanh().toArray();
        for (int i = 0; i < xv.length; i++) {
            assertThat(relu[i]).isEqualTo(Math.max(xv[i], 0));
            assertThat(added[i]).isEqualTo(xv[i] + bv[i % E]);
            assertThat(scaled[i]).isEqualTo(xv[i] * 3);
            assertThat(tanh[i]).isEqualTo(Math.tanh(xv[i]));
        }
        Tensor xr = x.detach().requiresGrad(true), up = Tensor.randn(new Generator(9), B, L, E);
        xr.relu().mul(up).sum().backward();
        double[] reluGrad = xr.grad().toArray(), upv = up.toArray();
        for (int i = 0; i < xv.length; i++) assertThat(reluGrad[i]).isEqualTo(xv[i] > 0 ? upv[i] : 0);
        double[] special = Tensor.vector(Double.NaN, -0.0, 0.0, -1, 2).relu().toArray();
        assertThat(special[0]).isNaN();                      // as torch.relu
        assertThat(special).endsWith(0.0, 0.0, 0.0, 2.0);
        Tensor t = x.transpose(0, 2);
        double[] copied = t.contiguous().toArray();
        for (int e = 0, o = 0; e < E; e++) {
            for (int l = 0; l < L; l++) {
                for (int b = 0; b < B; b++) assertThat(copied[o++]).isEqualTo(xv[(b * L + l) * E + e]);
            }
        }
    }

    @Test
    void reductionsMatchAPlainSum() {
        Tensor x = Tensor.randn(new Generator(3), B, L, E);
        double[] xv = x.toArray();
        double[] bySum = x.sum(new int[] {0, 1}, false).toArray();   // the bias-gradient shape: split into blocks
        double[] lastDim = x.sum(2, false).toArray();
        for (int e = 0; e < E; e++) {
            double s = 0;
            for (int r = 0; r < B * L; r++) s += xv[r * E + e];
            assertThat(bySum[e]).isCloseTo(s, within(1e-12));
        }
        for (int r = 0; r < B * L; r++) {
            double s = 0;
            for (int e = 0; e < E; e++) s += xv[r * E + e];
            assertThat(lastDim[r]).isEqualTo(s);
        }
        double[] soft = x.softmax(2).toArray();
        for (int r = 0; r < B * L; r++) {
            double sum = 0;
            for (int e = 0; e < E; e++) sum += soft[r * E + e];
            assertThat(sum).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void layerNormGradientsMatchTheirDefinition() {
        Generator g = new Generator(4);
        Tensor x = Tensor.randn(g, B * L, E).requiresGrad(true);
        Tensor w = Tensor.randn(g, E).requiresGrad(true);
        Tensor b = Tensor.randn(g, E).requiresGrad(true);
        Tensor up = Tensor.randn(g, B * L, E);
        Functional.layerNorm(x, 1, w, b, 1e-5).mul(up).sum().backward();
        // d/dbias = sum over rows of the upstream gradient; d/dweight = sum of upstream * x_hat
        Tensor xhat;
        try (Autograd.Scope s = Autograd.noGrad()) {
            xhat = Functional.layerNorm(x.detach(), 1, null, null, 1e-5);
        }
        double[] expectB = up.sum(0, false).toArray();
        double[] expectW = up.mul(xhat).sum(0, false).toArray();
        assertThat(b.grad().toArray()).containsExactly(expectB, within(1e-10));
        assertThat(w.grad().toArray()).containsExactly(expectW, within(1e-10));
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        Supplier<List<double[]>> work = () -> {
            Generator g = new Generator(5);
            Tensor x = Tensor.randn(g, B, L, E).requiresGrad(true);
            Tensor w = Tensor.randn(g, E).requiresGrad(true);
            Tensor b = Tensor.randn(g, E).requiresGrad(true);
            Tensor y = Functional.layerNorm(x.relu().add(b), 1, w, b, 1e-5).softmax(2).mul(Tensor.randn(g, B, L, E));
            y.sum().backward();
            Adam opt = Adam.adamW(List.of(w, b), 1e-2);
            opt.step();
            List<double[]> out = new ArrayList<>();
            out.add(y.toArray());
            out.add(x.grad().toArray());
            out.add(w.grad().toArray());
            out.add(b.grad().toArray());
            out.add(x.grad().sum(new int[] {0, 1}, false).toArray());
            out.add(w.toArray());
            return out;
        };
        List<double[]> one = inPool(1, work), four = inPool(4, work);
        for (int i = 0; i < one.size(); i++) assertThat(four.get(i)).as("result %d", i).isEqualTo(one.get(i));
    }

    /** Runs {@code work} inside a fork-join pool of {@code threads}: the parallel loops it starts run there. */
    private static <T> T inPool(int threads, Supplier<T> work) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(work::get).get();
        } finally {
            pool.shutdown();
        }
    }
}
