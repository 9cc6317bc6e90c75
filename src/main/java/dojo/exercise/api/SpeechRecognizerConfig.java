package dojo.exercise.api;

/**
 * Sizes of the speech recognizer of exercise ex15_speech_ctc (the original interview document's C6
 * {@code VoiceRecognizer}, corrected).
 *
 * @param features    F, frequency bins per input frame (the channels of the first Conv1d)
 * @param phones      V, phone labels 1..V; the model outputs V + 1 classes, class 0 being the CTC blank
 * @param dModel      d, the channels of both convolutions and the width of the encoder
 * @param heads       attention heads; d must be divisible by it
 * @param feedForward the encoder's feed-forward width
 * @param layers      encoder layers
 * @param maxFrames   the longest input in frames; the position table has {@link #maxOutputFrames()} rows
 */
public record SpeechRecognizerConfig(int features, int phones, int dModel, int heads, int feedForward, int layers, int maxFrames) {

    public SpeechRecognizerConfig {
        if (features < 1 || phones < 1 || dModel < 1 || heads < 1 || feedForward < 1 || layers < 1 || maxFrames < 1) {
            throw new IllegalArgumentException("every size of a SpeechRecognizerConfig must be positive, got " + this);
        }
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " must be divisible by heads " + heads);
        }
    }

    /** V + 1: the phones and the blank (class 0). */
    public int classes() {
        return phones + 1;
    }

    /** Output frames for the longest input: two stride-2 convolutions, {@link #subsampled(int)} of maxFrames. */
    public int maxOutputFrames() {
        return subsampled(maxFrames);
    }

    /**
     * Frames left after the two {@code Conv1d(kernel_size=3, stride=2, padding=1)}: each maps L frames to
     * {@code floor((L + 2*1 - 3) / 2) + 1 = ceil(L / 2)}, so {@code ceil(ceil(L / 2) / 2)}.
     */
    public static int subsampled(int frames) {
        int once = (frames + 1) / 2;
        return (once + 1) / 2;
    }
}
