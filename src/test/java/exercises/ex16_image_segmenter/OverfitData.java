package exercises.ex16_image_segmenter;

import dojo.exercise.api.ImageSegmenterModel;
import dojo.models.data.SegmentationExample;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.util.List;

/** Images and labels of a few examples as tensors, and how many pixels a model gets wrong. */
final class OverfitData {

    private OverfitData() {
    }

    static Tensor images(List<SegmentationExample> data) {
        SegmentationExample first = data.get(0);
        int hw = first.height() * first.width();
        double[] px = new double[data.size() * hw];
        for (int i = 0; i < data.size(); i++) {
            System.arraycopy(data.get(i).pixels(), 0, px, i * hw, hw);
        }
        return Tensor.of(px, data.size(), 1, first.height(), first.width());
    }

    static int[] labels(List<SegmentationExample> data) {
        int hw = data.get(0).height() * data.get(0).width();
        int[] out = new int[data.size() * hw];
        for (int i = 0; i < data.size(); i++) {
            System.arraycopy(data.get(i).labels(), 0, out, i * hw, hw);
        }
        return out;
    }

    static int wrongPixels(ImageSegmenterModel model, Tensor images, int[] labels) {
        int[] predicted;
        try (var off = Autograd.noGrad()) {
            predicted = model.forward(images).argmax(1, false).toIntArray();
        }
        int wrong = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] != labels[i]) {
                wrong++;
            }
        }
        return wrong;
    }
}
