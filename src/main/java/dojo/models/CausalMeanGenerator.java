package dojo.models;

import dojo.exercise.api.KvCache;
import dojo.exercise.api.TextGeneratorConfig;
import dojo.exercise.api.TextGeneratorModel;
import dojo.nn.Embedding;
import dojo.nn.Linear;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * The text generator's no-attention baseline, trained and decoded exactly like the transformer (it is a
 * {@link TextGeneratorModel}, with a cache). Position t sees {@code e_t = tok_emb(x_t) + pos_emb(t)} and,
 * with {@code causalMean}, the uniform mean of {@code e_0..e_t}: token mixing, but with fixed weights that no
 * query chooses. Then {@code fc2(relu(fc1([e_t, mean])))}. Without {@code causalMean} each position sees only
 * its own token and position (no mixing at all). The cache holds the embeddings e [B, 1, T, E] as keys and values.
 */
public final class CausalMeanGenerator extends TextGeneratorModel {

    private final boolean causalMean;
    private final Embedding tokEmb;
    private final Embedding posEmb;
    private final Linear fc1;
    private final Linear fc2;

    public CausalMeanGenerator(int vocab, int maxLen, int dModel, int hidden, boolean causalMean, Generator g) {
        super(new TextGeneratorConfig(vocab, maxLen, dModel, 1, hidden, 1));
        this.causalMean = causalMean;
        this.tokEmb = registerModule("tok_emb", new Embedding(vocab, dModel, g));
        this.posEmb = registerModule("pos_emb", new Embedding(maxLen, dModel, g));
        this.fc1 = registerModule("fc1", new Linear(causalMean ? 2 * dModel : dModel, hidden, g));
        this.fc2 = registerModule("fc2", new Linear(hidden, vocab, g));
    }

    @Override
    public Tensor forward(int[][] ids) {
        int b = ids.length;
        int l = ids[0].length;
        if (l > config().maxLen()) throw new IllegalArgumentException("ids are [" + b + "][" + l + "] but maxLen is " + config().maxLen());
        int[] flat = new int[b * l];
        for (int i = 0; i < b; i++) System.arraycopy(ids[i], 0, flat, i * l, l);
        int[] positions = new int[l];
        for (int t = 0; t < l; t++) positions[t] = t;
        Tensor e = tokEmb.forward(flat, b, l).add(posEmb.forward(positions, l));          // [B, L, E]
        if (!causalMean) return head(e);
        double[] avg = new double[l * l];
        for (int i = 0; i < l; i++) for (int j = 0; j <= i; j++) avg[i * l + j] = 1.0 / (i + 1);
        Tensor mean = Tensor.of(avg, 1, l, l).expand(b, l, l).matmul(e);                  // row t: mean of e_0..e_t
        return head(Tensor.cat(2, e, mean));
    }

    @Override
    public Tensor step(KvCache cache, int[] nextIds) {
        int b = nextIds.length;
        int position = cache.length();
        if (position >= config().maxLen()) throw new IllegalArgumentException("the cache already holds maxLen " + position + " tokens");
        Tensor e = tokEmb.forward(nextIds.clone(), b, 1).add(posEmb.forward(new int[] {position}, 1));   // [B, 1, E]
        Tensor past = e.unsqueeze(1);                                                                    // [B, 1, 1, E]
        Tensor all = cache.keys(0) == null ? past : Tensor.cat(2, cache.keys(0), past);
        cache.put(0, all, all);
        Tensor h = causalMean ? Tensor.cat(2, e, all.mean(2, false)) : e;
        return head(h).reshape(b, config().vocabSize());
    }

    private Tensor head(Tensor h) {
        return fc2.forward(fc1.forward(h).relu());
    }
}
