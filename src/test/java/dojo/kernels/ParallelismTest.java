package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The helper threads of {@link Parallelism}: they join hand-outs, nest, and stop when closed. */
class ParallelismTest {

    private static Set<Thread> helperThreads() {
        Set<Thread> s = ConcurrentHashMap.newKeySet();
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().startsWith("dojo-kernels-")) s.add(t);
        return s;
    }

    @Test
    void aHelperTakesPartAndEveryTaskRunsOnce() {
        try (Parallelism p = Parallelism.threads(2)) {
            Set<String> names = ConcurrentHashMap.newKeySet();
            // the first task holds on until a second thread has entered the hand-out (bounded: a stuck helper
            // fails the assertion below instead of hanging the test)
            AtomicInteger entered = new AtomicInteger();
            int[] hits = new int[64];
            p.forEach(hits.length, () -> null, (s, t) -> {
                names.add(Thread.currentThread().getName());
                if (entered.incrementAndGet() == 1) {
                    long end = System.nanoTime() + 10_000_000_000L;
                    while (names.size() < 2 && System.nanoTime() < end) Thread.yield();
                }
                hits[t]++;
            });
            assertThat(hits).containsOnly(1);
            assertThat(names).hasSize(2).anyMatch(n -> n.startsWith("dojo-kernels-"));
        }
    }

    @Test
    void aTaskMayHandOutWorkItself() {
        try (Parallelism p = Parallelism.threads(2)) {
            AtomicInteger inner = new AtomicInteger();
            p.forEach(8, () -> null, (s, t) -> p.forEach(5, () -> null, (s2, u) -> inner.incrementAndGet()));
            assertThat(inner.get()).isEqualTo(40);
        }
    }

    @Test
    void closeStopsTheHelpers() throws InterruptedException {
        Set<Thread> before = helperThreads();
        Parallelism p = Parallelism.threads(3);
        p.forEach(10, () -> null, (s, t) -> { });
        Set<Thread> mine = helperThreads();
        mine.removeAll(before);
        assertThat(mine).hasSize(2).allMatch(Thread::isDaemon);
        p.close();
        for (Thread t : mine) t.join(10_000);
        assertThat(mine).noneMatch(Thread::isAlive);
    }
}
