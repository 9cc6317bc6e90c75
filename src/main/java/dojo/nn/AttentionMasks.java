package dojo.nn;

import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * The masks of one attention call, with PyTorch's conventions.
 *
 * @param keyPadding   [B, S] (or [S] unbatched); non-zero = that key is padding, ignore it; or null
 * @param attnMask     [L, S] or [B*H, L, S]; boolean (non-zero = not allowed) or additive (added to the
 *                     scores, -inf blocks); or null
 * @param additive     whether {@code attnMask} is additive rather than boolean
 * @param causal       query i may only attend to keys j <= i (in addition to the other masks)
 */
public record AttentionMasks(Tensor keyPadding, Tensor attnMask, boolean additive, boolean causal) {

    public static final AttentionMasks NONE = new AttentionMasks(null, null, false, false);

    public static AttentionMasks none() {
        return NONE;
    }

    public AttentionMasks withKeyPadding(Tensor mask) {
        return new AttentionMasks(mask, attnMask, additive, causal);
    }

    /** A boolean attention mask: non-zero = not allowed. */
    public AttentionMasks withBlocked(Tensor mask) {
        return new AttentionMasks(keyPadding, mask, false, causal);
    }

    /** An additive attention mask (float; -inf blocks). */
    public AttentionMasks withAdditive(Tensor mask) {
        return new AttentionMasks(keyPadding, mask, true, causal);
    }

    public AttentionMasks withCausal(boolean on) {
        return new AttentionMasks(keyPadding, attnMask, additive, on);
    }

    /**
     * One additive mask broadcastable to scores [B, H, L, S] (0 allowed, -inf blocked), or null when
     * nothing is masked.
     */
    Tensor toAdditive(int batch, int heads, int l, int s) {
        Tensor total = null;
        if (attnMask != null) {
            int[] sh = attnMask.shape();
            Tensor m;
            if (sh.length == 2 && sh[0] == l && sh[1] == s) {
                m = attnMask;
            } else if (sh.length == 3 && sh[0] == batch * heads && sh[1] == l && sh[2] == s) {
                m = attnMask.reshape(batch, heads, l, s);
            } else {
                throw new IllegalArgumentException("attention: attn_mask of shape " + Arrays.toString(sh) + " must be [L, S] = ["
                        + l + ", " + s + "] or [B*H, L, S] = [" + batch * heads + ", " + l + ", " + s + "]");
            }
            m = m.detach();
            total = additive ? m : Tensor.zeros(m.shape()).maskedFill(m, Double.NEGATIVE_INFINITY);
        }
        if (keyPadding != null) {
            int[] sh = keyPadding.shape();
            boolean ok = (sh.length == 2 && sh[0] == batch && sh[1] == s) || (sh.length == 1 && batch == 1 && sh[0] == s);
            if (!ok) {
                throw new IllegalArgumentException("attention: key_padding_mask of shape " + Arrays.toString(sh)
                        + " must be [B, S] = [" + batch + ", " + s + "]");
            }
            Tensor p = Tensor.zeros(batch, 1, 1, s).maskedFill(keyPadding.detach().reshape(batch, 1, 1, s), Double.NEGATIVE_INFINITY);
            total = total == null ? p : total.add(p);
        }
        if (causal) {
            Tensor c = Tensor.zeros(l, s).maskedFill(Tensor.causalMask(l, s), Double.NEGATIVE_INFINITY);
            total = total == null ? c : total.add(c);
        }
        return total;
    }
}
