package dojo.nn;

import dojo.tensor.Tensor;

/** The activations {@code TransformerEncoderLayer} accepts, by PyTorch's names. */
public enum Activation {
    RELU, GELU, GELU_TANH;

    public Tensor apply(Tensor x) {
        return switch (this) {
            case RELU -> x.relu();
            case GELU -> x.gelu("none");
            case GELU_TANH -> x.gelu("tanh");
        };
    }

    /** The name {@link #parse} takes: {@code "relu"}, {@code "gelu"} or {@code "gelu_tanh"}. */
    public String torchName() {
        return switch (this) {
            case RELU -> "relu";
            case GELU -> "gelu";
            case GELU_TANH -> "gelu_tanh";
        };
    }

    /** {@code "relu"}, {@code "gelu"} (exact) or {@code "gelu_tanh"}. */
    public static Activation parse(String name) {
        return switch (name) {
            case "relu" -> RELU;
            case "gelu" -> GELU;
            case "gelu_tanh" -> GELU_TANH;
            default -> throw new IllegalArgumentException("activation must be relu, gelu or gelu_tanh, was '" + name + "'");
        };
    }
}
