package dojo.models;

import dojo.exercise.api.TextGeneratorModel;
import dojo.models.data.SortSequences;
import dojo.tensor.Tensor;
import java.util.List;

/**
 * Next-token training and exact-match scoring of a {@link TextGeneratorModel} on {@link SortSequences}
 * (the ex14 suites overfit it; {@code ./dojo train text-generator} reverses instead, see
 * {@link TextGeneratorExperiment}).
 *
 * <p>Loss (teacher forcing): the model reads {@code input ++ sorted} without its last token (11 tokens) and
 * row t predicts token t+1; only the rows that predict the sorted half count (rows 5..10), the rows that
 * would predict the input itself are ignored (target -100), since the input is random and unpredictable.
 * Metric: the sorted half generated greedily through the KV cache from the 6 input digits, all 6 right
 * (evaluated in chunks of 256). The work is {@link AnswerGeneration}'s.
 */
public record SortGeneration(TextGeneratorModel model) implements Objective<SortSequences.Example> {

    public static final int IGNORE = AnswerGeneration.IGNORE;

    private static final AnswerGeneration<SortSequences.Example> SHAPE = of(null);

    private static AnswerGeneration<SortSequences.Example> of(TextGeneratorModel m) {
        return new AnswerGeneration<>(m, SortSequences.Example::input, SortSequences.Example::sorted);
    }

    /** The model's input rows [B][2n-1] for a batch. */
    public static int[][] inputs(List<SortSequences.Example> batch) {
        return SHAPE.inputs(batch);
    }

    /** The targets [B * (2n-1)] row-major: the next token where it is part of the sorted half, else {@link #IGNORE}. */
    public static int[] targets(List<SortSequences.Example> batch) {
        return SHAPE.targets(batch);
    }

    @Override
    public Tensor loss(List<SortSequences.Example> batch) {
        return of(model).loss(batch);
    }

    @Override
    public double metric(List<SortSequences.Example> examples) {
        return of(model).metric(examples);
    }
}
