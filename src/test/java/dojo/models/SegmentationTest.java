package dojo.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dojo.exercise.api.ImageSegmenterModel;
import dojo.models.data.RepeatedShapeSegmentation;
import dojo.models.data.SegmentationExample;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SegmentationTest {

    static final List<SegmentationExample> FEW = RepeatedShapeSegmentation.generate(3, 4, 6, 0, 0).train();

    /** A "model" that returns fixed logits, to test the objective alone. */
    static final class Fixed extends ImageSegmenterModel {
        private final Tensor logits;

        Fixed(Tensor logits) {
            this.logits = logits;
        }

        @Override
        public Tensor forward(Tensor images) {
            return logits;
        }
    }

    /** One-hot logits [B, K, H, W] of the true labels (the perfect segmentation). */
    static Tensor oneHot(List<SegmentationExample> examples, int classes) {
        int h = examples.get(0).height(), w = examples.get(0).width();
        double[] v = new double[examples.size() * classes * h * w];
        for (int b = 0; b < examples.size(); b++) {
            int[] labels = examples.get(b).labels();
            for (int p = 0; p < h * w; p++) {
                v[(b * classes + labels[p]) * h * w + p] = 5;
            }
        }
        return Tensor.of(v, examples.size(), classes, h, w);
    }

    @Test
    @DisplayName("pixel rows of [B, K, H, W] logits line up with the labels: the one-hot truth scores mIoU 1 and pixel accuracy 1")
    void rowsLineUpWithLabels() {
        Segmentation s = new Segmentation(new Fixed(oneHot(FEW, 3)), 3);
        SegmentationScore score = s.score(FEW);
        assertThat(score.meanIoU()).isEqualTo(1.0);
        assertThat(score.pixelAccuracy()).isEqualTo(1.0);
        assertThat(score.pixels()).isEqualTo(6 * 256);
    }

    @Test
    @DisplayName("the loss is the cross-entropy averaged over every pixel of every image")
    void lossAveragesOverPixels() {
        Tensor logits = Tensor.randn(new Generator(4), 6, 3, 16, 16);
        Tensor loss = new Segmentation(new Fixed(logits), 3).loss(FEW);
        int[] labels = Segmentation.labels(FEW);
        double sum = 0;
        for (int b = 0; b < 6; b++) {
            for (int p = 0; p < 256; p++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 3; k++) {
                    max = Math.max(max, logits.get(b, k, p / 16, p % 16));
                }
                double z = 0;
                for (int k = 0; k < 3; k++) {
                    z += Math.exp(logits.get(b, k, p / 16, p % 16) - max);
                }
                sum += -(logits.get(b, labels[b * 256 + p], p / 16, p % 16) - max - Math.log(z));
            }
        }
        assertThat(loss.item()).isCloseTo(sum / (6 * 256), within(1e-12));
        assertThat(loss.item()).isCloseTo(Functional.crossEntropy(Segmentation.pixelRows(logits), labels).item(), within(1e-15));
    }

    @Test
    @DisplayName("all background scores its pixel accuracy (~0.87 here) but a mean IoU of under a third")
    void allBackgroundIsPunishedByMeanIoU() {
        Segmentation s = new Segmentation(new Fixed(Tensor.zeros(6, 3, 16, 16)), 3);   // ties: argmax picks class 0
        SegmentationScore score = s.score(FEW);
        assertThat(score.pixelAccuracy()).isBetween(0.8, 0.95);
        assertThat(score.meanIoU()).isCloseTo(score.pixelAccuracy() / 3, within(1e-12));
        assertThat(score.iou(1)).isEqualTo(0.0);
    }

    @Test
    @DisplayName("SegmentationScore: per-class IoU, NaN for an absent class, mean over present classes, counts that add up")
    void scoreDefinition() {
        SegmentationScore s = SegmentationScore.of(new int[] {0, 0, 1, 1, 2, 2, 0, 1}, new int[] {0, 1, 1, 1, 2, 0, 0, 2}, 4);
        assertThat(s.iou(0)).isEqualTo(0.5);
        assertThat(s.iou(1)).isEqualTo(0.5);
        assertThat(s.iou(2)).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(s.iou(3)).isNaN();
        assertThat(s.meanIoU()).isCloseTo(4.0 / 9, within(1e-15));
        assertThat(s.pixelAccuracy()).isEqualTo(5.0 / 8);
        assertThat(s.plus(new int[] {3}, new int[] {3}).meanIoU()).isCloseTo((4.0 / 3 + 1) / 4, within(1e-15));
        assertThat(SegmentationScore.of(new int[0], new int[0], 2).meanIoU()).isNaN();
        assertThatThrownBy(() -> SegmentationScore.of(new int[] {0, 3}, new int[] {0, 1}, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pixel 1");
    }
}
