/** Renderers of a {@link dojo.grading.GradeReport}: console scoreboard, Exercism-style results.json, Markdown report. They format; they never compute grades. */
package dojo.grading.render;
