package dojo.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RatingsTest {

    @Test
    @DisplayName("a wrong answer is Again, a partly right one Hard, a right one Good")
    void scoreMapsToRating() {
        assertThat(Ratings.fromScore(0.0)).isEqualTo(Rating.AGAIN);
        assertThat(Ratings.fromScore(0.01)).isEqualTo(Rating.HARD);
        assertThat(Ratings.fromScore(0.5)).isEqualTo(Rating.HARD);
        assertThat(Ratings.fromScore(0.999)).isEqualTo(Rating.HARD);
        assertThat(Ratings.fromScore(1.0)).isEqualTo(Rating.GOOD);
    }

    @Test
    @DisplayName("a score outside [0, 1] or NaN is a programming error named in the message")
    void badScoreRejected() {
        assertThatThrownBy(() -> Ratings.fromScore(1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> Ratings.fromScore(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ratings.fromScore(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("open questions are self-rated 1-4 and recorded with scores 0, 0.5, 1, 1")
    void selfRatings() {
        assertThat(Ratings.fromSelfRating(1)).isEqualTo(Rating.AGAIN);
        assertThat(Ratings.fromSelfRating(4)).isEqualTo(Rating.EASY);
        assertThatThrownBy(() -> Ratings.fromSelfRating(5)).hasMessageContaining("1..4");
        assertThat(Ratings.scoreOf(Rating.AGAIN)).isZero();
        assertThat(Ratings.scoreOf(Rating.HARD)).isEqualTo(0.5);
        assertThat(Ratings.scoreOf(Rating.GOOD)).isEqualTo(1.0);
        assertThat(Ratings.scoreOf(Rating.EASY)).isEqualTo(1.0);
        assertThat(Ratings.isCorrect(1.0)).isTrue();
        assertThat(Ratings.isCorrect(0.5)).isFalse();
    }
}
