package dojo.models;

import dojo.tensor.Tensor;
import java.util.Arrays;

/** Best-path CTC decoding (the framework's own, used to score every model the same way). */
public final class CtcDecoding {

    public static final int BLANK = 0;

    private CtcDecoding() {
    }

    /** Per example: argmax class per real frame (lowest index on ties), repeats merged, blanks dropped. */
    public static int[][] greedy(Tensor logProbs, int[] lengths) {
        if (logProbs.dim() != 3 || lengths.length != logProbs.size(0)) {
            throw new IllegalArgumentException("greedy CTC decoding: logProbs must be [B, T, C] with one length per example, shape is "
                    + Arrays.toString(logProbs.shape()) + " with " + lengths.length + " lengths");
        }
        int frames = logProbs.size(1), classes = logProbs.size(2);
        double[] lp = logProbs.toArray();
        int[][] out = new int[lengths.length][];
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 1 || lengths[b] > frames) throw new IllegalArgumentException("lengths[" + b + "] = " + lengths[b] + " is not in 1.." + frames);
            int[] labels = new int[lengths[b]];
            int n = 0, previous = -1;
            for (int t = 0; t < lengths[b]; t++) {
                int base = (b * frames + t) * classes, best = 0;
                for (int k = 1; k < classes; k++) if (lp[base + k] > lp[base + best]) best = k;
                if (best != BLANK && best != previous) labels[n++] = best;
                previous = best;
            }
            out[b] = Arrays.copyOf(labels, n);
        }
        return out;
    }
}
