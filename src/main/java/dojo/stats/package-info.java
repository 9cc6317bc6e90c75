/** Progress statistics: due counts, mastery, accuracy and streaks computed from the review log, and their renderers. */
package dojo.stats;
