package dojo.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FloatBuffersTest {

    @Test
    void aBufferGivenBackIsHandedOutAgainForItsLengthOnly() {
        FloatBuffers pool = new FloatBuffers();
        float[] a = pool.take(10);
        pool.give(a, null);
        assertThat(pool.take(11)).isNotSameAs(a).hasSize(11);
        assertThat(pool.take(10)).isSameAs(a);
        assertThat(pool.take(10)).isNotSameAs(a);          // handed out once, not twice
    }

    @Test
    void givingTheSameBufferBackTwiceIsRefused() {
        FloatBuffers pool = new FloatBuffers();
        float[] a = pool.take(4);
        pool.give(a);
        assertThatThrownBy(() -> pool.give(a)).isInstanceOf(IllegalStateException.class)
                .hasMessage("FloatBuffers: a buffer was given back twice");
    }

    @Test
    void pastTheCapThePoolStartsOverInsteadOfKeepingEveryLength() {
        FloatBuffers pool = new FloatBuffers(100);
        float[] a = pool.take(60), b = pool.take(30), c = pool.take(20);
        pool.give(a, b);                                   // 90 idle
        pool.give(c);                                      // 110 > 100: a and b dropped, c kept
        assertThat(pool.take(20)).isSameAs(c);
        assertThat(pool.take(60)).isNotSameAs(a);
        assertThat(pool.take(30)).isNotSameAs(b);
    }
}
