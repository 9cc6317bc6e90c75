/** The question model: Markdown banks parsed (with source positions) into immutable records that every other feature reads. */
package dojo.questions;
