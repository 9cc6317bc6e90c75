package dojo.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.io.DType;
import dojo.io.Safetensors;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDictTest {

    @TempDir
    Path dir;

    private static TransformerEncoder encoder(long seed) {
        return new TransformerEncoder(TransformerEncoderLayer.Options.of(8, 2).dimFeedforward(16).dropout(0.1), 2, true, new Generator(seed));
    }

    @Test
    void anF64RoundTripThroughSafetensorsRestoresEveryValueExactly() throws Exception {
        TransformerEncoder a = encoder(1);
        Path f = dir.resolve("enc.safetensors");
        StateDicts.save(a, f, DType.F64);
        TransformerEncoder b = encoder(2);
        assertThat(StateDicts.load(b, f, true).isExact()).isTrue();
        a.stateDict().forEach((k, v) -> assertThat(b.stateDict().get(k).toArray()).as(k).containsExactly(v.toArray()));
    }

    @Test
    void anF32RoundTripRoundsEachValueToFloat() throws Exception {
        TransformerEncoder a = encoder(1);
        Path f = dir.resolve("enc32.safetensors");
        StateDicts.save(a, f, DType.F32);
        assertThat(Safetensors.read(f).info("layers.1.self_attn.in_proj_weight").dtype()).isEqualTo(DType.F32);
        TransformerEncoder b = encoder(2);
        StateDicts.load(b, f, true);
        double[] want = a.stateDict().get("layers.0.linear1.weight").toArray();
        double[] got = b.stateDict().get("layers.0.linear1.weight").toArray();
        for (int i = 0; i < want.length; i++) assertThat(got[i]).isEqualTo((double) (float) want[i]);
    }

    @Test
    void dottedNamesFollowPyTorch() {
        assertThat(encoder(1).stateDict().keySet()).startsWith("layers.0.self_attn.in_proj_weight")
                .contains("layers.1.linear2.bias", "norm.weight", "norm.bias").hasSize(2 * 12 + 2);
    }

    @Test
    void strictLoadingNamesMissingAndUnexpectedKeys() {
        Map<String, Tensor> state = new LinkedHashMap<>(encoder(1).stateDict());
        state.remove("norm.bias");
        state.put("layers.2.linear1.weight", Tensor.zeros(16, 8));
        assertThatThrownBy(() -> encoder(2).loadStateDict(state, true))
                .hasMessage("loading the state dict into TransformerEncoder: missing keys [norm.bias]; unexpected keys [layers.2.linear1.weight]");
        Module.LoadResult lenient = encoder(2).loadStateDict(state, false);
        assertThat(lenient.missingKeys()).containsExactly("norm.bias");
        assertThat(lenient.unexpectedKeys()).containsExactly("layers.2.linear1.weight");
    }

    @Test
    void aShapeMismatchIsAnErrorEvenWhenNotStrictAndNothingIsCopied() {
        TransformerEncoder target = encoder(2);
        double before = target.stateDict().get("norm.weight").get(0);
        Map<String, Tensor> state = new LinkedHashMap<>(encoder(1).stateDict());
        state.put("layers.0.linear1.weight", Tensor.zeros(8, 16));
        assertThatThrownBy(() -> target.loadStateDict(state, false))
                .hasMessageContaining("size mismatch for layers.0.linear1.weight: the file has shape [8, 16], the module expects [16, 8]");
        assertThat(target.stateDict().get("norm.weight").get(0)).isEqualTo(before);
    }

    @Test
    void loadingFromAFileNamesTheFileInErrors() throws Exception {
        Path f = dir.resolve("lin.safetensors");
        StateDicts.save(new Linear(3, 4, new Generator(1)), f, DType.F32);
        assertThatThrownBy(() -> StateDicts.load(new Linear(3, 5, new Generator(1)), f, true))
                .hasMessageStartingWith(f + ": loading the state dict into Linear: size mismatch for weight");
    }

    @Test
    void loadingKeepsParameterIdentitySoOptimizersStillSeeThem() throws Exception {
        Linear l = new Linear(3, 4, new Generator(1));
        Tensor w = l.weight();
        Path f = dir.resolve("l.safetensors");
        StateDicts.save(new Linear(3, 4, new Generator(9)), f, DType.F64);
        StateDicts.load(l, f, true);
        assertThat(l.namedParameters().get("weight")).isSameAs(w);
        assertThat(Files.size(f)).isPositive();
    }
}
