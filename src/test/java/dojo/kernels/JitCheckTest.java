package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JitCheckTest {

    @Test
    @DisplayName("a note only for the Vector backend under a trap limit below the one jvm-flags.sh sets")
    void noteOnlyWhenTheLimitIsLow() {
        assertThat(JitCheck.note(Backend.VECTOR, OptionalLong.of(100)))
                .contains("-XX:PerMethodTrapLimit=100:", "scripts/lib/jvm-flags.sh", "-XX:PerMethodTrapLimit=100000");
        assertThat(JitCheck.note(Backend.VECTOR, OptionalLong.of(JitCheck.ENOUGH - 1))).isNotNull();
        assertThat(JitCheck.note(Backend.VECTOR, OptionalLong.of(JitCheck.ENOUGH))).isNull();
        assertThat(JitCheck.note(Backend.SCALAR, OptionalLong.of(100))).isNull();
        assertThat(JitCheck.note(Backend.VECTOR, OptionalLong.empty())).isNull();
    }

    @Test
    @DisplayName("the limit is read from the running JVM: a JVM started without the flag gets the note, one with it none")
    void readsTheRunningJvm() throws Exception {
        assumeTrue(JitCheck.trapLimit().isPresent(), "not a HotSpot JVM");
        Forked without = Forked.run(List.of("--add-modules", "jdk.incubator.vector"), "jitnote");
        assertThat(without.output()).contains("NOTE this JVM runs with -XX:PerMethodTrapLimit=100:");
        Forked with = Forked.run(List.of("--add-modules", "jdk.incubator.vector", "-XX:PerMethodTrapLimit=100000"), "jitnote");
        assertThat(with.output()).contains("NONE");
    }
}
