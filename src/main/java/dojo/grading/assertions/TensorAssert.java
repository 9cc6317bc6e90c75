package dojo.grading.assertions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions for learner-facing tensors ({@code float[]}, {@code float[][]}, {@code float[][][]}) whose
 * failure messages teach: the shapes involved, where the first NaN/Inf is, the largest errors and where,
 * the tolerance, and a likely cause.
 *
 * <pre>{@code
 * assertThatTensor(weights).named("attention weights")
 *     .withLikelyCauses(LikelyCause.scaledBy(2f, "did you scale by 1/sqrt(d_k)?"))
 *     .hasShape(3, 4).isFinite()
 *     .isCloseTo(expected, Tolerance.of(1e-5, 1e-4))
 *     .exceptZeroRows().rowsSumTo(1f, 1e-5f);
 * }</pre>
 *
 * <p>Assertions run eagerly (AssertJ style), so configuration ({@link #named}, {@link #hidingValues},
 * {@link #withLikelyCauses}, {@link #exceptZeroRows}) must come before the checks it should affect.
 *
 * <p>Hidden mode ({@link #hidingValues()} or {@link #hidden}) is for hidden suites: messages still name the
 * property, the shapes, the indices and the size of the error, but never an actual or expected value.
 */
public class TensorAssert extends AbstractAssert<TensorAssert, Object> {

    private String name = "result";
    private boolean hideValues;
    private boolean exceptZeroRows;
    private final List<LikelyCause> causes = new ArrayList<>();

    protected TensorAssert(Object actual) {
        super(actual, TensorAssert.class);
    }

    public static TensorAssert assertThatTensor(float[] actual) {
        return new TensorAssert(actual);
    }

    public static TensorAssert assertThatTensor(float[][] actual) {
        return new TensorAssert(actual);
    }

    public static TensorAssert assertThatTensor(float[][][] actual) {
        return new TensorAssert(actual);
    }

    /** Hidden-suite form of {@link #assertThatTensor(float[])}: values never appear in messages. */
    public static TensorAssert hidden(float[] actual) {
        return new TensorAssert(actual).hidingValues();
    }

    public static TensorAssert hidden(float[][] actual) {
        return new TensorAssert(actual).hidingValues();
    }

    public static TensorAssert hidden(float[][][] actual) {
        return new TensorAssert(actual).hidingValues();
    }

    /** What the tensor is, used at the start of every message ("attention weights: ..."). */
    public TensorAssert named(String what) {
        this.name = what;
        return this;
    }

    /** Messages name properties, shapes, indices and error sizes, never values. */
    public TensorAssert hidingValues() {
        this.hideValues = true;
        return this;
    }

    /** Exercise-specific causes, tried in order before the generic {@link LikelyCause#defaults()}. */
    public TensorAssert withLikelyCauses(LikelyCause... likelyCauses) {
        causes.addAll(Arrays.asList(likelyCauses));
        return this;
    }

    /** {@link #rowsSumTo} then accepts rows that are all zeros (fully masked rows). */
    public TensorAssert exceptZeroRows() {
        this.exceptZeroRows = true;
        return this;
    }

    // ---- checks ---------------------------------------------------------------------------------------------

    /** Fails with the expected and the actual shape. */
    public TensorAssert hasShape(int... expected) {
        Tensor a = tensor();
        if (!Arrays.equals(a.shape(), expected)) {
            String hint = "";
            if (a.rank() >= 2 && expected.length == a.rank()) {
                int[] swapped = a.shape().clone();
                int r = swapped.length;
                int tmp = swapped[r - 1];
                swapped[r - 1] = swapped[r - 2];
                swapped[r - 2] = tmp;
                if (Arrays.equals(swapped, expected)) {
                    hint = " (the last two axes are swapped: transposed?)";
                }
            } else if (expected.length != a.rank()) {
                hint = " (" + a.rank() + " axes instead of " + expected.length + ")";
            }
            fail(name + ": expected shape " + Tensor.shapeString(expected) + " but was " + a.shapeString() + hint);
        }
        return this;
    }

    /** Fails when any value is NaN or infinite, naming the first such index and how many there are. */
    public TensorAssert isFinite() {
        Tensor a = tensor();
        int nan = 0;
        int inf = 0;
        int first = -1;
        for (int i = 0; i < a.size(); i++) {
            float v = a.data()[i];
            if (!Float.isFinite(v)) {
                if (Float.isNaN(v)) {
                    nan++;
                } else {
                    inf++;
                }
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (first >= 0) {
            String what = Float.isNaN(a.data()[first]) ? "NaN" : (a.data()[first] > 0 ? "+Infinity" : "-Infinity");
            fail(name + ": expected only finite values but found " + count(nan, "NaN") + " and " + count(inf, "infinite value")
                    + " of " + a.size() + "; the first is " + what + " at " + a.index(first)
                    + "\n  likely cause: exp overflowing (subtract the row max before exp), 0/0 on a fully masked row, "
                    + "or a division by a zero sum?");
        }
        return this;
    }

    /** Fails unless every value lies in {@code [min, max]}. */
    public TensorAssert allWithin(float min, float max) {
        Tensor a = tensor();
        int bad = 0;
        int first = -1;
        for (int i = 0; i < a.size(); i++) {
            float v = a.data()[i];
            if (!(v >= min && v <= max)) {
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (bad > 0) {
            fail(name + ": expected every value in [" + Tensor.fmt(min) + ", " + Tensor.fmt(max) + "] but "
                    + count(bad, "value") + " of " + a.size() + " are outside; the first is at " + a.index(first)
                    + (hideValues ? "" : " (" + Tensor.fmt(a.data()[first]) + ")"));
        }
        return this;
    }

    public TensorAssert isCloseTo(float[] expected, Tolerance tolerance) {
        return closeTo(expected, tolerance);
    }

    public TensorAssert isCloseTo(float[][] expected, Tolerance tolerance) {
        return closeTo(expected, tolerance);
    }

    public TensorAssert isCloseTo(float[][][] expected, Tolerance tolerance) {
        return closeTo(expected, tolerance);
    }

    /**
     * Every last-axis row sums to {@code target} within {@code tolerance} (rows of zeros excepted after
     * {@link #exceptZeroRows()}); names the worst row and how far off it is.
     */
    public TensorAssert rowsSumTo(float target, float tolerance) {
        Tensor a = tensor();
        if (a.rank() < 1) {
            return this;
        }
        int n = a.lastDim();
        int rows = a.rows();
        int bad = 0;
        int worst = -1;
        double worstErr = -1;
        double worstSum = 0;
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            boolean zero = true;
            for (int j = 0; j < n; j++) {
                float v = a.data()[r * n + j];
                sum += v;
                zero &= v == 0f;
            }
            if (zero && exceptZeroRows) {
                continue;
            }
            double err = Math.abs(sum - target);
            if (!(err <= tolerance)) {
                bad++;
                double key = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                if (key > worstErr) {
                    worstErr = key;
                    worst = r;
                    worstSum = sum;
                }
            }
        }
        if (bad > 0) {
            String where = a.rank() == 1 ? "the vector" : "row " + a.rowIndex(worst);
            StringBuilder m = new StringBuilder(name).append(": expected every ")
                    .append(a.rank() == 1 ? "vector" : "row").append(" to sum to ").append(Tensor.fmt(target))
                    .append(" (within ").append(Tensor.fmt(tolerance)).append(") but ").append(bad).append(" of ")
                    .append(rows).append(a.rank() == 1 ? " does not" : " rows do not").append("; the worst is ")
                    .append(where);
            if (hideValues) {
                m.append(", off by ").append(Double.isNaN(worstSum) ? "NaN" : "an amount of order "
                        + orderOfMagnitude(Math.abs(worstSum - target)));
            } else {
                m.append(", which sums to ").append(Tensor.fmt(worstSum));
            }
            if (Double.isNaN(worstSum)) {
                m.append("\n  likely cause: a NaN in that row (exp overflow, or 0/0 when every entry is masked)?");
            } else if (Math.abs(worstSum) < 1e-12 && !exceptZeroRows) {
                m.append("\n  likely cause: an all-zero row; if it is fully masked that may be right, otherwise "
                        + "the row was never filled?");
            } else if (!exceptZeroRows || Math.abs(worstSum) > 1e-12) {
                m.append("\n  likely cause: not normalised over the last axis (divide each row by its own sum), "
                        + "or normalised over the wrong axis?");
            }
            fail(m.toString());
        }
        return this;
    }

    // ---- internals ------------------------------------------------------------------------------------------

    private TensorAssert closeTo(Object expectedValue, Tolerance tolerance) {
        Tensor a = tensor();
        Tensor e = Tensor.of(expectedValue); // a malformed expected value is a bug in the suite: let it throw
        if (!Arrays.equals(a.shape(), e.shape())) {
            StringBuilder m = new StringBuilder(name).append(": expected shape ").append(e.shapeString())
                    .append(" but was ").append(a.shapeString());
            appendCause(m, a, e, tolerance);
            fail(m.toString());
        }
        int nanWrong = 0;
        int firstNaN = -1;
        int infWrong = 0;
        int firstInf = -1;
        int mismatches = 0;
        int worst = -1;
        double worstExcess = -1;
        int maxAbsAt = -1;
        double maxAbs = 0;
        int maxRelAt = -1;
        double maxRel = 0;
        for (int i = 0; i < a.size(); i++) {
            float av = a.data()[i];
            float ev = e.data()[i];
            if (tolerance.allows(av, ev)) {
                continue;
            }
            mismatches++;
            double excess;
            if (Float.isNaN(av)) {
                nanWrong++;
                if (firstNaN < 0) {
                    firstNaN = i;
                }
                excess = Double.POSITIVE_INFINITY;
            } else if (Float.isInfinite(av) || !Float.isFinite(ev)) {
                infWrong++;
                if (firstInf < 0) {
                    firstInf = i;
                }
                excess = Double.MAX_VALUE;
            } else {
                double abs = Math.abs((double) av - ev);
                double rel = ev == 0 ? Double.POSITIVE_INFINITY : abs / Math.abs(ev);
                excess = abs - (tolerance.abs() + tolerance.rel() * Math.abs(ev));
                if (abs > maxAbs) {
                    maxAbs = abs;
                    maxAbsAt = i;
                }
                if (rel > maxRel || maxRelAt < 0) {
                    maxRel = rel;
                    maxRelAt = i;
                }
            }
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = i;
            }
        }
        if (mismatches == 0) {
            return this;
        }
        StringBuilder m = new StringBuilder(name).append(": not close to the expected values")
                .append(hideValues ? " (values hidden)" : "").append('\n');
        m.append("  shape ").append(a.shapeString()).append(" as expected; ").append(mismatches).append(" of ")
                .append(a.size()).append(" elements differ beyond the tolerance ").append(tolerance).append('\n');
        if (nanWrong > 0) {
            m.append("  ").append(count(nanWrong, "NaN")).append(" where a number was expected; the first at ")
                    .append(a.index(firstNaN)).append('\n');
        }
        if (infWrong > 0) {
            m.append("  ").append(count(infWrong, "wrong infinite value")).append("; the first at ")
                    .append(a.index(firstInf));
            if (!hideValues) {
                m.append(": actual ").append(Tensor.fmt(a.data()[firstInf])).append(", expected ")
                        .append(Tensor.fmt(e.data()[firstInf]));
            }
            m.append('\n');
        }
        if (maxAbsAt >= 0 && hideValues) {
            // never an exact error or a ratio next to a position: with the learner's own value (they can print it)
            // either rebuilds the expected value; only the order of magnitude
            m.append("  largest error of order ").append(orderOfMagnitude(maxAbs)).append(" at ").append(a.index(maxAbsAt))
                    .append('\n');
        } else if (maxAbsAt >= 0) {
            m.append("  max abs error ").append(Tensor.fmt(maxAbs)).append(" at ").append(a.index(maxAbsAt));
            if (!hideValues) {
                m.append(": actual ").append(Tensor.fmt(a.data()[maxAbsAt])).append(", expected ")
                        .append(Tensor.fmt(e.data()[maxAbsAt]));
            }
            m.append('\n');
            m.append("  max rel error ").append(Double.isInfinite(maxRel) ? "inf (expected 0)" : Tensor.fmt(maxRel))
                    .append(" at ").append(a.index(maxRelAt)).append('\n');
        }
        m.append("  worst index ").append(a.index(worst));
        if (!hideValues && a.rank() >= 2 && a.lastDim() <= 8) {
            int n = a.lastDim();
            int row = worst / n;
            String label = "  row " + a.rowIndex(row) + ": ";
            m.append('\n').append(label).append("actual   ").append(row(a, row));
            m.append('\n').append(" ".repeat(label.length())).append("expected ").append(row(e, row));
        } else if (!hideValues && a.rank() == 1 && a.size() <= 8) {
            m.append("\n  actual   ").append(row(a, 0)).append("\n  expected ").append(row(e, 0));
        }
        appendCause(m, a, e, tolerance);
        fail(m.toString());
        return this;
    }

    private void appendCause(StringBuilder m, Tensor a, Tensor e, Tolerance tolerance) {
        Tolerance loose = tolerance.times(10);
        List<LikelyCause> all = new ArrayList<>(causes);
        all.addAll(LikelyCause.defaults());
        for (LikelyCause c : all) {
            if (c.matches(a, e, loose)) {
                m.append("\n  likely cause: ").append(hideValues ? c.describeHidden() : c.describe(a, e));
                return;
            }
        }
    }

    /** {@code 1e-3} for 0.0042: the power of ten at or below a positive error ({@code 0} for 0). */
    public static String orderOfMagnitude(double error) {
        if (error == 0) {
            return "0";
        }
        if (!Double.isFinite(error)) {
            return Double.isNaN(error) ? "NaN" : "infinity";
        }
        return "1e" + (int) Math.floor(Math.log10(Math.abs(error)));
    }

    private static String row(Tensor t, int row) {
        int n = t.rank() == 1 ? t.size() : t.lastDim();
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (int k = 0; k < n; k++) {
            j.add(Tensor.fmt(t.data()[row * n + k]));
        }
        return j.toString();
    }

    private Tensor tensor() {
        if (actual == null) {
            fail(name + ": returned null instead of a tensor");
        }
        try {
            return Tensor.of(actual);
        } catch (IllegalArgumentException ex) {
            fail(name + ": " + ex.getMessage());
            throw ex; // unreachable: fail throws
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 || what.equals("NaN") ? "" : "s");
    }

    private void fail(String message) {
        failWithMessage("%s", message);
    }
}
