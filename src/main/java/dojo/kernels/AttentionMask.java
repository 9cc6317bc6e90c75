package dojo.kernels;

/**
 * Which keys a query may attend to.
 *
 * @param causal query i sees keys {@code j <= i} only (top-left aligned, as
 *               {@code torch.nn.functional.scaled_dot_product_attention(is_causal=True)})
 * @param keyPadding {@code [batch][keys]}, {@code true} = ignore that key (as PyTorch's
 *                   {@code key_padding_mask}), or null for none
 */
public record AttentionMask(boolean causal, boolean[][] keyPadding) {

    public static AttentionMask none() {
        return new AttentionMask(false, null);
    }

    public static AttentionMask causalMask() {
        return new AttentionMask(true, null);
    }

    public static AttentionMask keyPadding(boolean[][] keyPadding) {
        return new AttentionMask(false, keyPadding);
    }

    public AttentionMask withKeyPadding(boolean[][] padding) {
        return new AttentionMask(causal, padding);
    }

    public AttentionMask withCausal(boolean isCausal) {
        return new AttentionMask(isCausal, keyPadding);
    }

    void check(String op, int batch, int keys) {
        if (keyPadding == null) return;
        if (keyPadding.length != batch) {
            throw new IllegalArgumentException(op + ": key padding mask has " + keyPadding.length
                    + " rows but batch is " + batch + " (expected [batch x keys] = [" + batch + " x " + keys + "])");
        }
        for (int b = 0; b < batch; b++) {
            if (keyPadding[b] == null || keyPadding[b].length != keys) {
                throw new IllegalArgumentException(op + ": key padding mask row " + b + " has "
                        + (keyPadding[b] == null ? "null" : keyPadding[b].length + " entries")
                        + " but there are " + keys + " keys (expected [batch x keys] = [" + batch + " x " + keys + "])");
            }
        }
    }

    boolean[] paddingOf(int batch) {
        return keyPadding == null ? null : keyPadding[batch];
    }
}
