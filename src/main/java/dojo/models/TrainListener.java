package dojo.models;

import java.time.Duration;

/** Receives a trainer's progress; the trainer itself never prints. */
public interface TrainListener {

    /** After each step: the step (1-based), the planned total, its loss, the last validation metric (NaN before the first), time so far and the estimated time left. */
    record Progress(int step, int maxSteps, double loss, double validation, Duration elapsed, Duration eta, boolean evaluated) {
    }

    void onProgress(Progress p);

    TrainListener NONE = p -> { };
}
