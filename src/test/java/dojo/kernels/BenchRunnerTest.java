package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.bench.BenchCase;
import dojo.bench.BenchResult;
import dojo.bench.BenchRunner;
import dojo.bench.BenchTable;
import dojo.cli.Dojo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The dojo bench engine and command, on a fake clock: no timing is asserted, only the bookkeeping. */
class BenchRunnerTest {

    @Test
    @DisplayName("the runner warms up, then reports the median of the timed runs and GFLOP/s from it")
    void medianOfTimedRuns() {
        AtomicLong clock = new AtomicLong();
        long[] costs = {50, 50, 30, 10, 20};                 // ms per run: 2 warmup runs, then 3 timed
        int[] run = {0};
        BenchCase c = new BenchCase("g", "x", 2e9, () -> clock.addAndGet(costs[run[0]++] * 1_000_000L));
        BenchResult r = new BenchRunner(Duration.ofMillis(100), Duration.ZERO, 3, clock::get).run(c);
        assertThat(run[0]).isEqualTo(5);
        assertThat(r.runs()).isEqualTo(3);
        assertThat(r.medianMillis()).isEqualTo(20.0);
        assertThat(r.bestMillis()).isEqualTo(10.0);
        assertThat(r.gflops()).isEqualTo(100.0);
    }

    @Test
    @DisplayName("the table groups results and shows the speed-up over the group's first row")
    void tableShowsSpeedUp() {
        String t = BenchTable.render(List.of(new BenchResult("sgemm n=8", "naive", 1e9, 100, 90, 3),
                new BenchResult("sgemm n=8", "fast", 1e9, 4, 4, 3)));
        assertThat(t).contains("sgemm n=8").contains("naive").contains("1.0x").contains("25.0x").contains("250.0");
    }

    @Test
    @DisplayName("a variant of the group's work (causal attention) has no speed-up over the first row: a line compares it with its own row")
    void tableComparesVariantWithItsRow() {
        String t = BenchTable.render(List.of(new BenchResult("attention n=8", "naive", 4e9, 1, 100, 90, 3),
                new BenchResult("attention n=8", "fused", 4e9, 2, 10, 10, 3),
                new BenchResult("attention n=8", "fused causal", 2e9, 2, 5.5, 5, 3, "fused")));
        String causal = t.lines().filter(l -> l.startsWith("  fused causal ")).findFirst().orElseThrow();
        assertThat(causal).contains("5.50").contains("363.6").endsWith("-");     // 2e9 flops in 5.5 ms; no "18.2x"
        assertThat(t).contains("  fused causal: 0.55x the time of fused, for 0.50x its flops");
        assertThat(t.lines().filter(l -> l.startsWith("  fused ")).findFirst().orElseThrow()).endsWith("10.0x");
    }

    @Test
    @DisplayName("the causal contender counts the n(n+1)/2 query-key pairs it computes, not the full n^2")
    void causalCountsItsPairs() {
        try (dojo.bench.BenchSuite suite = new dojo.bench.BenchSuite(dojo.bench.BenchConfig.quick(1), dojo.kernels.Backend.SCALAR, List.of())) {
            List<BenchCase> cases = suite.cases();
            BenchCase causal = cases.stream().filter(c -> c.name().startsWith("fused causal")).findFirst().orElseThrow();
            BenchCase full = cases.stream().filter(c -> c.name().equals(causal.comparedWith())).findFirst().orElseThrow();
            int n = dojo.bench.BenchConfig.quick(1).attentionN();
            assertThat(full.group()).isEqualTo(causal.group());
            assertThat(causal.flops() / full.flops()).isCloseTo((n + 1) / (2.0 * n), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(cases.stream().filter(c -> c.comparedWith() != null).count()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("with the FMA ceiling measured, every row shows its GFLOP/s as a fraction of the ceiling for its thread count")
    void tableShowsFractionOfPeak() {
        String t = BenchTable.render(List.of(
                new BenchResult(dojo.bench.BenchSuite.PEAK_GROUP, "fma 1", 1e9, 1, 20, 10, 3),    // best: 100 GFLOP/s
                new BenchResult(dojo.bench.BenchSuite.PEAK_GROUP, "fma 2", 2e9, 2, 20, 10, 3),    // best: 200 GFLOP/s
                new BenchResult("sgemm n=8", "one", 1e9, 1, 20, 20, 3),                            // 50 of 100
                new BenchResult("sgemm n=8", "two", 1e9, 2, 10, 10, 3),                            // 100 of 200
                new BenchResult("sgemm n=8", "three", 1e9, 3, 10, 10, 3)));                        // no ceiling for 3
        assertThat(t).contains("of peak");
        assertThat(t.lines().filter(l -> l.contains(" one ")).findFirst().orElseThrow()).endsWith("50%");
        assertThat(t.lines().filter(l -> l.contains(" two ")).findFirst().orElseThrow()).endsWith("50%");
        assertThat(t.lines().filter(l -> l.contains(" three ")).findFirst().orElseThrow()).endsWith("-");
        assertThat(t.lines().filter(l -> l.contains(" fma 1 ")).findFirst().orElseThrow()).contains("100.0").endsWith("100%");
    }

    @Test
    @DisplayName("dojo bench --long-context runs one causal head and reports the heap and score-matrix sizes")
    void longContextCommand() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Dojo.run(new String[] {"bench", "--long-context", "300", "--threads", "2"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("n = 300, d = 64").contains("output finite: true").contains("max heap");
    }

    @Test
    @DisplayName("dojo bench rejects zero threads with a one-line error and exit code 2")
    void badThreads() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Dojo.run(new String[] {"bench", "--threads", "0"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("dojo: error: --threads must be at least 1, was 0");
    }

    @Test
    @DisplayName("dojo bench refuses a --json path it cannot write before timing anything, in one line with exit code 2")
    void badJsonPathFailsFirst(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path blocker = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
        for (String path : new String[] {dir.toString(), blocker.resolve("under-a-file.json").toString()}) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            int code = Dojo.run(new String[] {"bench", "--quick", "--json", path}, new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(code).as(path).isEqualTo(2);
            assertThat(err.toString()).as(path).startsWith("dojo: error: " + path + ": --json ").doesNotContain("timing").hasLineCount(1);
            assertThat(out.toString()).as(path).isEmpty();
        }
    }

    @Test
    @DisplayName("with one thread no contender is timed twice under one name, and EJML's pool is held to the threads asked for")
    void oneThreadHasNoDuplicates() {
        int before = org.ejml.concurrency.EjmlConcurrency.getMaxThreads();
        try (dojo.bench.BenchSuite suite = new dojo.bench.BenchSuite(dojo.bench.BenchConfig.quick(1), dojo.kernels.Backend.SCALAR, List.of())) {
            List<BenchCase> cases = suite.cases();
            assertThat(cases.stream().map(c -> c.group() + "/" + c.name())).doesNotHaveDuplicates();
            assertThat(cases).allSatisfy(c -> assertThat(c.threads()).isEqualTo(1));
            BenchCase causal = cases.stream().filter(c -> c.name().startsWith("fused causal")).findFirst().orElseThrow();
            assertThat(cases).anySatisfy(c -> assertThat(c.name()).isEqualTo(causal.comparedWith()));
            assertThat(org.ejml.concurrency.EjmlConcurrency.getMaxThreads()).isEqualTo(1);
        }
        assertThat(org.ejml.concurrency.EjmlConcurrency.getMaxThreads()).isEqualTo(before);
        try (dojo.bench.BenchSuite suite = new dojo.bench.BenchSuite(dojo.bench.BenchConfig.quick(2), dojo.kernels.Backend.SCALAR, List.of())) {
            assertThat(suite.cases().stream().filter(c -> c.threads() == 2).count()).isEqualTo(8);   // FMA, kernel, EJML MT (SGEMM, attention), SGEMM, fused, causal, backward
        }
    }

    @Test
    @DisplayName("dojo bench --long-context too long for a Java array is refused in one line, not a stack trace")
    void longContextTooLong() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Dojo.run(new String[] {"bench", "--long-context", "100000000"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("dojo: error: --long-context 100000000: Q, K and V of 100000000 x 64 floats do not fit")
                .hasLineCount(1);
    }
}
