/** The terminal front end of the quiz: Markdown rendered to ANSI with CJK-aware wrapping, and the interactive (JLine) and non-interactive runners. */
package dojo.terminal;
