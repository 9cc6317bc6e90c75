package ex14_text_generator;

import dojo.exercise.api.Sampler;
import dojo.exercise.api.TextGeneratorConfig;
import dojo.exercise.api.TextGeneratorExercise;
import dojo.exercise.api.TextGeneratorModel;
import dojo.tensor.Generator;

/**
 * ex14: the original interview document's C5 TextGenerator, corrected. The grader and {@code ./dojo train
 * text-generator} create this class and ask it for the model and the decoding rules; the work is in
 * {@link DecoderOnlyTransformer}, {@link DecoderBlock} and {@link DecodingRules}.
 */
public class CausalTextGenerator implements TextGeneratorExercise {

    @Override
    public TextGeneratorModel build(TextGeneratorConfig config, Generator generator) {
        return new DecoderOnlyTransformer(config, generator);
    }

    @Override
    public Sampler sampler() {
        return new DecodingRules();
    }
}
