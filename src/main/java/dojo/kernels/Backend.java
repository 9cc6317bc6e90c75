package dojo.kernels;

/**
 * Which implementation of the inner loops the kernels use.
 *
 * <p>{@link #VECTOR} needs the incubator module {@code jdk.incubator.vector} in the boot layer, i.e. the
 * JVM was started with {@code --add-modules jdk.incubator.vector} (the {@code ./dojo} launcher, surefire
 * and JMH forks do this). Without it, {@link #best()} answers {@link #SCALAR}: same blocking, same
 * results within rounding, plain Java loops.
 */
public enum Backend {
    /** SIMD loops on {@code jdk.incubator.vector} (the preferred species of this CPU). */
    VECTOR,
    /** Plain Java loops; used when the Vector API module is absent, and by tests as the second opinion. */
    SCALAR;

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** True when this JVM can run the {@link #VECTOR} backend. */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The fastest backend this JVM can run. */
    public static Backend best() {
        return vectorAvailable() ? VECTOR : SCALAR;
    }

    /** A short description for reports, e.g. {@code "vector (512-bit, 16 floats)"}. */
    public String describe() {
        return this == VECTOR ? "vector (" + ops().describe() + ")" : "scalar";
    }

    KernelOps ops() {
        if (this == SCALAR) return ScalarOps.INSTANCE;
        if (!vectorAvailable()) {
            throw new IllegalStateException("the VECTOR backend needs the module " + VECTOR_MODULE
                    + ": start java with --add-modules " + VECTOR_MODULE + " (or use Backend.best())");
        }
        return VectorHolder.OPS;
    }

    /**
     * Loads the Vector API implementation by name, so that no class referring to jdk.incubator.vector
     * is resolved, verified or initialised unless the module is present (the holder idiom makes it
     * lazy and thread-safe).
     */
    private static final class VectorHolder {
        static final KernelOps OPS = load();

        private static KernelOps load() {
            try {
                return (KernelOps) Class.forName("dojo.kernels.VectorOps").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("cannot load the Vector API kernels: " + e, e);
            }
        }
    }
}
