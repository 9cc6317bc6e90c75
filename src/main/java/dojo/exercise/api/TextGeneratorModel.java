package dojo.exercise.api;

import dojo.nn.Module;
import dojo.tensor.Tensor;
import java.util.Objects;

/**
 * The decoder-only causal transformer of exercise ex14_text_generator (GPT-style, pre-LN), equal to this
 * PyTorch module (float64, {@code scripts/golden/ex14_text_generator.py}), whose state_dict names the
 * learner's module must have:
 * <pre>
 * class Block(nn.Module):
 *     def __init__(s, d, heads, ff):
 *         s.ln1 = nn.LayerNorm(d)
 *         s.attn = nn.MultiheadAttention(d, heads, batch_first=True)   # in_proj_weight [3E, E], in_proj_bias,
 *         s.ln2 = nn.LayerNorm(d)                                      # out_proj.weight [E, E], out_proj.bias
 *         s.fc1 = nn.Linear(d, ff)
 *         s.fc2 = nn.Linear(ff, d)
 *     def forward(s, x, causal):              # causal: [L, L] bool, True above the diagonal (= not allowed)
 *         h = s.ln1(x)
 *         x = x + s.attn(h, h, h, attn_mask=causal, need_weights=False)[0]
 *         return x + s.fc2(F.gelu(s.fc1(s.ln2(x))))                  # exact (erf) GELU
 *
 * class TextGenerator(nn.Module):
 *     def __init__(s, vocab, max_len, d, heads, ff, layers):
 *         s.tok_emb = nn.Embedding(vocab, d)
 *         s.pos_emb = nn.Embedding(max_len, d)                          # learned positions 0..max_len-1
 *         s.blocks = nn.ModuleList([Block(d, heads, ff) for _ in range(layers)])
 *         s.ln_f = nn.LayerNorm(d)
 *         s.head = nn.Linear(d, vocab, bias=False)
 *     def forward(s, ids):                                              # ids [B, L] -> logits [B, L, V]
 *         L = ids.shape[1]
 *         x = s.tok_emb(ids) + s.pos_emb(torch.arange(L))
 *         causal = torch.triu(torch.ones(L, L, dtype=torch.bool), 1)
 *         for b in s.blocks: x = b(x, causal)
 *         return s.head(s.ln_f(x))
 * </pre>
 * Keys: {@code tok_emb.weight} [V, E], {@code pos_emb.weight} [maxLen, E], {@code blocks.N.ln1.weight|bias},
 * {@code blocks.N.attn.in_proj_weight} [3E, E], {@code blocks.N.attn.in_proj_bias} [3E],
 * {@code blocks.N.attn.out_proj.weight|bias}, {@code blocks.N.ln2.weight|bias}, {@code blocks.N.fc1.weight}
 * [F, E], {@code blocks.N.fc1.bias}, {@code blocks.N.fc2.weight} [E, F], {@code blocks.N.fc2.bias},
 * {@code ln_f.weight|bias}, {@code head.weight} [V, E] (no bias). LayerNorm eps 1e-5, no dropout.
 *
 * <p>Two ways to run it, which must agree (to 1e-12 in double):
 * <ul>
 *   <li>{@link #forward(int[][])}: the whole sequence at once (training, teacher forcing), logits [B, L, V]
 *       where row t predicts token t+1 and depends only on tokens 0..t (the causal mask);</li>
 *   <li>{@link #step(KvCache, int[])}: one new token per sequence at position {@code cache.length()};
 *       each block appends the token's key and value to the cache and attends over every cached key
 *       (no mask needed: the cache holds only the past). Calling it for tokens x0, x1, ..., xt on a fresh
 *       {@link #newCache} returns, at every call, the last row of {@code forward} on x0..xt.</li>
 * </ul>
 * Errors ({@link IllegalArgumentException}, naming the shape or id): null, empty or ragged ids, an id outside
 * 0..V-1, a sequence longer than maxLen (forward, or a step when the cache already holds maxLen tokens), a
 * step whose {@code nextIds} length differs from the cache's batch or whose cache has another layer count.
 */
public abstract class TextGeneratorModel extends Module {

    private final TextGeneratorConfig config;

    protected TextGeneratorModel(TextGeneratorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public final TextGeneratorConfig config() {
        return config;
    }

    /** Logits [B, L, V] for ids [B][L] (rectangular, 1 <= L <= maxLen); takes part in autograd. */
    public abstract Tensor forward(int[][] ids);

    /** Consumes {@code nextIds[b]} for every sequence b at position {@code cache.length()}; the logits of the next token, [B, V]. */
    public abstract Tensor step(KvCache cache, int[] nextIds);

    /** An empty cache for {@code batch} sequences through this model's blocks. */
    public KvCache newCache(int batch) {
        return new KvCache(batch, config.numLayers());
    }
}
