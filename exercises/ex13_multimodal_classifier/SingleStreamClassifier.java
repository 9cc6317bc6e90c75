package ex13_multimodal_classifier;

import dojo.exercise.api.CaptionImageBatch;
import dojo.exercise.api.MultimodalClassifierConfig;
import dojo.exercise.api.MultimodalClassifierModel;
import dojo.exercise.api.NotImplementedYet;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * Exercise ex13: the original interview document's MultiModalClassifier, corrected into a single-stream
 * transformer. Caption tokens and image patches become ONE sequence that one encoder reads, so a word can
 * attend to the patch it names and a patch to the words about it.
 *
 * <pre>
 *   t = text_embedding(ids) + text_position.weight[:L] + token_type.weight[0]                   [B, L, d]
 *   p = patch_embed(images)                      Conv2d(C, d, kernel = stride = patch)         [B, d, g, g]
 *         .flatten(2, 3).transpose(1, 2)         patch k = row k / g, column k % g             [B, P, d]
 *         + patch_position.weight + token_type.weight[1]                                       [B, P, d]
 *   x = cat(1, t, p)                             the SEQUENCE axis, not the feature axis       [B, L + P, d]
 *   h = encoder(x, key padding: true exactly at caption ids == 0)                              [B, L + P, d]
 *   pooled = mean of h over the real positions (padding excluded)                              [B, d]
 *   logits = head(pooled)                        one output per example                        [B, classes]
 * </pre>
 *
 * Register the modules under PyTorch's names, in this order (registerModule): {@code text_embedding}
 * (new dojo.nn.Embedding(vocab, d, 0, g): row 0 is padding), {@code text_position} (Embedding(maxTextLength, d, g)),
 * {@code patch_embed} (dojo.nn.Conv2d with kernel = stride = patchSize), {@code patch_position}
 * (Embedding(patches, d, g)), {@code token_type} (Embedding(2, d, g)), {@code encoder}
 * (dojo.nn.TransformerEncoder of post-LN layers, heads, feedForward, dropout 0) and {@code head} (Linear(d, classes)).
 *
 * Training: nn.Embedding's N(0, 1) makes the position and type tables drown what a token shows; multiply them
 * by 0.2 right after creating them (weight().array(), before any forward) and ./dojo train learns in ~1000 steps.
 *
 * The traps: the vocabulary size is not the embedding size; reshaping [B, d, g, g] straight to [B, P, d] mixes
 * channels and positions (flatten, then transpose); the image is P tokens, not one vector; forgetting the
 * positions or the type embedding; attending to padding or averaging it in; returning one row per token.
 *
 * Run: {@code ./dojo grade ex13_multimodal_classifier} or {@code mvn test}; train it with
 * {@code ./dojo train multimodal-classifier --tree exercises}. Instructions: README.md next to this file.
 */
public class SingleStreamClassifier extends MultimodalClassifierModel {

    public SingleStreamClassifier(MultimodalClassifierConfig config, Generator generator) {
        throw new NotImplementedYet();
    }

    @Override
    public Tensor forward(CaptionImageBatch batch) {
        throw new NotImplementedYet();
    }
}
