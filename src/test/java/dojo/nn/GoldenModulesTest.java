package dojo.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dojo.tensor.Generator;
import dojo.tensor.GoldenFile;
import dojo.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * MultiheadAttention, TransformerEncoderLayer (both norm orders; relu, gelu, gelu-tanh; padding + causal
 * masks) and TransformerEncoder equal PyTorch in float64 within 1e-10, forward and every gradient.
 */
class GoldenModulesTest {

    static final double TOL = 1e-10;

    /** Loads the case's weights, runs forward + backward of sum(out * upstream), returns the largest error. */
    static double compare(GoldenFile golden, String c, Module module, List<String> inputs, java.util.function.Function<Tensor[], Tensor[]> run) {
        module.loadStateDict(golden.select(c, module.stateDict().keySet()), true);
        Tensor[] in = inputs.stream().map(n -> golden.get(c, n).requiresGrad(true)).toArray(Tensor[]::new);
        Tensor[] outs = run.apply(in);
        double worst = 0;
        worst = Math.max(worst, check(c + ".out", outs[0], golden.get(c, "out")));
        if (outs.length > 1) worst = Math.max(worst, check(c + ".weights", outs[1], golden.get(c, "weights")));
        outs[0].mul(golden.get(c, "upstream")).sum().backward();
        for (int i = 0; i < in.length; i++) {
            worst = Math.max(worst, check(c + ".grad." + inputs.get(i), in[i].grad(), golden.get(c, "grad." + inputs.get(i))));
        }
        for (Map.Entry<String, Tensor> p : module.namedParameters().entrySet()) {
            worst = Math.max(worst, check(c + ".grad." + p.getKey(), p.getValue().grad(), golden.get(c, "grad." + p.getKey())));
        }
        return worst;
    }

    private static double check(String what, Tensor actual, Tensor expected) {
        assertThat(actual).as(what + " is missing").isNotNull();
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        double d = actual.maxAbsDiff(expected);
        assertThat(d).as(what + " max |java - torch|").isLessThanOrEqualTo(TOL);
        return d;
    }

    @Test
    void selfAttentionWithPaddingAndCausalMasksMatchesTorch() {
        GoldenFile g = GoldenFile.load("mha.safetensors");
        String c = "self_pad_causal";
        MultiheadAttention mha = new MultiheadAttention(8, 2, new Generator(1));
        AttentionMasks masks = AttentionMasks.none().withKeyPadding(g.get(c, "key_padding_mask")).withBlocked(g.get(c, "attn_mask"));
        compare(g, c, mha, List.of("x"), in -> {
            MultiheadAttention.Output o = mha.forward(in[0], in[0], in[0], masks, true, false);
            return new Tensor[] {o.output(), o.weights()};
        });
    }

    @Test
    void crossAttentionWithAnAdditiveMaskAndAveragedWeightsMatchesTorch() {
        GoldenFile g = GoldenFile.load("mha.safetensors");
        String c = "cross_additive";
        MultiheadAttention mha = new MultiheadAttention(12, 3, new Generator(1));
        AttentionMasks masks = AttentionMasks.none().withAdditive(g.get(c, "attn_mask"));
        compare(g, c, mha, List.of("query", "key", "value"), in -> {
            MultiheadAttention.Output o = mha.forward(in[0], in[1], in[2], masks, true, true);
            return new Tensor[] {o.output(), o.weights()};
        });
    }

    @TestFactory
    List<DynamicTest> encoderLayersMatchTorchInBothNormOrdersAndEveryActivation() throws Exception {
        GoldenFile g = GoldenFile.load("encoder.safetensors");
        JsonNode config = new ObjectMapper().readTree(g.metadata("config"));
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : g.cases()) {
            JsonNode cfg = config.get(c);
            tests.add(DynamicTest.dynamicTest(c + " equals torch within 1e-10, gradients included", () -> {
                TransformerEncoderLayer.Options o = TransformerEncoderLayer.Options.of(cfg.get("d_model").asInt(), cfg.get("nhead").asInt())
                        .dimFeedforward(cfg.get("dim_feedforward").asInt()).dropout(0)
                        .activation(Activation.parse(cfg.get("activation").asText()))
                        .normFirst(cfg.get("norm_first").asBoolean()).layerNormEps(cfg.get("layer_norm_eps").asDouble());
                AttentionMasks masks = AttentionMasks.none().withKeyPadding(g.get(c, "key_padding_mask"))
                        .withCausal(cfg.get("causal").asBoolean());
                if (cfg.has("num_layers")) {
                    TransformerEncoder enc = new TransformerEncoder(o, cfg.get("num_layers").asInt(), cfg.get("final_norm").asBoolean(), new Generator(2));
                    compare(g, c, enc, List.of("src"), in -> new Tensor[] {enc.forward(in[0], masks)});
                } else {
                    TransformerEncoderLayer layer = new TransformerEncoderLayer(o, new Generator(2));
                    compare(g, c, layer, List.of("src"), in -> new Tensor[] {layer.forward(in[0], masks)});
                }
            }));
        }
        assertThat(tests).hasSize(7);
        return tests;
    }

    @Test
    void encoderLayerStateDictKeysAreTorchs() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(TransformerEncoderLayer.Options.of(8, 2).dimFeedforward(16), new Generator(3));
        assertThat(layer.stateDict().keySet()).containsExactly(
                "self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias",
                "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
                "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias");
        assertThat(Arrays.stream(new String[] {"self_attn.in_proj_weight"}).map(k -> layer.stateDict().get(k).shape()))
                .singleElement().satisfies(s -> assertThat(s).containsExactly(24, 8));
    }
}
