package dojo.bench;

import dojo.kernels.JitCheck;

/** Flags for the JVMs JMH forks, as constants an annotation can name. */
final class BenchJvm {
    /**
     * C2's limit on the traps it adds up over everything inlined into one compilation; past the default (100) it
     * compiles a Vector API kernel without its intrinsics. The same flag and the reason: scripts/lib/jvm-flags.sh.
     */
    static final String TRAP_LIMIT = "-XX:PerMethodTrapLimit=" + JitCheck.ENOUGH;

    private BenchJvm() {}
}
