package dojo.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SchedulerConfigTest {

    @Test
    @DisplayName("the defaults are py-fsrs's: FSRS-6 weights, 0.9, [1m, 10m], [10m], 36500 days, fuzz on")
    void defaultsMatchPyFsrs() {
        SchedulerConfig c = SchedulerConfig.defaults();
        assertThat(c.weights()).hasSize(21).startsWith(0.212, 1.2931, 2.3065, 8.2956).endsWith(0.0658, 0.1542);
        assertThat(c.desiredRetention()).isEqualTo(0.9);
        assertThat(c.learningSteps()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(10));
        assertThat(c.relearningSteps()).containsExactly(Duration.ofMinutes(10));
        assertThat(c.maximumIntervalDays()).isEqualTo(36500);
        assertThat(c.fuzz()).isTrue();
        assertThat(c.withoutFuzz().fuzz()).isFalse();
        assertThat(c.withoutFuzz().weights()).isEqualTo(c.weights());
    }

    @Test
    @DisplayName("configs with equal contents are equal, and the weights cannot be changed from outside")
    void valueSemantics() {
        double[] w = SchedulerConfig.defaults().weights();
        SchedulerConfig c = new SchedulerConfig(w, 0.9, List.of(), List.of(), 100, false);
        w[0] = 99;
        c.weights()[1] = 99;
        assertThat(c.weight(0)).isEqualTo(0.212);
        assertThat(c.weight(1)).isEqualTo(1.2931);
        assertThat(c).isEqualTo(new SchedulerConfig(SchedulerConfig.defaults().weights(), 0.9, List.of(), List.of(), 100, false));
        assertThat(c.hashCode()).isEqualTo(
                new SchedulerConfig(SchedulerConfig.defaults().weights(), 0.9, List.of(), List.of(), 100, false).hashCode());
    }

    @Test
    @DisplayName("a weight vector that is not 21 long is rejected, naming the count")
    void wrongWeightCount() {
        assertThatThrownBy(() -> new SchedulerConfig(new double[19], 0.9, List.of(), List.of(), 100, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("21 weights")
                .hasMessageContaining("got 19");
    }

    @Test
    @DisplayName("out-of-bounds weights are all named with their index and bounds")
    void weightsOutOfBounds() {
        double[] w = SchedulerConfig.defaults().weights();
        w[4] = 0.5;
        w[20] = 0.9;
        assertThatThrownBy(() -> new SchedulerConfig(w, 0.9, List.of(), List.of(), 100, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("w[4] = 0.5 is outside [1.0, 10.0]")
                .hasMessageContaining("w[20] = 0.9 is outside [0.1, 0.8]");
        w[4] = Double.NaN;
        w[20] = 0.2;
        assertThatThrownBy(() -> new SchedulerConfig(w, 0.9, List.of(), List.of(), 100, true))
                .hasMessageContaining("w[4] = NaN");
    }

    @Test
    @DisplayName("retention outside (0, 1), non-positive steps and a maximum below one day are rejected")
    void otherFieldsValidated() {
        double[] w = SchedulerConfig.defaults().weights();
        assertThatThrownBy(() -> new SchedulerConfig(w, 1.0, List.of(), List.of(), 100, true))
                .hasMessageContaining("desired retention");
        assertThatThrownBy(() -> new SchedulerConfig(w, 0.9, List.of(Duration.ZERO), List.of(), 100, true))
                .hasMessageContaining("learning step 0");
        assertThatThrownBy(() -> new SchedulerConfig(w, 0.9, List.of(), List.of(Duration.ofMinutes(-1)), 100, true))
                .hasMessageContaining("relearning step 0");
        assertThatThrownBy(() -> new SchedulerConfig(w, 0.9, List.of(), List.of(), 0, true))
                .hasMessageContaining("maximum interval");
    }
}
