/** Renders the question model for other tools: a printable HTML handout, Moodle GIFT, Anki TSV and JSON. */
package dojo.export;
