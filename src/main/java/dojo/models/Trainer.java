package dojo.models;

import dojo.models.data.Split;
import dojo.nn.Module;
import dojo.optim.Adam;
import dojo.tensor.Autograd;
import dojo.tensor.Tensor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a module on a split: seeded shuffled batches, AdamW, periodic validation, early exit at the
 * target, and the test metric once at the end. Progress goes to a {@link TrainListener}; time comes from
 * an injected {@link Clock}. The same config gives the same numbers on every run.
 */
public final class Trainer {

    private final Clock clock;

    public Trainer(Clock clock) {
        this.clock = clock;
    }

    public <E> TrainResult fit(Module model, Objective<E> objective, Split<E> data, TrainConfig cfg, TrainListener listener) {
        if (data.train().isEmpty()) throw new IllegalArgumentException("the training split of " + data.name() + " is empty");
        Adam opt = Adam.adamW(model.parameters(), cfg.lr(), 0.9, 0.999, 1e-8, cfg.weightDecay());
        SplittableRandom rng = new SplittableRandom(cfg.seed());
        List<E> train = data.train();
        int[] order = permutation(train.size(), rng);
        int cursor = 0;
        long start = clock.millis();
        List<TrainResult.Point> curve = new ArrayList<>();
        double validation = Double.NaN;
        boolean reached = false;
        int step = 0;
        while (step < cfg.maxSteps() && !reached) {
            step++;
            List<E> batch = new ArrayList<>(cfg.batchSize());
            for (int i = 0; i < cfg.batchSize(); i++) {
                if (cursor == order.length) {
                    order = permutation(train.size(), rng);
                    cursor = 0;
                }
                batch.add(train.get(order[cursor++]));
            }
            opt.setLr(learningRate(cfg, step));
            model.train();
            opt.zeroGrad();
            Tensor loss = objective.loss(batch);
            loss.backward();
            opt.step();
            double lossValue = loss.item();
            boolean evaluate = step % cfg.evalEvery() == 0 || step == cfg.maxSteps();
            if (evaluate) {
                validation = evaluate(model, objective, data.validation());
                reached = validation >= cfg.target();
            }
            curve.add(new TrainResult.Point(step, lossValue, evaluate ? validation : Double.NaN));
            Duration elapsed = Duration.ofMillis(clock.millis() - start);
            Duration eta = Duration.ofMillis(elapsed.toMillis() * (cfg.maxSteps() - step) / step);
            listener.onProgress(new TrainListener.Progress(step, cfg.maxSteps(), lossValue, validation, elapsed,
                    reached ? Duration.ZERO : eta, evaluate));
        }
        double test = evaluate(model, objective, data.test());
        return new TrainResult(curve, step, reached, validation, test, Duration.ofMillis(clock.millis() - start));
    }

    /**
     * Linear warmup over {@code warmupSteps}, then cosine decay from {@code lr} to {@code lr / 10} at
     * {@code maxSteps} (an early exit simply stops on the way down).
     */
    public static double learningRate(TrainConfig cfg, int step) {
        if (cfg.warmupSteps() > 0 && step <= cfg.warmupSteps()) return cfg.lr() * step / cfg.warmupSteps();
        int span = Math.max(1, cfg.maxSteps() - cfg.warmupSteps());
        double progress = Math.min(1.0, (double) (step - cfg.warmupSteps()) / span);
        return cfg.lr() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    /** The metric in eval mode with recording off; NaN for no examples. */
    public static <E> double evaluate(Module model, Objective<E> objective, List<E> examples) {
        if (examples.isEmpty()) return Double.NaN;
        boolean was = model.isTraining();
        model.eval();
        try (var off = Autograd.noGrad()) {
            return objective.metric(examples);
        } finally {
            model.train(was);
        }
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
