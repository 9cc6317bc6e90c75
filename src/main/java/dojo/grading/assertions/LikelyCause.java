package dojo.grading.assertions;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * A known way to get an answer wrong, recognised from the actual and the expected tensor, with the sentence
 * a learner should read when it is recognised ("likely cause: ...").
 *
 * <p>Suites pass exercise-specific causes to {@link TensorAssert#withLikelyCauses}; a few generic causes
 * ({@link #defaults()}: transposed, off by a constant factor, rows not normalised, NaN, all zeros) are
 * always tried after them. The first cause that matches is reported.
 */
public final class LikelyCause {

    /** Decides whether a cause explains the difference; tolerance is the assertion's, already loosened. */
    @FunctionalInterface
    public interface Matcher {
        boolean matches(Tensor actual, Tensor expected, Tolerance tolerance);
    }

    private final String message;
    private final Matcher matcher;

    private LikelyCause(String message, Matcher matcher) {
        this.message = Objects.requireNonNull(message, "message");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
    }

    /** A cause given by a matcher on the shaped tensors. */
    public static LikelyCause of(Matcher matcher, String message) {
        return new LikelyCause(message, matcher);
    }

    /** Matches when {@code actual ≈ factor * expected} elementwise (same shape), e.g. a missing {@code 1/sqrt(d_k)}. */
    public static LikelyCause scaledBy(float factor, String message) {
        return new LikelyCause(message, (a, e, tol) -> sameShape(a, e) && !allZero(e)
                && allMatch(a, e, tol, x -> factor * x));
    }

    /** Matches when {@code actual} is the transpose of {@code expected} over the last two axes (not symmetric). */
    public static LikelyCause transposed(String message) {
        return new LikelyCause(message, (a, e, tol) -> {
            Tensor t = e.transposeLastTwo();
            return t != null && Arrays.equals(a.shape(), t.shape()) && !closeAll(e, t, tol) && closeAll(a, t, tol);
        });
    }

    /** Matches when the predicate holds for the flattened (row-major) actual and expected values. */
    public static LikelyCause when(BiPredicate<float[], float[]> test, String message) {
        return new LikelyCause(message, (a, e, tol) -> test.test(a.data(), e.data()));
    }

    /** The generic causes tried after a suite's own ones. */
    public static List<LikelyCause> defaults() {
        return List.of(
                new LikelyCause("NaN in the result: exp overflowing (subtract the row max first), 0/0 on a fully masked "
                        + "row, or a NaN in the input passed through?", (a, e, tol) -> hasNaNWhereFinite(a, e)),
                new LikelyCause("the result is all zeros: did you return a new array without filling it?",
                        (a, e, tol) -> sameShape(a, e) && allZero(a) && !allZero(e)),
                transposed("the result is the transpose of the expected one: wrong axis, or operands swapped?"),
                new LikelyCause("", LikelyCause::constantFactor),
                new LikelyCause("each row is off by its own factor: a missing or wrong normalisation "
                        + "(divide every row by its own sum)?", LikelyCause::perRowFactor),
                new LikelyCause("each row is off by its own constant: a missing or wrong per-row shift?",
                        LikelyCause::perRowOffset));
    }

    public String message() {
        return message;
    }

    public boolean matches(Tensor actual, Tensor expected, Tolerance tolerance) {
        try {
            return matcher.matches(actual, expected, tolerance);
        } catch (RuntimeException e) {
            return false; // a cause that cannot judge this pair does not apply
        }
    }

    /** The message for a matched cause; the generic constant-factor cause names the factor. */
    String describe(Tensor actual, Tensor expected) {
        if (!message.isEmpty()) {
            return message;
        }
        double c = bestFactor(actual, expected);
        return String.format(Locale.ROOT, "every value is off by the same factor (about %s): a missing or extra "
                + "scale, such as 1/sqrt(d_k)?", Tensor.fmt(c));
    }

    /** The message for a matched cause in a hidden suite: the generic constant-factor cause without its factor. */
    String describeHidden() {
        return message.isEmpty() ? "every value is off by the same factor: a missing or extra scale, such as 1/sqrt(d_k)?"
                : message;
    }

    // ---- matchers -------------------------------------------------------------------------------------------

    interface FloatOp {
        double apply(double x);
    }

    static boolean sameShape(Tensor a, Tensor e) {
        return Arrays.equals(a.shape(), e.shape());
    }

    static boolean allZero(Tensor t) {
        for (float v : t.data()) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }

    static boolean closeAll(Tensor a, Tensor e, Tolerance tol) {
        if (!sameShape(a, e)) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!tol.allows(a.data()[i], e.data()[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean allMatch(Tensor a, Tensor e, Tolerance tol, FloatOp op) {
        for (int i = 0; i < a.size(); i++) {
            if (!tol.allows(a.data()[i], op.apply(e.data()[i]))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNaNWhereFinite(Tensor a, Tensor e) {
        if (!sameShape(a, e)) {
            for (float v : a.data()) {
                if (Float.isNaN(v)) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (Float.isNaN(a.data()[i]) && !Float.isNaN(e.data()[i])) {
                return true;
            }
        }
        return false;
    }

    static double bestFactor(Tensor a, Tensor e) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.size(); i++) {
            num += (double) a.data()[i] * e.data()[i];
            den += (double) e.data()[i] * e.data()[i];
        }
        return den == 0 ? Double.NaN : num / den;
    }

    private static boolean constantFactor(Tensor a, Tensor e, Tolerance tol) {
        if (!sameShape(a, e) || allZero(e)) {
            return false;
        }
        double c = bestFactor(a, e);
        if (!Double.isFinite(c) || Math.abs(c - 1) < 1e-3 || Math.abs(c) < 1e-6) {
            return false;
        }
        return allMatch(a, e, tol, x -> c * x);
    }

    private static boolean perRowFactor(Tensor a, Tensor e, Tolerance tol) {
        if (!sameShape(a, e) || a.rank() < 2 || a.rows() < 2) {
            return false;
        }
        int n = a.lastDim();
        boolean someRowOff = false;
        for (int r = 0; r < a.rows(); r++) {
            double num = 0;
            double den = 0;
            for (int j = 0; j < n; j++) {
                num += (double) a.data()[r * n + j] * e.data()[r * n + j];
                den += (double) e.data()[r * n + j] * e.data()[r * n + j];
            }
            double c = den == 0 ? 1 : num / den;
            if (!Double.isFinite(c)) {
                return false;
            }
            someRowOff |= Math.abs(c - 1) > 1e-3;
            for (int j = 0; j < n; j++) {
                if (!tol.allows(a.data()[r * n + j], c * e.data()[r * n + j])) {
                    return false;
                }
            }
        }
        return someRowOff;
    }

    private static boolean perRowOffset(Tensor a, Tensor e, Tolerance tol) {
        if (!sameShape(a, e) || a.lastDim() < 2) {
            return false;
        }
        int n = a.lastDim();
        boolean someRowOff = false;
        for (int r = 0; r < a.rows(); r++) {
            double shift = 0;
            for (int j = 0; j < n; j++) {
                shift += (double) a.data()[r * n + j] - e.data()[r * n + j];
            }
            shift /= n;
            if (!Double.isFinite(shift)) {
                return false;
            }
            someRowOff |= !tol.allows(shift, 0);
            for (int j = 0; j < n; j++) {
                if (!tol.allows(a.data()[r * n + j], e.data()[r * n + j] + shift)) {
                    return false;
                }
            }
        }
        return someRowOff;
    }

    @Override
    public String toString() {
        return "LikelyCause[" + message + "]";
    }
}
