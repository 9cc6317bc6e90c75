package ex16_image_segmenter;

/** Mean intersection over union over a whole evaluation set. */
public final class MeanIoU {

    private MeanIoU() {
    }

    public static double of(int[] predicted, int[] truth, int classes) {
        if (predicted == null || truth == null) {
            throw new IllegalArgumentException((predicted == null ? "predicted" : "truth") + " is null");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, was " + classes);
        }
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(predicted.length + " predicted labels for " + truth.length + " true labels");
        }
        if (predicted.length == 0) {
            throw new IllegalArgumentException("no pixels: mean IoU of an empty set is undefined");
        }
        // counts over the WHOLE set: IoU per image and then averaged would overweight small objects
        long[] intersection = new long[classes];
        long[] predictedCount = new long[classes];
        long[] truthCount = new long[classes];
        for (int i = 0; i < predicted.length; i++) {
            int p = label("predicted", predicted, i, classes);
            int t = label("truth", truth, i, classes);
            predictedCount[p]++;
            truthCount[t]++;
            if (p == t) {
                intersection[p]++;
            }
        }
        double sum = 0;
        int present = 0;
        for (int k = 0; k < classes; k++) {
            long union = predictedCount[k] + truthCount[k] - intersection[k];
            if (union == 0) {
                continue; // absent from both: no IoU, neither 0 nor 1
            }
            sum += (double) intersection[k] / union;
            present++;
        }
        return sum / present; // present >= 1: there is at least one pixel
    }

    private static int label(String name, int[] labels, int i, int classes) {
        int v = labels[i];
        if (v < 0 || v >= classes) {
            throw new IllegalArgumentException(name + "[" + i + "] = " + v + " is not a class in 0.." + (classes - 1));
        }
        return v;
    }
}
