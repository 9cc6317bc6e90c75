/** The grading engine: reads the exercise index, compiles a source tree, runs the exercise suites on it and reports per-exercise status and points. */
package dojo.grading;
