package ex14_text_generator;

import dojo.exercise.api.KvCache;
import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.TextGeneratorConfig;
import dojo.nn.Module;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * One pre-LN decoder block (a suggestion: reshape the code as you like, only the state_dict names count):
 * register {@code ln1} ({@code new LayerNorm(E)}), {@code attn} ({@code new MultiheadAttention(E, H, g)}),
 * {@code ln2}, {@code fc1} ({@code new Linear(E, F, g)}), {@code fc2} ({@code new Linear(F, E, g)}), in this order.
 *
 * <pre>
 *   forward(x [B, L, E]):   h = ln1(x);  x = x + attn.forward(h, AttentionMasks.NONE.withCausal(true));
 *                           return x + fc2(gelu(fc1(ln2(x))))
 *   step(x [B, 1, E]):      the same for the one new token, with attention written out:
 *                           q, k, v = slices [0,E), [E,2E), [2E,3E) of Functional.linear(ln1(x), attn.inProjWeight(), attn.inProjBias())
 *                           heads: [B, 1, E] -> [B, H, 1, E/H];  keys = cat(cached keys, k) along dim 2, same for values;
 *                           cache.put(layer, keys, values);  softmax(q keys^T / sqrt(E/H)) values -> [B, 1, E] -> attn.outProj()
 * </pre>
 */
final class DecoderBlock extends Module {

    DecoderBlock(TextGeneratorConfig c, Generator g) {
        throw new NotImplementedYet();
    }

    /** The whole sequence [B, L, E] under a causal mask. */
    Tensor forward(Tensor x) {
        throw new NotImplementedYet();
    }

    /** One new token per sequence, x [B, 1, E], attending over block {@code layer}'s cache (which it extends). */
    Tensor step(Tensor x, KvCache cache, int layer) {
        throw new NotImplementedYet();
    }
}
