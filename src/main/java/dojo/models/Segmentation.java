package dojo.models;

import dojo.exercise.api.ImageSegmenterModel;
import dojo.models.data.SegmentationExample;
import dojo.tensor.Functional;
import dojo.tensor.Tensor;
import java.util.List;

/**
 * Per-pixel cross-entropy training and mean IoU of an {@link ImageSegmenterModel} on single-channel images:
 * logits [B, K, H, W] are scored against every pixel's class (the loss averages over all B*H*W pixels, as
 * {@code F.cross_entropy(logits, labels)} with labels [B, H, W] does); the metric is mean IoU over the whole
 * set ({@link SegmentationScore}).
 */
public record Segmentation(ImageSegmenterModel model, int classes) implements Objective<SegmentationExample> {

    /** [batch, 1, height, width]. */
    public static Tensor images(List<SegmentationExample> examples) {
        SegmentationExample first = examples.get(0);
        int hw = first.height() * first.width();
        double[] px = new double[examples.size() * hw];
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(examples.get(i).pixels(), 0, px, i * hw, hw);
        }
        return Tensor.of(px, examples.size(), 1, first.height(), first.width());
    }

    /** Every pixel's class, images one after the other, rows then columns ([B, H, W] flattened). */
    public static int[] labels(List<SegmentationExample> examples) {
        SegmentationExample first = examples.get(0);
        int hw = first.height() * first.width();
        int[] out = new int[examples.size() * hw];
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(examples.get(i).labels(), 0, out, i * hw, hw);
        }
        return out;
    }

    /** [B, K, H, W] logits to [B*H*W, K] rows in the order of {@link #labels}. */
    public static Tensor pixelRows(Tensor logits) {
        return logits.permute(0, 2, 3, 1).reshape(-1, logits.size(1));
    }

    /** The arg-max class of every pixel, in the order of {@link #labels}. */
    public static int[] predict(ImageSegmenterModel model, List<SegmentationExample> examples) {
        return model.forward(images(examples)).argmax(1, false).toIntArray();
    }

    @Override
    public Tensor loss(List<SegmentationExample> batch) {
        return Functional.crossEntropy(pixelRows(model.forward(images(batch))), labels(batch));
    }

    @Override
    public double metric(List<SegmentationExample> examples) {
        return score(examples).meanIoU();
    }

    /** The confusion counts over examples, in chunks of 256 images. */
    public SegmentationScore score(List<SegmentationExample> examples) {
        SegmentationScore s = SegmentationScore.of(new int[0], new int[0], classes);
        for (int from = 0; from < examples.size(); from += 256) {
            List<SegmentationExample> part = examples.subList(from, Math.min(examples.size(), from + 256));
            s = s.plus(predict(model, part), labels(part));
        }
        return s;
    }
}
