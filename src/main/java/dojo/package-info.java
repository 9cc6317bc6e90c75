/** Attention Dojo: the types every part shares (the user-facing error, {@link dojo.DojoException}); each concern has its own subpackage. */
package dojo;
