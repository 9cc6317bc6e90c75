package dojo.models;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a run: the curve (loss every step, validation metric where evaluated, NaN elsewhere),
 * the steps taken, whether the validation target was reached (early exit), the test metric, wall time.
 */
public record TrainResult(List<Point> curve, int steps, boolean reachedTarget, double validation, double test, Duration elapsed) {

    public record Point(int step, double loss, double validation) {
    }

    public TrainResult {
        curve = List.copyOf(curve);
    }
}
