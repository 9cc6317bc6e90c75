package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PatchMlpSegmenterTest {

    final PatchMlpSegmenter model = new PatchMlpSegmenter(1, 8, 12, 4, 16, 32, 3, new Generator(1));

    @Test
    @DisplayName("per-pixel logits [B, K, H, W] with PyTorch-style names patch_embed, hidden, head")
    void shapeAndNames() {
        assertThat(model.forward(Tensor.rand(new Generator(2), 2, 1, 8, 12)).shape()).containsExactly(2, 3, 8, 12);
        assertThat(model.stateDict().keySet()).containsExactly("patch_embed.weight", "patch_embed.bias", "hidden.weight", "hidden.bias",
                "head.weight", "head.bias");
    }

    @Test
    @DisplayName("no token mixing: changing one patch changes the logits of that patch's pixels and of no other pixel")
    void patchesNeverSeeEachOther() {
        Tensor x = Tensor.rand(new Generator(3), 1, 1, 8, 12);
        Tensor changed = x.copy();
        for (int r = 4; r < 8; r++) {
            for (int c = 4; c < 8; c++) {
                changed.array()[r * 12 + c] += 1;
            }
        }
        Tensor a = model.forward(x), b = model.forward(changed);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 12; c++) {
                boolean inside = r >= 4 && c >= 4 && c < 8;
                double diff = 0;
                for (int k = 0; k < 3; k++) {
                    diff = Math.max(diff, Math.abs(a.get(0, k, r, c) - b.get(0, k, r, c)));
                }
                if (inside) {
                    assertThat(diff).as("pixel (%d, %d) inside the changed patch", r, c).isGreaterThan(0);
                } else {
                    assertThat(diff).as("pixel (%d, %d) outside the changed patch", r, c).isEqualTo(0.0);
                }
            }
        }
    }

    @Test
    @DisplayName("images of the wrong size are refused naming the shape")
    void wrongShape() {
        assertThatThrownBy(() -> model.forward(Tensor.zeros(1, 1, 12, 8))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 1, 12, 8]");
    }
}
