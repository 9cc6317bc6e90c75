package dojo.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Compares the gradients that backward computes with central differences, in double.
 *
 * <p>For every element {@code x} of every checked tensor: {@code num = (f(x+h) - f(x-h)) / 2h}. A tensor
 * passes when every element meets {@code |num - ana| <= 1e-5 + 1e-3 |num|} and the whole gradient meets
 * {@code ||num - ana|| / ||num + ana|| <= 1e-6} (0/0 counts as 0). The thresholds follow
 * {@code torch.autograd.gradcheck} (atol 1e-5, rtol 1e-3) and CS231n's "relative error ~1e-7 is good".
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(gen, 3, 4).requiresGrad(true);
 * GradCheck.Result r = GradCheck.check(() -> x.matmul(w.t()).tanh().sum(), Map.of("w", w));
 * r.assertPassed();   // AssertionError naming the tensor, the worst element and both values
 * }</pre>
 *
 * The loss is evaluated 2 x (number of elements) + 1 times; keep the sizes small.
 */
public final class GradCheck {

    /** Element-wise absolute tolerance. */
    public static final double ATOL = 1e-5;
    /** Element-wise relative tolerance. */
    public static final double RTOL = 1e-3;
    /** Limit of the whole-gradient relative error. */
    public static final double MAX_RELATIVE_ERROR = 1e-6;
    /** Default step. */
    public static final double STEP = 1e-6;

    private GradCheck() {
    }

    /** The outcome for one tensor. */
    public record TensorReport(String name, int[] shape, int[] worstIndex, double numeric, double analytic,
                               double relativeError, int failingElements, boolean passed, boolean allZeroAnalytic) {

        /** One line: what failed, where, and both values. */
        public String describe() {
            String where = Arrays.toString(worstIndex);
            String values = String.format(Locale.ROOT, "numeric %.10g vs analytic %.10g", numeric, analytic);
            String rel = String.format(Locale.ROOT, "%.3g", relativeError);
            if (passed) return name + " " + Arrays.toString(shape) + ": ok (relative error " + rel + ", worst element " + where + ": " + values + ")";
            return "gradient of '" + name + "' " + Arrays.toString(shape) + " is wrong: worst element " + where + " " + values
                    + "; " + failingElements + " element(s) outside |num - ana| <= 1e-5 + 1e-3|num|; relative error of the whole gradient "
                    + rel + " (limit 1e-6)"
                    + (allZeroAnalytic ? "; the analytic gradient is exactly zero everywhere: if the loss does not depend on this"
                    + " tensor, leave it out of the check" : "");
        }
    }

    /** The outcome for all checked tensors. */
    public record Result(List<TensorReport> tensors) {
        public boolean passed() {
            return tensors.stream().allMatch(TensorReport::passed);
        }

        /** The first failing tensor's description, or "ok". */
        public String message() {
            return tensors.stream().filter(t -> !t.passed()).map(TensorReport::describe).findFirst().orElse("gradient check passed");
        }

        /** Throws an {@link AssertionError} with {@link #message()} unless every tensor passed. */
        public Result assertPassed() {
            if (!passed()) throw new AssertionError(message());
            return this;
        }
    }

    /**
     * Checks the gradients of a scalar loss with respect to the named tensors (leaves with
     * requiresGrad; their values are perturbed in place and restored).
     */
    public static Result check(Supplier<Tensor> loss, Map<String, Tensor> tensors) {
        return check(loss, tensors, STEP);
    }

    public static Result check(Supplier<Tensor> loss, Map<String, Tensor> tensors, double step) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            if (!t.requiresGrad() || !t.isLeaf()) {
                throw new IllegalArgumentException("GradCheck: '" + e.getKey() + "' must be a leaf with requiresGrad(true)");
            }
            t.array();
            t.zeroGrad();
        }
        Tensor l = loss.get();
        if (l.numel() != 1) {
            throw new IllegalArgumentException("GradCheck: the loss must have one element, shape is " + Shape.text(l.shape)
                    + " (use the Function overload to check a tensor-valued function)");
        }
        l.backward();
        List<TensorReport> reports = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            double[] ana = t.grad() == null ? new double[t.numel()] : t.grad().toArray();
            double[] x = t.array();
            double[] num = new double[x.length];
            try (Autograd.Scope s = Autograd.noGrad()) {
                for (int i = 0; i < x.length; i++) {
                    double v = x[i];
                    x[i] = v + step;
                    double plus = loss.get().item();
                    x[i] = v - step;
                    double minus = loss.get().item();
                    x[i] = v;
                    num[i] = (plus - minus) / (2 * step);
                }
            }
            reports.add(compare(e.getKey(), t.shape, num, ana));
        }
        return new Result(reports);
    }

    /**
     * Checks a tensor-valued function of the given inputs: the output is reduced to a scalar with fixed
     * pseudo-random weights (seeded), which checks every output's gradient at once with probability 1.
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) named.put("input " + i, inputs[i]);
        Tensor[] weights = new Tensor[1];
        return check(() -> {
            Tensor out = f.apply(inputs);
            if (weights[0] == null || !Shape.same(weights[0].shape, out.shape)) {
                weights[0] = Tensor.uniform(new Generator(12345), 0.5, 1.5, out.shape);
            }
            return out.mul(weights[0]).sum();
        }, named);
    }

    static TensorReport compare(String name, int[] shape, double[] num, double[] ana) {
        int worst = 0;
        double worstExcess = Double.NEGATIVE_INFINITY;
        int failing = 0;
        double diff2 = 0;
        double sum2 = 0;
        boolean nan = false;
        for (int i = 0; i < num.length; i++) {
            double d = Math.abs(num[i] - ana[i]);
            double excess = d - (ATOL + RTOL * Math.abs(num[i]));
            if (Double.isNaN(d)) {
                nan = true;
                excess = Double.POSITIVE_INFINITY;
            }
            if (excess > 0) failing++;
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = i;
            }
            diff2 += (num[i] - ana[i]) * (num[i] - ana[i]);
            sum2 += (num[i] + ana[i]) * (num[i] + ana[i]);
        }
        double rel = diff2 == 0 ? 0 : Math.sqrt(diff2) / Math.sqrt(sum2);
        if (nan) rel = Double.NaN;
        boolean passed = failing == 0 && rel <= MAX_RELATIVE_ERROR;
        int[] index = unravel(worst, shape);
        boolean zero = true;
        for (double a : ana) zero &= a == 0;
        return new TensorReport(name, shape.clone(), index, num.length == 0 ? 0 : num[worst],
                ana.length == 0 ? 0 : ana[worst], rel, failing, passed, zero);
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 0) return idx;
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }
}
