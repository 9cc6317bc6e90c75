/** Mutants: known-wrong variants of a reference solution, kept as unified diffs against {@code solutions/} and applied in memory by the suite gate. */
package dojo.grading.mutant;
