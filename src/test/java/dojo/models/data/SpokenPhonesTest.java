package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpokenPhonesTest {

    private static final Split<SpokenUtterance> DATA = SpokenPhones.generate(11, 400, 50, 150);

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedDoesNot() {
        Split<SpokenUtterance> again = SpokenPhones.generate(11, 400, 50, 150);
        assertThat(again.train()).isEqualTo(DATA.train());
        assertThat(again.validation()).isEqualTo(DATA.validation());
        assertThat(again.test()).isEqualTo(DATA.test());
        assertThat(SpokenPhones.generate(12, 400, 50, 150).train()).isNotEqualTo(DATA.train());
    }

    @Test
    void noUtteranceAppearsInTwoSplits() {
        Set<SpokenUtterance> train = new HashSet<>(DATA.train());
        assertThat(DATA.validation()).noneMatch(train::contains);
        assertThat(DATA.test()).noneMatch(train::contains);
        assertThat(DATA.test()).noneMatch(new HashSet<>(DATA.validation())::contains);
    }

    @Test
    void transcriptsHave2To5PhonesOf8To12FramesEach() {
        all().forEach(u -> {
            assertThat(u.phones().length).isBetween(SpokenPhones.MIN_PHONES, SpokenPhones.MAX_PHONES);
            assertThat(u.frames()).isBetween(u.phones().length * SpokenPhones.MIN_DURATION, u.phones().length * SpokenPhones.MAX_DURATION);
            assertThat(u.bins()).isEqualTo(SpokenPhones.BINS);
            assertThat(java.util.Arrays.stream(u.phones()).boxed()).allSatisfy(p -> assertThat(p).isBetween(1, SpokenPhones.PHONES));
        });
    }

    @Test
    void theNeutralVowelIsWrittenByHarmonyWithTheFirstPhone() {
        all().forEach(u -> {
            int[] p = u.phones();
            assertThat(p[0]).as("the first phone of %s", u).isBetween(1, 6);
            int neutral = SpokenPhones.isFront(p[0]) ? SpokenPhones.NEUTRAL_FRONT : SpokenPhones.NEUTRAL_BACK;
            for (int i = 1; i < p.length; i++) {
                if (p[i] >= SpokenPhones.NEUTRAL_FRONT) assertThat(p[i]).as("neutral vowel at %d of %s", i, u).isEqualTo(neutral);
            }
        });
    }

    @Test
    void labels7And8AreTheSameSoundSoOnlyTheContextTellsThemApart() {
        assertThat(SpokenPhones.sound(SpokenPhones.NEUTRAL_FRONT)).isEqualTo(SpokenPhones.sound(SpokenPhones.NEUTRAL_BACK));
        SpokenUtterance front = SpokenPhones.speak(new int[] {2, 7, 7}, new SplittableRandom(5));
        SpokenUtterance back = SpokenPhones.speak(new int[] {2, 8, 8}, new SplittableRandom(5));
        assertThat(back.spectrogram()).as("the same rng, the neutral vowel written 7 or 8").containsExactly(front.spectrogram());
    }

    @Test
    void mostTranscriptsNeedTheHarmonyAndBothSpellingsAreAboutEquallyCommon() {
        long withNeutral = all().filter(u -> java.util.Arrays.stream(u.phones()).anyMatch(p -> p >= 7)).count();
        long front = all().filter(u -> java.util.Arrays.stream(u.phones()).anyMatch(p -> p == 7)).count();
        long back = all().filter(u -> java.util.Arrays.stream(u.phones()).anyMatch(p -> p == 8)).count();
        assertThat(withNeutral).as("utterances containing a 7 or an 8, of 600").isBetween(380L, 460L);
        assertThat((double) front / withNeutral).as("share of front words among them").isBetween(0.42, 0.58);
        assertThat(front + back).isEqualTo(withNeutral);
    }

    @Test
    void repeatedPhonesOccur() {
        assertThat(all().anyMatch(u -> {
            int[] p = u.phones();
            for (int i = 1; i < p.length; i++) if (p[i] == p[i - 1]) return true;
            return false;
        })).isTrue();
    }

    @Test
    void badSizesAndLabelsAreRejected() {
        assertThatThrownBy(() -> SpokenPhones.generate(1, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpokenPhones.sound(0)).hasMessageContaining("1..8");
        assertThatThrownBy(() -> new SpokenUtterance(new double[3], 1, 2, new int[] {1})).hasMessageContaining("[1, 2]");
    }

    private static Stream<SpokenUtterance> all() {
        return Stream.of(DATA.train(), DATA.validation(), DATA.test()).flatMap(List::stream);
    }
}
