/** Checks question banks and reports every problem as {@code path:line:col: error|warning: message}. */
package dojo.lint;
