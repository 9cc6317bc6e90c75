/** The interfaces learner classes implement in the exercises, the records they exchange, and {@link dojo.exercise.api.NotImplementedYet}. */
package dojo.exercise.api;
