package dojo.models.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Synthetic speech for a CTC recognizer (seed model C6): spectrograms of 16 frequency bins made of 2-5
 * "phones", transcribed as the phone sequence. Nothing is downloaded; the same seed gives the same data.
 *
 * <p><b>Sounds.</b> Seven spectral templates, each a few frequency bands (Gaussian bumps of width 0.8
 * bin); two have a pitch glide (the band's centre moves linearly over the phone):
 * <pre>
 *   sound 0: bands at 2 and 9           sound 4: a band gliding 10 -> 6, a weaker one at 2
 *   sound 1: bands at 4 and 12          sound 5: bands at 6, 10 and 14
 *   sound 2: bands at 2 and 13          sound 6: the neutral vowel, a weak broad band at 8 and one at 14
 *   sound 3: a band gliding 3 -> 7, a weaker one at 12
 * </pre>
 * A phone lasts 8-12 frames with an envelope {@code sin(pi (t + 0.5) / d)^0.6} (so two equal phones in a
 * row show a dip between them), an amplitude in [0.6, 1.0], and every value gets Gaussian noise (sd 0.05).
 *
 * <p><b>Labels</b> (V = 8; 0 is reserved for the CTC blank). Phones 1-6 are sounds 0-5. The neutral vowel
 * (sound 6) is written 7 in a "front" word, whose first phone is 1, 2 or 3, and 8 in a "back" word, whose
 * first phone is 4, 5 or 6: vowel harmony. Labels 7 and 8 are <i>the same sound</i>, so telling them apart
 * needs the first phone of the utterance, which is 1-4 phones (8-48 frames) away; a model that sees only
 * a window of frames (a stack of convolutions, an MLP per frame) cannot. Utterances: 2-5 phones; the
 * first is one of 1-6 (uniform), every later one is the neutral vowel with probability 1/2, else one of
 * 1-6 (uniform; repeats happen), so about 70% of transcripts contain a 7 or an 8.
 *
 * <p>Splits are drawn one after the other from one {@link SplittableRandom}; no spectrogram repeats across
 * splits (the noise alone makes that certain; it is checked anyway).
 */
public final class SpokenPhones {

    /** Frequency bins per frame. */
    public static final int BINS = 16;
    /** Phone labels 1..PHONES (the CTC output has PHONES + 1 classes, blank = 0). */
    public static final int PHONES = 8;
    public static final int MIN_PHONES = 2, MAX_PHONES = 5;
    public static final int MIN_DURATION = 8, MAX_DURATION = 12;
    /** The longest utterance in frames. */
    public static final int MAX_FRAMES = MAX_PHONES * MAX_DURATION;
    /** The neutral vowel's labels in a front word and in a back word. */
    public static final int NEUTRAL_FRONT = 7, NEUTRAL_BACK = 8;
    public static final double NOISE = 0.05;
    private static final double WIDTH = 0.8;

    /** A band: centre from {@code start} to {@code end} over the phone (a glide when they differ), its weight. */
    private record Band(double start, double end, double weight) {
    }

    private static final Band[][] SOUNDS = {
            {new Band(2, 2, 1), new Band(9, 9, 0.8)},
            {new Band(4, 4, 1), new Band(12, 12, 0.8)},
            {new Band(2, 2, 1), new Band(13, 13, 0.8)},
            {new Band(3, 7, 1), new Band(12, 12, 0.6)},
            {new Band(10, 6, 1), new Band(2, 2, 0.6)},
            {new Band(6, 6, 1), new Band(10, 10, 0.8), new Band(14, 14, 0.6)},
            {new Band(8, 8, 0.7), new Band(14, 14, 0.5)},
    };

    private SpokenPhones() {
    }

    /** The sound (template 0-6) a label is spoken as: labels 7 and 8 are both sound 6. */
    public static int sound(int label) {
        if (label < 1 || label > PHONES) throw new IllegalArgumentException("phone labels are 1.." + PHONES + ", got " + label);
        return Math.min(label - 1, SOUNDS.length - 1);
    }

    /** True for a front word (first phone 1-3): its neutral vowels are written 7, else 8. */
    public static boolean isFront(int firstPhone) {
        return firstPhone <= 3;
    }

    /** Train, validation and test utterances (sizes >= 0), seeded. */
    public static Split<SpokenUtterance> generate(long seed, int train, int validation, int test) {
        if (train < 0 || validation < 0 || test < 0) throw new IllegalArgumentException("split sizes must be >= 0");
        SplittableRandom rng = new SplittableRandom(seed);
        Set<SpokenUtterance> seen = new HashSet<>();
        List<SpokenUtterance> a = draw(rng, train, seen), b = draw(rng, validation, seen), c = draw(rng, test, seen);
        return new Split<>("spoken-phones", a, b, c);
    }

    private static List<SpokenUtterance> draw(SplittableRandom rng, int n, Set<SpokenUtterance> seen) {
        List<SpokenUtterance> out = new ArrayList<>(n);
        while (out.size() < n) {
            SpokenUtterance u = utterance(rng);
            if (seen.add(u)) out.add(u);
        }
        return out;
    }

    /** One utterance: the transcript first (harmony applied), then its spectrogram. */
    public static SpokenUtterance utterance(SplittableRandom rng) {
        int n = MIN_PHONES + rng.nextInt(MAX_PHONES - MIN_PHONES + 1);
        int[] phones = new int[n];
        phones[0] = 1 + rng.nextInt(6);
        int neutral = isFront(phones[0]) ? NEUTRAL_FRONT : NEUTRAL_BACK;
        for (int i = 1; i < n; i++) phones[i] = rng.nextBoolean() ? neutral : 1 + rng.nextInt(6);
        return speak(phones, rng);
    }

    /** Renders a transcript: durations, amplitudes and noise from {@code rng}. */
    public static SpokenUtterance speak(int[] phones, SplittableRandom rng) {
        int[] durations = new int[phones.length];
        int frames = 0;
        for (int i = 0; i < phones.length; i++) {
            durations[i] = MIN_DURATION + rng.nextInt(MAX_DURATION - MIN_DURATION + 1);
            frames += durations[i];
        }
        double[] s = new double[frames * BINS];
        int t0 = 0;
        for (int i = 0; i < phones.length; i++) {
            render(SOUNDS[sound(phones[i])], durations[i], 0.6 + 0.4 * rng.nextDouble(), s, t0);
            t0 += durations[i];
        }
        for (int k = 0; k < s.length; k++) s[k] += NOISE * gaussian(rng);
        return new SpokenUtterance(s, frames, BINS, phones);
    }

    private static void render(Band[] bands, int d, double amplitude, double[] s, int t0) {
        for (int t = 0; t < d; t++) {
            double envelope = Math.pow(Math.sin(Math.PI * (t + 0.5) / d), 0.6);
            double progress = d == 1 ? 0 : (double) t / (d - 1);
            for (Band b : bands) {
                double centre = b.start + (b.end - b.start) * progress;
                for (int f = 0; f < BINS; f++) {
                    double z = (f - centre) / WIDTH;
                    s[(t0 + t) * BINS + f] += amplitude * envelope * b.weight * Math.exp(-0.5 * z * z);
                }
            }
        }
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
