package dojo.nn;

import dojo.tensor.Functional;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;

/** {@code torch.nn.Dropout}: inverted dropout in training mode, identity in eval mode; draws from its own seeded generator. */
public final class Dropout extends Module {

    private final double p;
    private final Generator generator;

    public Dropout(double p, Generator generator) {
        if (p < 0 || p > 1 || Double.isNaN(p)) throw new IllegalArgumentException("Dropout: p must be in [0, 1], was " + p);
        this.p = p;
        this.generator = generator;
    }

    public Tensor forward(Tensor x) {
        return Functional.dropout(x, p, isTraining(), generator);
    }

    public double p() {
        return p;
    }
}
