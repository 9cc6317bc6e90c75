package dojo.models;

import dojo.exercise.api.TextClassifierConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.models.data.LastTokenRepeats;
import dojo.models.data.Split;
import dojo.models.data.TextExample;
import dojo.tensor.Generator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final Split<TextExample> DATA = LastTokenRepeats.generate(4, 64, 32, 32);
    private static final TextClassifierConfig TINY =
            new TextClassifierConfig(LastTokenRepeats.VOCAB, 8, 2, 8, 1, LastTokenRepeats.MAX_LEN, 2);

    private static TrainResult run(long seed, TrainConfig cfg, Clock clock, TrainListener l) {
        var m = SolutionModels.textClassifier(TINY, seed);
        return new Trainer(clock).fit(m, new TextClassification(m), DATA, cfg, l);
    }

    private static final Clock FIXED = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    @Test
    void theSameSeedGivesTheSameCurve() {
        TrainConfig cfg = new TrainConfig(12, 16, 1e-2, 0.01, 3, 4, 2.0, 9);
        assertThat(run(1, cfg, FIXED, TrainListener.NONE).curve()).isEqualTo(run(1, cfg, FIXED, TrainListener.NONE).curve());
    }

    @Test
    void theListenerHearsEveryStepAndEvaluationsAtTheirInterval() {
        List<TrainListener.Progress> heard = new ArrayList<>();
        run(1, new TrainConfig(10, 16, 1e-2, 0.0, 0, 4, 2.0, 1), FIXED, heard::add);
        assertThat(heard).extracting(TrainListener.Progress::step).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(heard).filteredOn(TrainListener.Progress::evaluated).extracting(TrainListener.Progress::step).containsExactly(4, 8, 10);
        assertThat(heard.get(0).validation()).isNaN();
    }

    @Test
    void trainingStopsAtTheFirstEvaluationThatReachesTheTarget() {
        TrainResult r = run(1, new TrainConfig(50, 16, 1e-2, 0.0, 0, 5, 0.0, 1), FIXED, TrainListener.NONE);
        assertThat(r.reachedTarget()).isTrue();
        assertThat(r.steps()).isEqualTo(5);
    }

    @Test
    void elapsedTimeAndEtaComeFromTheInjectedClock() {
        Clock ticking = new Clock() {
            long ms;
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(ms += 1000); }
        };
        List<TrainListener.Progress> heard = new ArrayList<>();
        run(1, new TrainConfig(4, 16, 1e-2, 0.0, 0, 100, 2.0, 1), ticking, heard::add);
        // the clock advances 1 s per reading: start, then one reading per step
        assertThat(heard.get(0).elapsed()).isEqualTo(Duration.ofSeconds(1));
        assertThat(heard.get(0).eta()).isEqualTo(Duration.ofSeconds(3));
        assertThat(heard.get(3).eta()).isEqualTo(Duration.ZERO);
    }
}
