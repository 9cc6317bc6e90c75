package dojo.models.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * minGPT's sort task (generation): given {@value #LENGTH} digits from 0..{@value #DIGITS}-1, produce them in
 * ascending order. The model reads the concatenation {@code input ++ sorted} and is trained to predict
 * each next token of the sorted half under a causal mask; it is scored by exact match of the whole
 * greedy-decoded sorted half.
 *
 * <p>Generator: digits uniform; every input is unique across the three splits (asking for more than the
 * 3^6 = 729 distinct inputs is an error); each split shuffled with the seed.
 *
 * <p>Used by the ex14 suites (overfitting 20 sorts). It was the task of {@code ./dojo train text-generator}
 * until it turned out that a uniform causal mean of the embeddings also sorts (measured 0.99 exact match, the
 * no-mixing baseline 0.08): sorting needs only the counts of each digit, and a mean over the past is a counter.
 * The experiment now reverses ({@link ReverseSequences}), which needs a lookup of one earlier position.
 */
public final class SortSequences {

    public static final int DIGITS = 3;
    public static final int LENGTH = 6;

    /** Input digits and their sorted order. */
    public record Example(int[] input, int[] sorted) {
        public Example {
            input = input.clone();
            sorted = sorted.clone();
        }

        @Override
        public int[] input() {
            return input.clone();
        }

        @Override
        public int[] sorted() {
            return sorted.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Example e && Arrays.equals(e.input, input);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(input);
        }
    }

    private SortSequences() {
    }

    public static Split<Example> generate(long seed, int train, int validation, int test) {
        int distinct = (int) Math.pow(DIGITS, LENGTH);
        if (train + validation + test > distinct) {
            throw new IllegalArgumentException("only " + distinct + " distinct inputs exist, asked for " + (train + validation + test));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Set<Example> seen = new HashSet<>();
        List<Example> tr = part(rng, train, seen), va = part(rng, validation, seen), te = part(rng, test, seen);
        return new Split<>("sort", tr, va, te);
    }

    private static List<Example> part(SplittableRandom rng, int n, Set<Example> seen) {
        List<Example> out = new ArrayList<>(n);
        while (out.size() < n) {
            int[] in = new int[LENGTH];
            for (int i = 0; i < LENGTH; i++) in[i] = rng.nextInt(DIGITS);
            int[] s = in.clone();
            Arrays.sort(s);
            Example e = new Example(in, s);
            if (seen.add(e)) out.add(e);
        }
        LastTokenRepeats.shuffle(out, rng);
        return out;
    }
}
