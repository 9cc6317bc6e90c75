package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.nn.Module;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("training")
class ImageSegmenterTrainingTest {

    @Test
    @DisplayName("the reference segmenter reaches the mIoU target and the no-attention baseline stays clearly below it")
    void referenceReachesTargetBaselineDoesNot() {
        ImageSegmenterExperiment e = new ImageSegmenterExperiment();
        ExerciseModels.Loaded solution = SolutionModels.load("ex16_image_segmenter");   // open for the whole run
        Module model = e.build(solution.implementation(), 1);
        long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        TrainResult r = e.train(model, e.defaultConfig(), Clock.systemUTC(), p -> {
            if (p.evaluated()) System.out.printf("step %d loss %.4f val %.4f %s%n", p.step(), p.loss(), p.validation(), p.elapsed());
        });
        long cpu1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        System.out.printf("reference: test %.4f steps %d wall %s cpu %.1f s params %d%n", r.test(), r.steps(), r.elapsed(), (cpu1 - cpu0) / 1e9, model.parameterCount());
        Module base = e.buildBaseline(1);
        TrainResult b = e.train(base, e.defaultConfig().withoutEarlyExit(), Clock.systemUTC(), p -> { });
        long cpu2 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        System.out.printf("baseline: test %.4f steps %d wall %s cpu %.1f s params %d%n", b.test(), b.steps(), b.elapsed(), (cpu2 - cpu1) / 1e9, base.parameterCount());
        solution.close();
        assertThat(r.test()).isGreaterThanOrEqualTo(e.target());
        assertThat(b.test()).isLessThan(e.target() - 0.1);
    }
}
