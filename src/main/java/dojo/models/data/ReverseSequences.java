package dojo.models.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Sequence reversal (generation): given {@value #LENGTH} digits from 0..{@value #DIGITS}-1, produce them in
 * reverse order. The model reads {@code input ++ reversed} under a causal mask and is trained to predict
 * each next token of the reversed half; it is scored by exact match of the whole greedy-decoded half.
 *
 * <p>Generator: digits uniform and independent; every input is unique across the three splits; each split
 * shuffled with the seed.
 *
 * <p>Why attention: the output at step j is the input digit at one position, {@code LENGTH - 1 - j}, so the
 * decoder must fetch one specific earlier token. Token mixing with fixed weights is not enough: a uniform
 * mean of {@code tok_emb(x_s) + pos_emb(s)} over the past is the bag of past tokens plus a function of the
 * position, and two inputs with the same digits in another order give the same bag, the same current token
 * and position, and different next outputs ({@link #bestBagGuessExactMatch}: the best any function of the
 * current token, the position and the bag of past tokens can do is to guess one order of the multiset).
 */
public final class ReverseSequences {

    public static final int DIGITS = 10;
    public static final int LENGTH = 8;

    /** Input digits and the same digits reversed. */
    public record Example(int[] input, int[] reversed) {
        public Example {
            input = input.clone();
            reversed = reversed.clone();
        }

        @Override
        public int[] input() {
            return input.clone();
        }

        @Override
        public int[] reversed() {
            return reversed.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Example e && Arrays.equals(e.input, input);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(input);
        }

        @Override
        public String toString() {
            return "Example" + Arrays.toString(input) + "->" + Arrays.toString(reversed);
        }
    }

    private ReverseSequences() {
    }

    /** The example of one input (its digits reversed). */
    public static Example of(int... input) {
        if (input.length != LENGTH) throw new IllegalArgumentException("an input has " + LENGTH + " digits, got " + input.length);
        int[] r = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            if (input[i] < 0 || input[i] >= DIGITS) throw new IllegalArgumentException("digit " + input[i] + " is outside 0.." + (DIGITS - 1));
            r[i] = input[LENGTH - 1 - i];
        }
        return new Example(input, r);
    }

    public static Split<Example> generate(long seed, int train, int validation, int test) {
        if (train < 0 || validation < 0 || test < 0) throw new IllegalArgumentException("split sizes must not be negative");
        SplittableRandom rng = new SplittableRandom(seed);
        Set<Example> seen = new HashSet<>();
        List<Example> tr = part(rng, train, seen), va = part(rng, validation, seen), te = part(rng, test, seen);
        return new Split<>("reverse", tr, va, te);
    }

    /**
     * The expected exact match of the best possible decoder that sees, at every step, only the current token,
     * its position and the bag (multiset) of all tokens so far, averaged over {@code examples}: such a decoder
     * knows the first output (it is the current token, the last input digit) and the multiset of the other
     * {@code LENGTH - 1} input digits, whose order is uniform given the multiset (the digits are i.i.d.), so
     * whatever it emits, it is right with probability 1 / (the number of distinct orders of that multiset).
     * A uniform causal mean of additive token + position embeddings sees no more than this.
     */
    public static double bestBagGuessExactMatch(List<Example> examples) {
        double sum = 0;
        for (Example e : examples) {
            int[] counts = new int[DIGITS];
            for (int i = 0; i < LENGTH - 1; i++) counts[e.input[i]]++;
            double orders = factorial(LENGTH - 1);
            for (int c : counts) orders /= factorial(c);
            sum += 1 / orders;
        }
        return sum / examples.size();
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }

    private static List<Example> part(SplittableRandom rng, int n, Set<Example> seen) {
        List<Example> out = new ArrayList<>(n);
        while (out.size() < n) {
            int[] in = new int[LENGTH];
            for (int i = 0; i < LENGTH; i++) in[i] = rng.nextInt(DIGITS);
            Example e = of(in);
            if (seen.add(e)) out.add(e);
        }
        LastTokenRepeats.shuffle(out, rng);
        return out;
    }
}
