package dojo.exercise.api;

import dojo.tensor.Tensor;

/**
 * The two outputs of the multi-task classifier (exercise ex18_multitask), one row per sequence:
 * {@code taskA} [batch, classesA] from head_a and {@code taskB} [batch, classesB] from head_b.
 */
public record MultiTaskLogits(Tensor taskA, Tensor taskB) {
    public MultiTaskLogits {
        if (taskA == null || taskB == null) throw new IllegalArgumentException("both task outputs are required (taskA "
                + (taskA == null ? "null" : "given") + ", taskB " + (taskB == null ? "null" : "given") + ")");
    }
}
