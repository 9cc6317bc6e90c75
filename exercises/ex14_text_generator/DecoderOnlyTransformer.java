package ex14_text_generator;

import dojo.exercise.api.KvCache;
import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.TextGeneratorConfig;
import dojo.exercise.api.TextGeneratorModel;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * Exercise ex14: the original interview document's C5 TextGenerator, corrected into a decoder-only causal
 * transformer (GPT-style, pre-LN). The full contract, with the PyTorch module it must equal, is the javadoc
 * of {@link TextGeneratorModel}:
 *
 * <pre>
 *   x = tok_emb(ids) + pos_emb(0..L-1)                      [B, L, E]
 *   for each block:  x = x + attn(ln1(x), causal mask)     query i sees keys 0..i only
 *                    x = x + fc2(gelu(fc1(ln2(x))))
 *   logits = head(ln_f(x))                                 [B, L, V]; row t predicts token t+1
 * </pre>
 *
 * Register, in this order and with these names (they become the state_dict keys): {@code tok_emb}
 * ({@code new Embedding(V, E, g)}), {@code pos_emb} ({@code new Embedding(maxLen, E, g)}), {@code blocks} (a
 * {@code ModuleList} of your {@link DecoderBlock}s), {@code ln_f} ({@code new LayerNorm(E)}), {@code head}
 * ({@code new Linear(E, V, false, g)}).
 *
 * <p>{@link #step} is generation's fast path: one new token per sequence at position {@code cache.length()}
 * (read it BEFORE block 0 appends), each block attending over its cached keys and values. Its logits must
 * equal the last row of {@link #forward} on the whole sequence so far, to 1e-12.
 *
 * Run: {@code ./dojo grade ex14_text_generator} or {@code mvn test}. Instructions: README.md next to this file.
 */
public final class DecoderOnlyTransformer extends TextGeneratorModel {

    public DecoderOnlyTransformer(TextGeneratorConfig c, Generator g) {
        super(c);
        throw new NotImplementedYet();
    }

    /** ids [B][L] -> logits [B, L, V] under a causal mask. */
    @Override
    public Tensor forward(int[][] ids) {
        throw new NotImplementedYet();
    }

    /** nextIds [B] at position cache.length() -> logits [B, V]; appends every block's key and value to the cache. */
    @Override
    public Tensor step(KvCache cache, int[] nextIds) {
        throw new NotImplementedYet();
    }
}
