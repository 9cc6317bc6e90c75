package exercises.ex12_image_classifier;

import dojo.exercise.api.ImageClassifierConfig;
import dojo.exercise.api.ImageClassifierExercise;
import dojo.exercise.api.ImageClassifierModel;
import dojo.io.Safetensors;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import exercises.ex06_softmax_xent_backward.TensorFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Golden cases of the ex12 suites (scripts/golden/ex12_image_classifier.py, PyTorch float64): configurations,
 * state dicts under PyTorch's names, images, logits, loss and gradients.
 */
public final class VitCases {

    public static final String EXERCISE = "ex12_image_classifier";
    public static final TensorFixture GOLDEN = TensorFixture.load(EXERCISE, "vit.safetensors");
    /** Entries of a case that are not state-dict tensors. */
    private static final Set<String> NOT_WEIGHTS = Set.of("channels", "image_size", "patch_size", "d_model", "heads", "feed_forward",
            "layers", "classes", "images", "labels", "logits", "loss");
    private static final Safetensors FILE = read();

    private VitCases() {
    }

    private static Safetensors read() {
        String resource = "/golden/" + EXERCISE + "/vit.safetensors";
        try (InputStream in = VitCases.class.getResourceAsStream(resource)) {
            return Safetensors.parse(in.readAllBytes(), "src/test/resources" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ImageClassifierConfig config(String c) {
        return new ImageClassifierConfig(n(c, "channels"), n(c, "image_size"), n(c, "patch_size"), n(c, "d_model"), n(c, "heads"),
                n(c, "feed_forward"), n(c, "layers"), n(c, "classes"));
    }

    private static int n(String c, String name) {
        return (int) GOLDEN.number(c, name);
    }

    /** The PyTorch state dict of a case, in the file's order. */
    public static Map<String, Tensor> stateDict(String c) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : FILE.names()) {
            if (!name.startsWith(c + ".")) continue;
            String key = name.substring(c.length() + 1);
            if (key.startsWith("grad.") || key.startsWith("mistake.") || NOT_WEIGHTS.contains(key)) continue;
            out.put(key, GOLDEN.get(c, key));
        }
        return out;
    }

    /** The learner's model for a case with PyTorch's weights loaded strictly (the load fails on any other key). */
    public static ImageClassifierModel loaded(ImageClassifierExercise exercise, String c) {
        ImageClassifierModel m = exercise.build(config(c), new Generator(7));
        m.loadStateDict(stateDict(c), true);
        return m;
    }

    /** The checkpoint trained in Java ({@code java_trained.safetensors}, F32, PyTorch names) as doubles. */
    public static Map<String, Tensor> javaTrained() {
        return TensorFixture.stateDict(EXERCISE, "java_trained.safetensors");
    }

    /** A logits check that names the likely cause when the learner's logits equal a known wrong variant's. */
    public static TensorFixture.Check logitsCheck(String property, Tensor actual, String c) {
        return TensorFixture.check(property, actual)
                .withCause(GOLDEN.get(c, "mistake.no_positions"), "the logits are those of the model WITHOUT pos_embed: add it to [CLS] + patches")
                .withCause(GOLDEN.get(c, "mistake.head_on_last"), "the head reads the LAST token; PyTorch's reads x[:, 0], the [CLS] token")
                .withCause(GOLDEN.get(c, "mistake.column_major"), "the patches are taken column by column; flatten(2, 3) of [B, E, H/P, W/P] gives them row by row")
                .withCause(GOLDEN.get(c, "mistake.post_ln"), "the layers are post-LN; this ViT uses normFirst(true): x + sa(norm1(x)), x + ff(norm2(x))");
    }

    public static int[] labels(String c) {
        double[] l = GOLDEN.get(c, "labels").toArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) out[i] = (int) l[i];
        return out;
    }

    /** Random images [b, c, s, s] in [0, 1). */
    public static Tensor images(long seed, int b, ImageClassifierConfig cfg) {
        return Tensor.rand(new Generator(seed), b, cfg.channels(), cfg.imageSize(), cfg.imageSize());
    }

    /** Images with patch cells {@code from} and {@code to} swapped (row-major cell indices). */
    public static Tensor swapPatches(Tensor images, ImageClassifierConfig cfg, int from, int to) {
        Tensor out = images.copy();
        double[] a = out.array();
        int s = cfg.imageSize(), p = cfg.patchSize(), g = cfg.grid();
        int b = images.size(0), ch = images.size(1);
        for (int i = 0; i < b * ch; i++) {
            for (int r = 0; r < p; r++) {
                for (int col = 0; col < p; col++) {
                    int x = i * s * s + ((from / g) * p + r) * s + (from % g) * p + col;
                    int y = i * s * s + ((to / g) * p + r) * s + (to % g) * p + col;
                    double t = a[x];
                    a[x] = a[y];
                    a[y] = t;
                }
            }
        }
        return out;
    }

    /** The state-dict keys PyTorch's module has for a case, in PyTorch's order. */
    public static List<String> weightNames(String c) {
        return List.copyOf(stateDict(c).keySet());
    }
}
