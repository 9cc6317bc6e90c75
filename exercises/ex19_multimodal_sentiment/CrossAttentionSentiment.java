package ex19_multimodal_sentiment;

import dojo.exercise.api.MultimodalSentimentConfig;
import dojo.exercise.api.MultimodalSentimentModel;
import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.SentimentBatch;
import dojo.tensor.Generator;

/**
 * Exercise ex19: multimodal sentiment by cross-attention, the original interview document's C10 done
 * right. Build it from the library (dojo.nn: Embedding, LearnedPositionalEncoding, TransformerEncoder,
 * Conv2d, MultiheadAttention, LayerNorm, Linear), as you would in PyTorch:
 *
 * <pre>
 *   caption ids [B, L] (0 = padding) -> token_embedding + text_position -> text_encoder (key padding) -> t [B, L, E]
 *   image [B, 1, 8, 8] -> patch_embed (Conv2d, kernel = stride = patch) -> [B, E, 2, 2] -> [B, P, E]
 *                      -> + image_position -> image_encoder                                         -> p [B, P, E]
 *   a, w = cross_attn(query = t, key = p, value = p)          a [B, L, E], w [B, H, L, P]
 *   x = cross_norm(t + a);  x = ff_norm(x + linear2(relu(linear1(x))))
 *   logits = head(mean of x over the REAL tokens)             [B, 3]: negative, neutral, positive
 * </pre>
 *
 * The trap: which side asks. The caption's words look for their object in the picture, so the text is the
 * query and the patches are keys and values. The other traps are the original's: one output per
 * example (not per token), padding that must change nothing, and nothing to concatenate.
 * The full contract, with the PyTorch module and its state_dict names: {@link MultimodalSentimentModel}.
 *
 * Run: {@code ./dojo grade ex19_multimodal_sentiment}, then {@code ./dojo train multimodal-sentiment --tree exercises}.
 * Instructions: README.md next to this file.
 */
public class CrossAttentionSentiment extends MultimodalSentimentModel {

    public CrossAttentionSentiment(MultimodalSentimentConfig config, Generator generator) {
        throw new NotImplementedYet();
    }

    @Override
    public Output forward(SentimentBatch batch, boolean needWeights) {
        throw new NotImplementedYet();
    }
}
