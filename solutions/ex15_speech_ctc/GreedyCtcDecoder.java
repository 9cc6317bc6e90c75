package ex15_speech_ctc;

import dojo.tensor.Tensor;
import java.util.Arrays;

/** Best-path CTC decoding: argmax per frame, merge repeats, drop blanks (in that order). */
final class GreedyCtcDecoder {

    private GreedyCtcDecoder() {
    }

    static int[][] decode(Tensor logProbs, int[] lengths) {
        if (logProbs == null || logProbs.dim() != 3) {
            throw new IllegalArgumentException("greedyDecode: logProbs must be [B, T, C], shape is "
                    + (logProbs == null ? "null" : Arrays.toString(logProbs.shape())));
        }
        int batch = logProbs.size(0), frames = logProbs.size(1), classes = logProbs.size(2);
        if (lengths == null || lengths.length != batch) {
            throw new IllegalArgumentException("greedyDecode: need one length per example, batch is " + batch);
        }
        double[] lp = logProbs.toArray();
        int[][] out = new int[batch][];
        for (int b = 0; b < batch; b++) {
            if (lengths[b] < 1 || lengths[b] > frames) {
                throw new IllegalArgumentException("greedyDecode: lengths[" + b + "] = " + lengths[b] + " must be in 1.." + frames);
            }
            int[] labels = new int[lengths[b]];
            int n = 0;
            int previous = -1;
            for (int t = 0; t < lengths[b]; t++) {
                int base = (b * frames + t) * classes;
                int best = 0;
                for (int k = 1; k < classes; k++) if (lp[base + k] > lp[base + best]) best = k;
                // a label is emitted when it differs from the previous frame's class; a blank in between resets that
                if (best != CtcLoss.BLANK && best != previous) labels[n++] = best;
                previous = best;
            }
            out[b] = Arrays.copyOf(labels, n);
        }
        return out;
    }
}
