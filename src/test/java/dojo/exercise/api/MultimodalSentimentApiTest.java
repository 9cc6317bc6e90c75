package dojo.exercise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.tensor.Tensor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The records of ex19 validate what they hold. */
class MultimodalSentimentApiTest {

    @Test
    @DisplayName("a config counts its patches and refuses widths, heads and image sizes that do not divide")
    void config() {
        MultimodalSentimentConfig c = new MultimodalSentimentConfig(19, 5, 1, 8, 4, 32, 4, 64, 1, 1, 3);
        assertThat(c.patches()).isEqualTo(4);
        assertThatThrownBy(() -> new MultimodalSentimentConfig(19, 5, 1, 8, 4, 30, 4, 64, 1, 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("30", "4");
        assertThatThrownBy(() -> new MultimodalSentimentConfig(19, 5, 1, 10, 4, 32, 4, 64, 1, 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("10", "4");
        assertThatThrownBy(() -> new MultimodalSentimentConfig(19, 5, 1, 8, 4, 32, 4, 64, 0, 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("textLayers");
    }

    @Test
    @DisplayName("a batch derives its masks from padding 0, pads further on request and refuses images of another batch size")
    void batch() {
        SentimentBatch b = new SentimentBatch(new int[] {3, 4, 0, 5, 0, 0}, 2, 3, Tensor.zeros(2, 1, 8, 8), new int[] {0, 2});
        assertThat(b.paddingMask().toArray()).containsExactly(0, 0, 1, 0, 1, 1);
        assertThat(b.keepMask().shape()).containsExactly(2, 3, 1);
        SentimentBatch longer = b.padTo(5);
        assertThat(longer.ids()).containsExactly(3, 4, 0, 0, 0, 5, 0, 0, 0, 0);
        assertThat(longer.labels()).containsExactly(0, 2);
        assertThat(b.text().ids()).containsExactly(b.ids());
        assertThatThrownBy(() -> b.padTo(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SentimentBatch(new int[] {1, 2}, 2, 1, Tensor.zeros(3, 1, 8, 8), new int[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 1, 8, 8]");
        assertThatThrownBy(() -> new SentimentBatch(new int[] {1, 2, 3}, 2, 1, Tensor.zeros(2, 1, 8, 8), new int[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
