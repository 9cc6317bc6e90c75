# Sourced by ./dojo and the benchmark scripts: the flags every JVM that runs the kernels starts with.
#
# --add-modules jdk.incubator.vector: the Vector API is an incubator module (JDK 17..25).
#
# -XX:PerMethodTrapLimit: C2 adds up the deoptimisation traps recorded in every method it inlines into one
# compilation, and past this limit (default 100) it stops speculating on types anywhere in that compilation.
# The Vector API's shared entry points (VectorSupport.load/ternaryOp/broadcastCoerced,
# VectorOperators.ImplCache.find) get a few class-check traps each as soon as DoubleVector code calls them
# after C2 compiled them for FloatVector (or the other way round), which a run that uses both does within its
# first seconds. A micro-kernel inlines them ~100 times, so the sum passed 100 in about half of the runs: the
# kernel was then compiled without the intrinsics, allocating on every vector operation, and the whole
# float training run was 2-3x slower (docs/kernels.md, "JIT"). Each trapping bytecode still loses its own
# speculation (that check is separate), so a high limit costs nothing.
dojo_jvm_flags=(--add-modules jdk.incubator.vector -XX:PerMethodTrapLimit=100000)
