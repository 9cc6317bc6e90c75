/** Side-by-side timing of the kernels against naive and EJML baselines, for {@code dojo bench} and the JMH suite. */
package dojo.bench;
