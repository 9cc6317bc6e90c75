package dojo.models;

/**
 * Confusion counts of a segmentation over a whole evaluation set, and the scores derived from them: per-class
 * IoU (NaN for a class absent from both prediction and truth), mean IoU over the classes that have one, and
 * pixel accuracy. The experiment's own metric (the learner's mean IoU of ex16 is graded against the same
 * definition).
 */
public record SegmentationScore(long[] intersection, long[] predicted, long[] truth, long pixels, long correct) {

    public SegmentationScore {
        intersection = intersection.clone();
        predicted = predicted.clone();
        truth = truth.clone();
    }

    /** Counts of {@code predicted} against {@code truth} (same length, labels in 0..classes-1). */
    public static SegmentationScore of(int[] predictedLabels, int[] trueLabels, int classes) {
        return new SegmentationScore(new long[classes], new long[classes], new long[classes], 0, 0).plus(predictedLabels, trueLabels);
    }

    /** These counts plus those of more pixels. */
    public SegmentationScore plus(int[] predictedLabels, int[] trueLabels) {
        if (predictedLabels.length != trueLabels.length) {
            throw new IllegalArgumentException(predictedLabels.length + " predicted labels for " + trueLabels.length + " true labels");
        }
        int k = intersection.length;
        long[] in = intersection.clone(), pr = predicted.clone(), tr = truth.clone();
        long ok = correct;
        for (int i = 0; i < trueLabels.length; i++) {
            int p = predictedLabels[i], t = trueLabels[i];
            if (p < 0 || p >= k || t < 0 || t >= k) {
                throw new IllegalArgumentException("label out of 0.." + (k - 1) + " at pixel " + i + ": predicted " + p + ", true " + t);
            }
            pr[p]++;
            tr[t]++;
            if (p == t) {
                in[p]++;
                ok++;
            }
        }
        return new SegmentationScore(in, pr, tr, pixels + trueLabels.length, ok);
    }

    public int classes() {
        return intersection.length;
    }

    /** IoU of class k, NaN when k occurs in neither prediction nor truth. */
    public double iou(int k) {
        long union = predicted[k] + truth[k] - intersection[k];
        return union == 0 ? Double.NaN : (double) intersection[k] / union;
    }

    /** Mean of the per-class IoUs that exist (NaN when there are no pixels). */
    public double meanIoU() {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < classes(); k++) {
            double v = iou(k);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    public double pixelAccuracy() {
        return pixels == 0 ? Double.NaN : (double) correct / pixels;
    }
}
