package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class AlignedFloatsTest {

    @Test
    void firstAlignedElementComesAfterTheHeader() {
        assertThat(AlignedFloats.offset(16)).isEqualTo(12);   // the usual float[] header: 16 + 48 = 64
        assertThat(AlignedFloats.offset(12)).isEqualTo(13);   // compact headers: 12 + 52 = 64
        assertThat(AlignedFloats.offset(64)).isZero();
        assertThat(AlignedFloats.offset(80)).isEqualTo(12);
        assertThat((sun.misc.Unsafe.ARRAY_FLOAT_BASE_OFFSET + 4 * AlignedFloats.OFFSET) % 64).isZero();
    }

    @Test
    void buffersHoldWhatWasAskedAfterTheOffset() {
        for (int floats : new int[] {1, 1000, 1 << 20}) {
            float[] b = AlignedFloats.allocate(floats);
            assertThat(AlignedFloats.capacity(b)).isGreaterThanOrEqualTo(floats);
        }
        assertThatThrownBy(() -> AlignedFloats.allocate(Integer.MAX_VALUE - 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit");
    }

    @Test
    void onG1EveryBufferIsHumongousSoItStartsARegion() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean g1 = Boolean.parseBoolean(hotspot.getVMOption("UseG1GC").getValue());
        if (g1) {
            long region = Long.parseLong(hotspot.getVMOption("G1HeapRegionSize").getValue());
            assertThat((long) AlignedFloats.HUMONGOUS_FLOATS * Float.BYTES).isEqualTo(region / 2);
            assertThat((long) AlignedFloats.allocate(1).length * Float.BYTES).isGreaterThanOrEqualTo(region / 2);
        } else {
            assertThat(AlignedFloats.HUMONGOUS_FLOATS).isZero();
        }
    }
}
