package dojo.exercise.api;

import java.util.Arrays;

/**
 * Which keys each query may attend to, in the four forms PyTorch uses; all given forms apply together.
 *
 * <ul>
 *   <li>{@code isCausal}: query i may attend to key j only when {@code j <= i}. Top-left aligned, as
 *       PyTorch's {@code is_causal} / {@code torch.ones(Lq, Lk).tril()}: with Lq != Lk, query 0 sees
 *       key 0 only, and keys after the last query's index are never seen.</li>
 *   <li>{@code keyPadding} [Lk]: {@code true} = ignore that key for every query (PyTorch's
 *       {@code key_padding_mask}, True = padding). Null = no padding.</li>
 *   <li>{@code blocked} [Lq][Lk]: {@code true} = query i may not attend to key j (PyTorch's boolean
 *       {@code attn_mask}, True = not allowed). Null = nothing blocked.</li>
 *   <li>{@code additive} [Lq][Lk]: added to the scaled scores before the softmax (PyTorch's float
 *       {@code attn_mask}); {@code -Infinity} blocks a key, finite values bias it. NaN and
 *       {@code +Infinity} are rejected. Null = nothing added.</li>
 * </ul>
 *
 * <p>A query whose keys are all blocked has an all-zero weights row and an all-zero output row in this
 * project (PyTorch returns NaN there). Build masks with {@link #none()} or {@link #causal()} and the
 * {@code with...} methods, which return a new mask with that one form replaced:
 * {@code Mask.causal().withKeyPadding(pad)}. The arrays are copied on construction; treat what the
 * accessors return as read-only.
 */
public record Mask(boolean isCausal, boolean[] keyPadding, boolean[][] blocked, float[][] additive) {

    private static final Mask NONE = new Mask(false, null, null, null);
    private static final Mask CAUSAL = new Mask(true, null, null, null);

    /** Validates that each given array is rectangular and the additive mask has no NaN or +Infinity; copies them. */
    public Mask {
        keyPadding = keyPadding == null ? null : keyPadding.clone();
        blocked = copyRectangular("blocked", blocked);
        additive = copyRectangular("additive", additive);
        if (additive != null) {
            for (int i = 0; i < additive.length; i++) {
                for (int j = 0; j < additive[i].length; j++) {
                    float a = additive[i][j];
                    if (Float.isNaN(a) || a == Float.POSITIVE_INFINITY) {
                        throw new IllegalArgumentException("additive mask has " + a + " at [" + i + "][" + j
                                + "]: only finite values and -Infinity (= blocked) are allowed");
                    }
                }
            }
        }
    }

    /** No masking at all: plain attention. */
    public static Mask none() {
        return NONE;
    }

    /** Causal only: query i sees keys 0..i. */
    public static Mask causal() {
        return CAUSAL;
    }

    /** This mask with causal masking switched on or off. */
    public Mask withCausal(boolean on) {
        return new Mask(on, keyPadding, blocked, additive);
    }

    /** This mask with the key padding replaced: {@code ignoreKey[j] == true} hides key j from every query. */
    public Mask withKeyPadding(boolean[] ignoreKey) {
        return new Mask(isCausal, ignoreKey, blocked, additive);
    }

    /** This mask with the boolean mask replaced: {@code notAllowed[i][j] == true} hides key j from query i. */
    public Mask withBlocked(boolean[][] notAllowed) {
        return new Mask(isCausal, keyPadding, notAllowed, additive);
    }

    /** This mask with the additive mask replaced: {@code add[i][j]} is added to score (i, j) before the softmax. */
    public Mask withAdditive(float[][] add) {
        return new Mask(isCausal, keyPadding, blocked, add);
    }

    /** True when no form is given: the mask changes nothing. */
    public boolean isNone() {
        return !isCausal && keyPadding == null && blocked == null && additive == null;
    }

    /**
     * Checks that the given forms fit Lq queries and Lk keys.
     *
     * @throws IllegalArgumentException naming the form and both shapes, e.g.
     *         {@code "key padding mask is [4] but there are 5 keys: it needs one entry per key (length Lk = 5)"}
     */
    public void requireFits(int lq, int lk) {
        if (keyPadding != null && keyPadding.length != lk) {
            throw new IllegalArgumentException("key padding mask is [" + keyPadding.length + "] but there are "
                    + lk + " keys: it needs one entry per key (length Lk = " + lk + ")");
        }
        if (blocked != null && !fits(blocked.length, blocked.length == 0 ? 0 : blocked[0].length, lq, lk)) {
            throw new IllegalArgumentException("blocked mask is " + Shapes.describe(blocked) + " but the scores are ["
                    + lq + " x " + lk + "] (Lq x Lk): it needs one entry per (query, key)");
        }
        if (additive != null && !fits(additive.length, additive.length == 0 ? 0 : additive[0].length, lq, lk)) {
            throw new IllegalArgumentException("additive mask is " + Shapes.describe(additive) + " but the scores are ["
                    + lq + " x " + lk + "] (Lq x Lk): it needs one entry per (query, key)");
        }
    }

    private static boolean fits(int rows, int cols, int lq, int lk) {
        return rows == lq && cols == lk;
    }

    private static boolean[][] copyRectangular(String what, boolean[][] m) {
        if (m == null) {
            return null;
        }
        boolean[][] copy = new boolean[m.length][];
        for (int r = 0; r < m.length; r++) {
            if (m[r] == null || m[r].length != m[0].length) {
                throw new IllegalArgumentException(what + " mask is " + Shapes.describe(m) + ": it must be rectangular");
            }
            copy[r] = m[r].clone();
        }
        return copy;
    }

    private static float[][] copyRectangular(String what, float[][] m) {
        if (m == null) {
            return null;
        }
        float[][] copy = new float[m.length][];
        for (int r = 0; r < m.length; r++) {
            if (m[r] == null || m[r].length != m[0].length) {
                throw new IllegalArgumentException(what + " mask is " + Shapes.describe(m) + ": it must be rectangular");
            }
            copy[r] = m[r].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Mask that
                && isCausal == that.isCausal
                && Arrays.equals(keyPadding, that.keyPadding)
                && Arrays.deepEquals(blocked, that.blocked)
                && Arrays.deepEquals(additive, that.additive);
    }

    @Override
    public int hashCode() {
        int h = Boolean.hashCode(isCausal);
        h = 31 * h + Arrays.hashCode(keyPadding);
        h = 31 * h + Arrays.deepHashCode(blocked);
        return 31 * h + Arrays.deepHashCode(additive);
    }

    /** Which forms are present, with their shapes. */
    @Override
    public String toString() {
        if (isNone()) {
            return "Mask[none]";
        }
        StringBuilder sb = new StringBuilder("Mask[");
        String sep = "";
        if (isCausal) {
            sb.append("causal");
            sep = ", ";
        }
        if (keyPadding != null) {
            sb.append(sep).append("keyPadding ").append(Shapes.describe(keyPadding));
            sep = ", ";
        }
        if (blocked != null) {
            sb.append(sep).append("blocked ").append(Shapes.describe(blocked));
            sep = ", ";
        }
        if (additive != null) {
            sb.append(sep).append("additive ").append(Shapes.describe(additive));
        }
        return sb.append(']').toString();
    }
}
