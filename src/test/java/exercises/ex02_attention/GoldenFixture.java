package exercises.ex02_attention;

import dojo.exercise.api.Mask;
import dojo.exercise.api.MhaWeights;
import dojo.exercise.api.SeedWeights;
import dojo.io.Safetensors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Loads the PyTorch golden vectors under src/test/resources/golden/ (made by scripts/golden/generate.py)
 * and turns their tensors into the exercise API's types. Tensor names are {@code <case>.<tensor>}.
 */
public final class GoldenFixture {

    private GoldenFixture() {
    }

    /** Reads {@code /golden/<exercise>/<file>} from the test classpath. */
    public static Safetensors load(String exercise, String file) {
        String resource = "/golden/" + exercise + "/" + file;
        try (InputStream in = GoldenFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture src/test/resources" + resource
                        + ": run /usr/bin/python3 scripts/golden/generate.py");
            }
            return Safetensors.parse(in.readAllBytes(), "src/test/resources" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case names listed in the file's metadata, in order. */
    public static List<String> cases(Safetensors st) {
        return Arrays.asList(st.metadata().get("cases").split(","));
    }

    /** The mask of a case: is_causal plus whichever of key_padding, blocked, additive it has. */
    public static Mask mask(Safetensors st, String c) {
        Mask m = Mask.none().withCausal(st.boolVector(c + ".is_causal")[0]);
        if (st.contains(c + ".key_padding")) {
            m = m.withKeyPadding(st.boolVector(c + ".key_padding"));
        }
        if (st.contains(c + ".blocked")) {
            m = m.withBlocked(st.boolMatrix(c + ".blocked"));
        }
        if (st.contains(c + ".additive")) {
            m = m.withAdditive(st.matrix(c + ".additive"));
        }
        return m;
    }

    /** nn.MultiheadAttention's state_dict of a case. */
    public static MhaWeights mhaWeights(Safetensors st, String c) {
        return new MhaWeights((int) st.longs(c + ".num_heads")[0], st.matrix(c + ".in_proj_weight"),
                st.vector(c + ".in_proj_bias"), st.matrix(c + ".out_proj.weight"), st.vector(c + ".out_proj.bias"));
    }

    /** The four nn.Linear layers of the seed module (fixed version) of a case. */
    public static SeedWeights seedWeights(Safetensors st, String c) {
        return new SeedWeights((int) st.longs(c + ".num_heads")[0],
                st.matrix(c + ".query_linear.weight"), st.vector(c + ".query_linear.bias"),
                st.matrix(c + ".key_linear.weight"), st.vector(c + ".key_linear.bias"),
                st.matrix(c + ".value_linear.weight"), st.vector(c + ".value_linear.bias"),
                st.matrix(c + ".out_linear.weight"), st.vector(c + ".out_linear.bias"));
    }
}
