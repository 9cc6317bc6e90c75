package exercises.ex15_speech_ctc;

import dojo.exercise.api.SpectrogramBatch;
import dojo.exercise.api.SpeechRecognizerConfig;
import dojo.io.Safetensors;
import dojo.models.data.SpokenPhones;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Golden cases of ex15 (scripts/golden/ex15_speech_ctc.py, PyTorch float64): CTC cases, model cases at a
 * tiny size, and the reference-size checkpoints trained in PyTorch and here.
 */
final class SpeechCases {

    static final String ID = "ex15_speech_ctc";
    static final TensorFixture CTC = TensorFixture.load(ID, "ctc.safetensors");
    static final TensorFixture MODEL = TensorFixture.load(ID, "model.safetensors");

    /** The size of model.safetensors. */
    static final SpeechRecognizerConfig TINY = new SpeechRecognizerConfig(6, 4, 8, 2, 12, 2, 20);
    /** The reference size (the experiment's), of the checkpoints. */
    static final SpeechRecognizerConfig REFERENCE =
            new SpeechRecognizerConfig(SpokenPhones.BINS, SpokenPhones.PHONES, 48, 4, 96, 2, SpokenPhones.MAX_FRAMES);

    private SpeechCases() {
    }

    /** The targets of a case as one array per example (the file pads them with 0 to one width). */
    static int[][] targets(TensorFixture f, String c) {
        int[] lengths = f.ints(c, "targetLengths");
        int[] flat = f.ints(c, "targets");
        int width = flat.length / lengths.length;
        int[][] out = new int[lengths.length][];
        for (int b = 0; b < lengths.length; b++) {
            out[b] = new int[lengths[b]];
            System.arraycopy(flat, b * width, out[b], 0, lengths[b]);
        }
        return out;
    }

    static SpectrogramBatch batch(TensorFixture f, String c) {
        return new SpectrogramBatch(f.get(c, "features"), f.ints(c, "lengths"));
    }

    /** The tensors named {@code <case>.state.<key>} of a file, by key. */
    static Map<String, Tensor> state(String file, String c) {
        return TensorFixture.load(ID, file).group(c + ".state.");
    }

    static Safetensors raw(String file) {
        String resource = "/golden/" + ID + "/" + file;
        try (InputStream in = SpeechCases.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing fixture src/test/resources" + resource
                    + ": run /usr/bin/python3 scripts/golden/ex15_speech_ctc.py");
            return Safetensors.parse(in.readAllBytes(), "src/test/resources" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first lengths[b] rows of each example of [B, T, C], stacked: the frames that mean something. */
    static Tensor realFrames(Tensor logProbs, int[] lengths) {
        int b = logProbs.size(0), t = logProbs.size(1), c = logProbs.size(2);
        int total = 0;
        for (int l : lengths) total += Math.min(l, t);
        double[] all = logProbs.toArray();
        double[] out = new double[total * c];
        int k = 0;
        for (int i = 0; i < b; i++) {
            int n = Math.min(lengths[i], t);
            System.arraycopy(all, i * t * c, out, k, n * c);
            k += n * c;
        }
        return Tensor.of(out, total, c);
    }

    static Tensor ints(int... v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return Tensor.of(d, v.length);
    }
}
