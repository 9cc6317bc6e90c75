package ex14_text_generator;

import dojo.exercise.api.KvCache;
import dojo.exercise.api.TextGeneratorConfig;
import dojo.exercise.api.TextGeneratorModel;
import dojo.nn.Embedding;
import dojo.nn.LayerNorm;
import dojo.nn.Linear;
import dojo.nn.ModuleList;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * The corrected C5: token embedding + learned positions, N causal pre-LN blocks, a final LayerNorm and a
 * linear LM head (logits for every position, row t predicting token t+1). The original used an LSTM without
 * {@code batch_first} (it ran over the batch axis) and attention with no causal mask (every position could
 * read the token it was asked to predict); here the causal mask alone orders the sequence.
 */
public final class DecoderOnlyTransformer extends TextGeneratorModel {

    private final Embedding tokEmb;
    private final Embedding posEmb;
    private final ModuleList blocks;
    private final LayerNorm lnF;
    private final Linear head;

    public DecoderOnlyTransformer(TextGeneratorConfig c, Generator g) {
        super(c);
        this.tokEmb = registerModule("tok_emb", new Embedding(c.vocabSize(), c.dModel(), g));
        this.posEmb = registerModule("pos_emb", new Embedding(c.maxLen(), c.dModel(), g));
        this.blocks = registerModule("blocks", new ModuleList());
        for (int i = 0; i < c.numLayers(); i++) blocks.add(new DecoderBlock(c, g));
        this.lnF = registerModule("ln_f", new LayerNorm(c.dModel()));
        this.head = registerModule("head", new Linear(c.dModel(), c.vocabSize(), false, g));
    }

    @Override
    public Tensor forward(int[][] ids) {
        if (ids == null || ids.length == 0 || ids[0] == null || ids[0].length == 0) {
            throw new IllegalArgumentException("ids must be a non-empty [B][L] array");
        }
        int b = ids.length;
        int l = ids[0].length;
        if (l > config().maxLen()) {
            throw new IllegalArgumentException("ids are [" + b + "][" + l + "] but maxLen is " + config().maxLen());
        }
        int[] flat = new int[b * l];
        for (int i = 0; i < b; i++) {
            if (ids[i] == null || ids[i].length != l) {
                throw new IllegalArgumentException("ids must be rectangular: row 0 has " + l + " ids, row " + i + " has "
                        + (ids[i] == null ? "none" : ids[i].length));
            }
            for (int t = 0; t < l; t++) flat[i * l + t] = checkId(ids[i][t], i, t);
        }
        int[] positions = new int[l];
        for (int t = 0; t < l; t++) positions[t] = t;
        Tensor x = tokEmb.forward(flat, b, l).add(posEmb.forward(positions, l));   // [B, L, E] + [L, E]
        for (int i = 0; i < blocks.size(); i++) x = block(i).forward(x);
        return head.forward(lnF.forward(x));
    }

    @Override
    public Tensor step(KvCache cache, int[] nextIds) {
        if (cache == null || nextIds == null) throw new IllegalArgumentException((cache == null ? "cache" : "nextIds") + " is null");
        int b = nextIds.length;
        if (b != cache.batch()) {
            throw new IllegalArgumentException("nextIds has " + b + " ids but the cache holds a batch of " + cache.batch());
        }
        if (cache.layers() != blocks.size()) {
            throw new IllegalArgumentException("the cache has " + cache.layers() + " layers, the model " + blocks.size());
        }
        int position = cache.length();                      // read before block 0 appends this token
        if (position >= config().maxLen()) {
            throw new IllegalArgumentException("the cache already holds " + position + " tokens = maxLen " + config().maxLen());
        }
        for (int i = 0; i < b; i++) checkId(nextIds[i], i, position);
        Tensor x = tokEmb.forward(nextIds.clone(), b, 1).add(posEmb.forward(new int[] {position}, 1));   // [B, 1, E]
        for (int i = 0; i < blocks.size(); i++) x = block(i).step(x, cache, i);
        return head.forward(lnF.forward(x)).reshape(b, config().vocabSize());
    }

    private DecoderBlock block(int i) {
        return (DecoderBlock) blocks.children().get(Integer.toString(i));
    }

    private int checkId(int id, int row, int t) {
        if (id < 0 || id >= config().vocabSize()) {
            throw new IllegalArgumentException("id " + id + " at [" + row + ", " + t + "] is not in 0.." + (config().vocabSize() - 1));
        }
        return id;
    }
}
