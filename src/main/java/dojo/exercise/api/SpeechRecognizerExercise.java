package dojo.exercise.api;

import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * Exercise ex15_speech_ctc: a CTC speech recognizer in three parts, each graded on its own.
 *
 * <ol>
 * <li>{@link #build}: the model ({@link SpeechRecognizerModel} has the architecture and its PyTorch twin).</li>
 * <li>{@link #ctcLoss}: the CTC loss, equal to
 * {@code F.ctc_loss(logProbs.transpose(0, 1), targets, inputLengths, targetLengths, blank=0,
 * reduction='mean', zero_infinity=True)}.</li>
 * <li>{@link #greedyDecode}: best-path decoding.</li>
 * </ol>
 */
public interface SpeechRecognizerExercise {

    /** A new model with freshly initialised weights drawn from {@code generator}. */
    SpeechRecognizerModel build(SpeechRecognizerConfig config, Generator generator);

    /**
     * The CTC loss (Graves et al. 2006), averaged like PyTorch's {@code reduction='mean'}.
     *
     * <p>{@code logProbs} is [B, T, C] (batch first, like the model's output; PyTorch's ctc_loss wants
     * [T, B, C]), each row a log-probability distribution; class 0 is the blank. Example b uses its first
     * {@code inputLengths[b]} frames (1..T) and has the transcript {@code targets[b]} (labels 1..C-1,
     * possibly empty, possibly with repeats). Its loss is {@code -log p(targets[b] | frames)}, the sum over
     * every alignment that collapses to the transcript (merge repeats, then drop blanks), computed in log
     * space with the forward algorithm over the extended label sequence {@code blank, l1, blank, l2, ...,
     * blank}. The result is the mean over b of {@code loss_b / max(1, |targets[b]|)}, a scalar. An example
     * whose transcript cannot fit ({@code inputLengths[b] < |targets[b]| + the number of adjacent equal
     * labels}) has an infinite loss, counted as 0 with a zero gradient ({@code zero_infinity=True}).
     *
     * <p>The result takes part in autograd: its gradient reaches {@code logProbs} when that requires one.
     * The gradient is the true derivative with respect to {@code logProbs} (-occupancy / (B * max(1, |target|))
     * at frames t < inputLengths[b], 0 elsewhere), so it passes {@code GradCheck} on a free logProbs
     * tensor. (PyTorch's ctc_loss returns {@code exp(logProbs)} minus that occupancy instead, which is the
     * same gradient once it flows back through the log_softmax that made logProbs.) Inputs are never modified.
     *
     * @throws IllegalArgumentException naming the problem for: logProbs not 3-D, lengths or targets not
     *     one per example, an input length outside 1..T, a label outside 1..C-1
     */
    Tensor ctcLoss(Tensor logProbs, int[] inputLengths, int[][] targets);

    /**
     * Best-path (greedy) CTC decoding: for each example, the most likely class at each of its first
     * {@code lengths[b]} frames (the lowest class index on a tie), consecutive repeats merged, then blanks
     * (class 0) dropped. {@code [a, a, 0, a, b, b]} decodes to {@code [a, a, b]}: a blank separates two
     * equal labels. Returns one array per example (possibly empty).
     *
     * @throws IllegalArgumentException when logProbs is not [B, T, C] or a length is outside 1..T
     */
    int[][] greedyDecode(Tensor logProbs, int[] lengths);
}
