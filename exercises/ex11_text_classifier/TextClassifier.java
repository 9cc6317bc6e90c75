package ex11_text_classifier;

import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.TextClassifierConfig;
import dojo.exercise.api.TextClassifierModel;
import dojo.exercise.api.TokenBatch;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/**
 * Exercise ex11: the original interview document's text classifier (code answer C2), corrected.
 * README.md in this folder has the original code, its four bugs and the shapes.
 *
 * <pre>
 *   ids [B, L] (0 = padding)
 *     -> embedding (padding_idx 0) + learned positions      [B, L, E]
 *     -> TransformerEncoder with the key-padding mask        [B, L, E]
 *     -> mean over the REAL tokens of each row               [B, E]
 *     -> head (Linear E -> classes)                          [B, classes]
 * </pre>
 *
 * Build it from the library (what you wrote by hand in ex01-ex10, as PyTorch users use torch.nn):
 * {@code dojo.nn.Embedding}, {@code LearnedPositionalEncoding}, {@code TransformerEncoderLayer.Options},
 * {@code TransformerEncoder}, {@code AttentionMasks}, {@code Linear}; {@link TokenBatch#paddingMask()} and
 * {@link TokenBatch#keepMask()} give the masks. Register the modules in PyTorch's order with PyTorch's names
 * ({@code embedding}, {@code position}, {@code encoder}, {@code head}): a checkpoint trained in PyTorch is
 * loaded into your model by those names.
 *
 * Grade: {@code mvn test} (or {@code ./dojo grade ex11_text_classifier}); train it:
 * {@code ./dojo train text-classifier --tree exercises}.
 */
public class TextClassifier extends TextClassifierModel {

    public TextClassifier(TextClassifierConfig config, Generator generator) {
        throw new NotImplementedYet();
    }

    @Override
    public Tensor forward(TokenBatch batch) {
        throw new NotImplementedYet();
    }
}
