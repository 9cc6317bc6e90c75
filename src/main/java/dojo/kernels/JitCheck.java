package dojo.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.OptionalLong;

/**
 * Whether this JVM runs the Vector API kernels with the JIT settings they need (docs/kernels.md, "The JIT"):
 * with C2's default {@code PerMethodTrapLimit} (100) about every other run that uses both float and double
 * vectors compiles its kernels without the intrinsics and is 2-3x slower. {@code ./dojo} and the scripts start
 * the JVM with the flags in {@code scripts/lib/jvm-flags.sh}; a JVM started another way (an IDE) gets a note.
 */
public final class JitCheck {
    /**
     * The limit {@code scripts/lib/jvm-flags.sh} and the pom set (the JMH forks take it from here); anything this
     * high leaves room for the kernels' traps.
     */
    public static final long ENOUGH = 100_000;

    private JitCheck() {}

    /** A one-line note for the user, or null when nothing is wrong (or the JVM cannot tell). */
    public static String note(Backend backend) {
        return note(backend, trapLimit());
    }

    static String note(Backend backend, OptionalLong trapLimit) {
        if (backend != Backend.VECTOR || trapLimit.isEmpty() || trapLimit.getAsLong() >= ENOUGH) return null;
        return "this JVM runs with -XX:PerMethodTrapLimit=" + trapLimit.getAsLong() + ": start it with the flags in "
                + "scripts/lib/jvm-flags.sh (-XX:PerMethodTrapLimit=" + ENOUGH + "), or float kernels may run 2-3x slower "
                + "in some runs (docs/kernels.md, \"The JIT\"); ./dojo does this for you";
    }

    /** This JVM's PerMethodTrapLimit, or empty when it is not HotSpot or does not say. */
    static OptionalLong trapLimit() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot == null ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(hotspot.getVMOption("PerMethodTrapLimit").getValue()));
        } catch (RuntimeException | LinkageError e) { // not HotSpot, no such option, no jdk.management
            return OptionalLong.empty();
        }
    }
}
