package ex14_text_generator;

import dojo.exercise.api.KvCache;
import dojo.exercise.api.TextGeneratorConfig;
import dojo.nn.AttentionMasks;
import dojo.nn.LayerNorm;
import dojo.nn.Linear;
import dojo.nn.Module;
import dojo.nn.MultiheadAttention;
import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * One pre-LN decoder block: {@code x + attn(ln1(x))} under a causal mask, then {@code x + fc2(gelu(fc1(ln2(x))))}.
 * Registration order = PyTorch's attribute order, so the state_dict names are {@code ln1.*}, {@code attn.*},
 * {@code ln2.*}, {@code fc1.*}, {@code fc2.*}.
 */
final class DecoderBlock extends Module {

    private final int heads;
    private final LayerNorm ln1;
    private final MultiheadAttention attn;
    private final LayerNorm ln2;
    private final Linear fc1;
    private final Linear fc2;

    DecoderBlock(TextGeneratorConfig c, Generator g) {
        this.heads = c.numHeads();
        this.ln1 = registerModule("ln1", new LayerNorm(c.dModel()));
        this.attn = registerModule("attn", new MultiheadAttention(c.dModel(), c.numHeads(), g));
        this.ln2 = registerModule("ln2", new LayerNorm(c.dModel()));
        this.fc1 = registerModule("fc1", new Linear(c.dModel(), c.dimFeedforward(), g));
        this.fc2 = registerModule("fc2", new Linear(c.dimFeedforward(), c.dModel(), g));
    }

    /** The whole sequence [B, L, E]: query i sees keys 0..i only (without the mask, position i would read the token it must predict). */
    Tensor forward(Tensor x) {
        Tensor h = ln1.forward(x);
        x = x.add(attn.forward(h, AttentionMasks.NONE.withCausal(true)));
        return x.add(mlp(x));
    }

    /**
     * One new token per sequence, x [B, 1, E]: the same computation as row L-1 of {@link #forward}, with the
     * keys and values of the earlier tokens read from the cache instead of recomputed. Every cached key is
     * in the past, so no mask is needed.
     */
    Tensor step(Tensor x, KvCache cache, int layer) {
        int b = x.size(0);
        int e = x.size(2);
        int d = e / heads;
        Tensor h = ln1.forward(x);
        Tensor qkv = Functional.linear(h, attn.inProjWeight(), attn.inProjBias());     // [B, 1, 3E]: rows q, k, v of in_proj
        Tensor q = splitHeads(qkv.narrow(2, 0, e), b, d);                                // [B, H, 1, D]
        Tensor k = splitHeads(qkv.narrow(2, e, e), b, d);
        Tensor v = splitHeads(qkv.narrow(2, 2 * e, e), b, d);
        Tensor keys = cache.keys(layer) == null ? k : Tensor.cat(2, cache.keys(layer), k);       // append in time order
        Tensor values = cache.values(layer) == null ? v : Tensor.cat(2, cache.values(layer), v);
        cache.put(layer, keys, values);
        Tensor weights = q.matmul(keys.transpose(-1, -2)).mul(1 / Math.sqrt(d)).softmax(-1);   // [B, H, 1, T]
        Tensor attended = weights.matmul(values).transpose(1, 2).reshape(b, 1, e);
        x = x.add(attn.outProj().forward(attended));
        return x.add(mlp(x));
    }

    private Tensor mlp(Tensor x) {
        return fc2.forward(fc1.forward(ln2.forward(x)).gelu());
    }

    private Tensor splitHeads(Tensor t, int b, int d) {
        return t.reshape(b, t.size(1), heads, d).transpose(1, 2);
    }
}
