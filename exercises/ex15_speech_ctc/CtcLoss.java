package ex15_speech_ctc;

import dojo.exercise.api.NotImplementedYet;
import dojo.tensor.Tensor;

/*
 * Part 2 of 3: the CTC loss (Graves et al. 2006). A model emits one distribution per frame over V labels
 * plus a blank; p(y) sums over every frame-level path that collapses to y (merge repeats, drop blanks).
 * The forward algorithm sums them in O(T * S) over the extended target  _ y1 _ y2 ... yL _  (S = 2L + 1):
 *
 *   alpha[0][0] = lp[0][_],  alpha[0][1] = lp[0][y1]
 *   alpha[t][s] = logAdd(alpha[t-1][s], alpha[t-1][s-1], alpha[t-1][s-2] *) + lp[t][ext[s]]
 *                 * only when ext[s] is a label and ext[s] != ext[s-2]: "a a" needs a blank in between
 *   loss_b = -logAdd(alpha[T-1][S-1], alpha[T-1][S-2]);   result = mean_b(loss_b / max(1, L_b))
 *
 * Work in log space (60 frames of probabilities near 0.1 underflow a double), and use max(a, b) +
 * log1p(exp(-|a - b|)) for logAdd, never max alone (that is the Viterbi score of the best path, not p).
 * An example that cannot fit (T_b < L_b + adjacent repeats) has an infinite loss: count it as 0.
 *
 * Backward: beta runs the same recursion from the end. The gradient of the mean loss with respect to
 * lp[b][t][k] is -exp(logsum_{s: ext[s] = k} (alpha[t][s] + beta[t][s]) - lp[t][k] - log p) / (B max(1, L_b))
 * for t < T_b, 0 elsewhere. Record it with Autograd.record so that loss.backward() reaches logProbs.
 */
final class CtcLoss {

    private CtcLoss() {
    }

    static Tensor compute(Tensor logProbs, int[] inputLengths, int[][] targets) {
        throw new NotImplementedYet();
    }
}
