/**
 * Watch mode: a warm process that regrades an exercise tree on save ({@link dojo.grading.watch.TreeWatcher}), only
 * the exercise that changed and the ones that require it, compiled in process, one class loader per round.
 */
package dojo.grading.watch;
