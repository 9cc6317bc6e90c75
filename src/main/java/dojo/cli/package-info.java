/** The {@code dojo} command line: picocli commands, each a few lines that call an engine and a renderer. */
package dojo.cli;
