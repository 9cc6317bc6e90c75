package exercises.ex06_softmax_xent_backward;

import dojo.io.Safetensors;
import dojo.tensor.GradCheck;
import dojo.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * Test support of the model-track exercises (ex06..ex10, double tensors): reads the PyTorch float64 golden
 * files of scripts/golden/model_exercises.py and compares tensors. Messages name the property, the position
 * of the worst element and the order of magnitude of its error, never the expected values (hidden suites
 * use the same messages; public suites add the values with {@link #showingValues()}).
 */
public final class TensorFixture {

    private final Safetensors file;

    private TensorFixture(Safetensors file) {
        this.file = file;
    }

    /** Reads {@code /golden/<exercise>/<file>} from the test classpath. */
    public static TensorFixture load(String exercise, String name) {
        String resource = "/golden/" + exercise + "/" + name;
        try (InputStream in = TensorFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture src/test/resources" + resource
                        + ": regenerate it with its script in scripts/golden/ (see the README there)");
            }
            return new TensorFixture(Safetensors.parse(in.readAllBytes(), "src/test/resources" + resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every tensor of {@code /golden/<exercise>/<file>}, by name, in the file's order, as double tensors (F32
     * widened exactly): a checkpoint with plain state_dict names, as {@code ./dojo train} or PyTorch wrote it.
     */
    public static Map<String, Tensor> stateDict(String exercise, String name) {
        return load(exercise, name).group("");
    }

    /** The tensors named {@code <prefix><key>}, by key, in the file's order (a case's weights: {@code "small.w."}). */
    public Map<String, Tensor> group(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String n : file.names()) {
            if (n.startsWith(prefix)) out.put(n.substring(prefix.length()), Tensor.of(file.doubles(n), file.shape(n)));
        }
        return out;
    }

    /** The case names of the file, in order. */
    public List<String> cases() {
        return Arrays.asList(file.metadata().get("cases").split(","));
    }

    /** The cases whose name starts with {@code prefix}. */
    public List<String> cases(String prefix) {
        List<String> out = new ArrayList<>();
        for (String c : cases()) {
            if (c.startsWith(prefix)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Every tensor name in the file ({@code <case>.<tensor>}). */
    public java.util.Set<String> names() {
        return file.names();
    }

    public boolean has(String c, String tensor) {
        return file.contains(c + "." + tensor);
    }

    /** A fresh double tensor (no gradient). */
    public Tensor get(String c, String tensor) {
        String n = c + "." + tensor;
        return Tensor.of(file.doubles(n), file.shape(n));
    }

    public int[] ints(String c, String tensor) {
        long[] l = file.longs(c + "." + tensor);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }

    /** A configuration number stored as a one-element tensor. */
    public double number(String c, String tensor) {
        return file.doubles(c + "." + tensor)[0];
    }

    // ---------------------------------------------------------------------------------------------
    // comparisons

    /** An alternative result that, when the learner's result equals it, names a likely cause. */
    public record Cause(Tensor alternative, String message) {
    }

    /** Starts a comparison; messages never show expected values unless {@link Check#showingValues()}. */
    public static Check check(String property, Tensor actual) {
        return new Check(property, actual);
    }

    /** A comparison of one tensor with its expected value. */
    public static final class Check {
        private final String property;
        private final Tensor actual;
        private boolean showValues;
        private final List<Cause> causes = new ArrayList<>();

        private Check(String property, Tensor actual) {
            this.property = property;
            this.actual = actual;
        }

        /** Public worked examples: add the actual and expected values of the worst element. */
        public Check showingValues() {
            showValues = true;
            return this;
        }

        public Check withCause(Tensor alternative, String message) {
            causes.add(new Cause(alternative, message));
            return this;
        }

        /** Fails unless shapes agree and every element meets |a - e| <= atol + rtol |e| (NaN only where expected). */
        public void isCloseTo(Tensor expected, double atol, double rtol) {
            if (actual == null) {
                throw new AssertionFailedError(property + ": the result is null" + (property.contains("grad")
                        ? " (no gradient reached this tensor: does your forward record its backward with Autograd.record?)" : ""));
            }
            if (!Arrays.equals(actual.shape(), expected.shape())) {
                throw new AssertionFailedError(property + ": shape is " + Arrays.toString(actual.shape()) + " but must be "
                        + Arrays.toString(expected.shape()));
            }
            double[] a = actual.toArray();
            double[] e = expected.toArray();
            int worst = -1;
            double worstErr = 0;
            double worstExcess = 0;
            int bad = 0;
            for (int i = 0; i < a.length; i++) {
                if (Double.isNaN(e[i]) && Double.isNaN(a[i])) {
                    continue;
                }
                if (Double.isNaN(a[i]) || Double.isInfinite(a[i]) != Double.isInfinite(e[i])) {
                    throw new AssertionFailedError(property + ": element " + index(i, actual.shape()) + " is " + a[i]
                            + " where a " + (Double.isNaN(e[i]) ? "NaN" : "finite value") + " is expected (first of its kind)"
                            + likelyCause());
                }
                if (Double.isInfinite(e[i]) && a[i] == e[i]) {
                    continue;
                }
                double err = Math.abs(a[i] - e[i]);
                double excess = err - (atol + rtol * Math.abs(e[i]));
                if (excess > 0) {
                    bad++;
                    if (worst < 0 || excess > worstExcess) {
                        worst = i;
                        worstExcess = excess;
                        worstErr = err;
                    }
                }
            }
            if (bad > 0) {
                String values = showValues ? " (actual " + a[worst] + ", expected " + e[worst] + ")" : "";
                throw new AssertionFailedError(property + ": " + bad + " of " + a.length + " elements are off; the worst, at "
                        + index(worst, actual.shape()) + ", by " + magnitude(worstErr) + values + " (tolerance " + number(atol)
                        + " + " + number(rtol) + "·|expected|)" + likelyCause());
            }
        }

        private String likelyCause() {
            for (Cause c : causes) {
                if (c.alternative() != null && Arrays.equals(c.alternative().shape(), actual.shape())
                        && c.alternative().maxAbsDiff(actual) <= 1e-9 * (1 + maxAbs(c.alternative()))) {
                    return "\n  likely cause: " + c.message();
                }
            }
            return "";
        }
    }

    /** Fails with the parameter, the worst element's position and the order of magnitude of the error. */
    public static void assertGradCheckPassed(String what, GradCheck.Result result) {
        for (GradCheck.TensorReport r : result.tensors()) {
            if (!r.passed()) {
                double err = Math.abs(r.numeric() - r.analytic());
                throw new AssertionFailedError("gradient check of " + what + ": the gradient of '" + r.name() + "' "
                        + Arrays.toString(r.shape()) + " disagrees with central differences; the worst element, at "
                        + Arrays.toString(r.worstIndex()) + ", is off by " + magnitude(err) + " (relative error of the whole gradient "
                        + magnitude(r.relativeError()) + ", " + r.failingElements() + " elements outside 1e-5 + 1e-3·|numeric|)");
            }
        }
    }

    /** "~1e-3", "NaN", "0". */
    public static String magnitude(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return "Infinity";
        }
        if (x == 0) {
            return "0";
        }
        return "~1e" + (int) Math.floor(Math.log10(Math.abs(x)) + 0.5);
    }

    /** 1e-10 rather than 1.0E-10. */
    static String number(double x) {
        return x == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.0e", x).replace("e-0", "e-").replace("e+00", "");
    }

    static double maxAbs(Tensor t) {
        double m = 0;
        for (double v : t.toArray()) {
            if (Double.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    static String index(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % Math.max(1, shape[d]);
            flat /= Math.max(1, shape[d]);
        }
        return Arrays.toString(idx);
    }
}
