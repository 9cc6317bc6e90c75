package dojo.tensor;

/**
 * The parameters of one {@code torch.nn.TransformerEncoderLayer}, in PyTorch's layouts and names, for
 * {@link Functional#fusedEncoderLayer}: {@code self_attn.in_proj_weight [3E, E]}, {@code in_proj_bias [3E]},
 * {@code out_proj.weight [E, E]}, {@code out_proj.bias [E]}, {@code linear1.weight [F, E]},
 * {@code linear1.bias [F]}, {@code linear2.weight [E, F]}, {@code linear2.bias [E]}, and the two layer
 * norms' {@code weight} and {@code bias} {@code [E]}.
 */
public record EncoderLayerParameters(Tensor inProjWeight, Tensor inProjBias, Tensor outProjWeight, Tensor outProjBias,
                                     Tensor linear1Weight, Tensor linear1Bias, Tensor linear2Weight, Tensor linear2Bias,
                                     Tensor norm1Weight, Tensor norm1Bias, Tensor norm2Weight, Tensor norm2Bias) {

    /** The tensors in the order above (the order of the fused operation's inputs after x). */
    Tensor[] all() {
        return new Tensor[] {inProjWeight, inProjBias, outProjWeight, outProjBias, linear1Weight, linear1Bias,
                linear2Weight, linear2Bias, norm1Weight, norm1Bias, norm2Weight, norm2Bias};
    }

    /** The model width E (checks every shape against it and the feed-forward width F). */
    int check(String op) {
        if (inProjWeight.dim() != 2 || inProjWeight.size(0) != 3 * inProjWeight.size(1)) {
            throw new IllegalArgumentException(op + ": in_proj_weight must be [3E, E], shape is " + Shape.text(inProjWeight.shape));
        }
        int e = inProjWeight.size(1);
        if (linear1Weight.dim() != 2 || linear1Weight.size(1) != e) {
            throw new IllegalArgumentException(op + ": linear1.weight must be [F, " + e + "], shape is " + Shape.text(linear1Weight.shape));
        }
        int f = linear1Weight.size(0);
        expect(op, "in_proj_bias", inProjBias, 3 * e);
        expect(op, "out_proj.weight", outProjWeight, e, e);
        expect(op, "out_proj.bias", outProjBias, e);
        expect(op, "linear1.bias", linear1Bias, f);
        expect(op, "linear2.weight", linear2Weight, e, f);
        expect(op, "linear2.bias", linear2Bias, e);
        expect(op, "norm1.weight", norm1Weight, e);
        expect(op, "norm1.bias", norm1Bias, e);
        expect(op, "norm2.weight", norm2Weight, e);
        expect(op, "norm2.bias", norm2Bias, e);
        return e;
    }

    private static void expect(String op, String name, Tensor t, int... shape) {
        if (t == null) throw new IllegalArgumentException(op + ": " + name + " is missing (the fused layer needs every bias and norm parameter)");
        if (!Shape.same(t.shape, shape)) {
            throw new IllegalArgumentException(op + ": " + name + " must be " + Shape.text(shape) + ", shape is " + Shape.text(t.shape));
        }
    }
}
