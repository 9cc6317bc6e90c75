package dojo.models;

import dojo.exercise.api.SpectrogramBatch;
import dojo.models.data.SpokenUtterance;
import dojo.tensor.Tensor;
import java.util.List;

/** Utterances to a {@link SpectrogramBatch} padded with zero frames to the longest, and their transcripts. */
public final class SpeechBatches {

    private SpeechBatches() {
    }

    public static SpectrogramBatch of(List<SpokenUtterance> utterances) {
        int frames = utterances.stream().mapToInt(SpokenUtterance::frames).max().orElse(0);
        return of(utterances, frames);
    }

    /** Padded to {@code frames} (at least the longest utterance). */
    public static SpectrogramBatch of(List<SpokenUtterance> utterances, int frames) {
        if (utterances.isEmpty()) throw new IllegalArgumentException("a batch needs at least one utterance");
        int bins = utterances.get(0).bins();
        int n = utterances.size();
        double[] x = new double[n * frames * bins];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            SpokenUtterance u = utterances.get(i);
            if (u.bins() != bins) throw new IllegalArgumentException("utterance " + i + " has " + u.bins() + " bins, the first has " + bins);
            if (u.frames() > frames) throw new IllegalArgumentException("utterance " + i + " has " + u.frames() + " frames, more than " + frames);
            System.arraycopy(u.spectrogram(), 0, x, i * frames * bins, u.frames() * bins);
            lengths[i] = u.frames();
        }
        return new SpectrogramBatch(Tensor.of(x, n, frames, bins), lengths);
    }

    public static int[][] transcripts(List<SpokenUtterance> utterances) {
        return utterances.stream().map(SpokenUtterance::phones).toArray(int[][]::new);
    }
}
