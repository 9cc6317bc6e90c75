package dojo.models.data;

import java.util.Arrays;

/**
 * One synthetic utterance: a spectrogram of {@code frames} frames by {@code bins} frequency bins
 * (row-major {@code [frames, bins]}, no padding) and its transcript, the phone labels in order (1..V; 0 is
 * the CTC blank and never a label).
 */
public record SpokenUtterance(double[] spectrogram, int frames, int bins, int[] phones) {

    public SpokenUtterance {
        if (frames < 1 || bins < 1 || spectrogram.length != frames * bins) {
            throw new IllegalArgumentException(spectrogram.length + " values for a spectrogram of [" + frames + ", " + bins + "]");
        }
        for (int p : phones) {
            if (p < 1) throw new IllegalArgumentException("phone labels start at 1 (0 is the CTC blank), got " + p);
        }
        spectrogram = spectrogram.clone();
        phones = phones.clone();
    }

    @Override
    public double[] spectrogram() {
        return spectrogram.clone();
    }

    @Override
    public int[] phones() {
        return phones.clone();
    }

    /** The value at frame {@code t}, bin {@code f}. */
    public double value(int t, int f) {
        return spectrogram[t * bins + f];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpokenUtterance u && u.frames == frames && u.bins == bins && Arrays.equals(u.phones, phones)
                && Arrays.equals(u.spectrogram, spectrogram);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(spectrogram) + Arrays.hashCode(phones);
    }

    @Override
    public String toString() {
        return frames + " frames -> " + Arrays.toString(phones);
    }
}
