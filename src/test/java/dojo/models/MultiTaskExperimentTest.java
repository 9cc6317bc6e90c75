package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.exercise.api.MultiTaskBatch;
import dojo.exercise.api.MultiTaskConfig;
import dojo.exercise.api.MultiTaskLogits;
import dojo.models.data.LastTokenRelations;
import dojo.models.data.MultiTaskExample;
import dojo.models.data.Split;
import dojo.tensor.Generator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MultiTaskExperimentTest {

    private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    @Test
    @DisplayName("the experiment's data: 9600 / 600 / 2400 examples, every split balanced in both tasks")
    void dataSizes() {
        Split<MultiTaskExample> d = MultiTaskExperiment.data();
        assertThat(d.train()).hasSize(MultiTaskExperiment.TRAIN);
        assertThat(d.validation()).hasSize(MultiTaskExperiment.VALIDATION);
        assertThat(d.test()).hasSize(MultiTaskExperiment.TEST);
        assertThat(d.test().stream().filter(e -> e.labelA() == 1).count()).isEqualTo(MultiTaskExperiment.TEST / 2);
        assertThat(d.test().stream().filter(e -> e.labelB() == LastTokenRelations.EQUAL).count()).isEqualTo(MultiTaskExperiment.TEST / 3);
    }

    @Test
    @DisplayName("build rejects an implementation that is not the exercise's MultiTaskExercise, naming what it got")
    void buildRejectsAWrongImplementation() {
        assertThatThrownBy(() -> new MultiTaskExperiment().build("not a builder", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MultiTaskExercise").hasMessageContaining("java.lang.String").hasMessageContaining("ex18_multitask");
    }

    @Test
    @DisplayName("build hands the exercise the reference config and a generator seeded with the run seed")
    void buildUsesTheReferenceConfig() {
        MultiTaskConfig[] seen = new MultiTaskConfig[1];
        new MultiTaskExperiment().build((dojo.exercise.api.MultiTaskExercise) (c, g) -> {
            seen[0] = c;
            return new MultiTaskBaseline(c, g);
        }, 3);
        assertThat(seen[0]).isEqualTo(MultiTaskExperiment.referenceConfig());
        assertThat(seen[0].classesA()).isEqualTo(2);
        assertThat(seen[0].classesB()).isEqualTo(3);
    }

    @Test
    @DisplayName("the baseline gives two outputs, one row per sequence, and ignores padding")
    void baselineShapesAndPadding() {
        MultiTaskBaseline m = new MultiTaskBaseline(MultiTaskExperiment.referenceConfig(), new Generator(1));
        List<MultiTaskExample> ex = LastTokenRelations.generate(1, 5, 0, 0).train();
        MultiTaskBatch b = MultiTaskClassification.batch(ex);
        MultiTaskLogits out = m.forward(b);
        assertThat(out.taskA().shape()).containsExactly(5, 2);
        assertThat(out.taskB().shape()).containsExactly(5, 3);
        int[][] seqs = ex.stream().map(MultiTaskExample::tokens).toArray(int[][]::new);
        MultiTaskLogits padded = m.forward(MultiTaskBatch.unlabelled(seqs, LastTokenRelations.MAX_LEN));
        assertThat(padded.taskA().maxAbsDiff(out.taskA())).isLessThan(1e-12);
    }

    @Test
    @DisplayName("the no-attention baseline stays near chance on both tasks (A 0.5, B 1/3) after a short run")
    void baselineStaysNearChance() {
        Split<MultiTaskExample> data = LastTokenRelations.generate(21, 1200, 0, 600);
        MultiTaskConfig cfg = new MultiTaskConfig(LastTokenRelations.VOCAB, 16, 2, 32, 1, LastTokenRelations.MAX_LEN, 16, 2, 3, 1, 1);
        MultiTaskBaseline m = new MultiTaskBaseline(cfg, new Generator(1));
        MultiTaskClassification objective = new MultiTaskClassification(m);
        new Trainer(CLOCK).fit(m, objective, data, new TrainConfig(200, 32, 1e-2, 0.0, 0, 200, 2.0, 3), TrainListener.NONE);
        MultiTaskClassification.Accuracies acc = objective.accuracies(data.test());
        assertThat(acc.taskA()).isBetween(0.43, 0.57);
        assertThat(acc.taskB()).isBetween(0.27, 0.40);
        assertThat(objective.metric(data.test())).isEqualTo(acc.min());
    }

    @Test
    @DisplayName("the test breakdown names each task's accuracy, task A first, and its minimum is the metric")
    void testBreakdownGivesBothTasks() {
        MultiTaskBaseline m = new MultiTaskBaseline(MultiTaskExperiment.referenceConfig(), new Generator(2));
        var breakdown = new MultiTaskExperiment().testBreakdown(m);
        assertThat(breakdown.keySet()).containsExactly("task A accuracy", "task B accuracy");
        MultiTaskClassification.Accuracies acc = MultiTaskExperiment.accuracies(m);
        assertThat(breakdown.get("task A accuracy")).isEqualTo(acc.taskA());
        assertThat(breakdown.get("task B accuracy")).isEqualTo(acc.taskB());
    }

    @Test
    @DisplayName("a batch checks its padding: nothing after padding, no empty sequence, labels for every row or none")
    void batchValidation() {
        assertThatThrownBy(() -> new MultiTaskBatch(new int[] {1, 0, 2}, 1, 3, null, null)).hasMessageContaining("after padding");
        assertThatThrownBy(() -> new MultiTaskBatch(new int[] {0, 0}, 1, 2, null, null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new MultiTaskBatch(new int[] {1, 2}, 1, 2, new int[] {0}, null)).hasMessageContaining("both");
        assertThatThrownBy(() -> MultiTaskBatch.of(new int[][] {{1, 0}}, null, null)).hasMessageContaining("reserved for padding");
    }

    @Test
    @DisplayName("a config refuses sizes that cannot work and two zero weights")
    void configValidation() {
        assertThatThrownBy(() -> new MultiTaskConfig(17, 10, 4, 20, 1, 12, 8, 2, 3, 1, 1)).hasMessageContaining("divisible");
        assertThatThrownBy(() -> new MultiTaskConfig(17, 8, 2, 16, 1, 12, 8, 2, 3, 0, 0)).hasMessageContaining("both 0");
        assertThatThrownBy(() -> new MultiTaskConfig(17, 8, 2, 16, 1, 12, 8, 2, 3, -1, 1)).hasMessageContaining("weightA");
        assertThatThrownBy(() -> new MultiTaskConfig(17, 8, 2, 16, 1, 12, 8, 1, 3, 1, 1)).hasMessageContaining("classesA");
    }
}
