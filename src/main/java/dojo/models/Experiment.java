package dojo.models;

import dojo.nn.Module;
import java.time.Clock;

/**
 * One trainable seed model with its dataset, its no-attention baseline, its training recipe and its
 * target. {@code dojo train} runs these; the exercises will supply the model through {@link Variant#LEARNER}.
 */
public interface Experiment {

    enum Variant { REFERENCE, BASELINE }

    /** A trained model and how its run went. */
    record Trained(String label, Module model, TrainResult result) {
    }

    String name();

    String summary();

    /** e.g. "accuracy". */
    String metricName();

    /** The test metric the reference must reach. */
    double target();

    TrainConfig defaultConfig();

    Trained train(Variant variant, TrainConfig config, Clock clock, TrainListener listener);
}
