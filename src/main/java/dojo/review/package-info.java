/** Spaced-repetition scheduling: FSRS-6 with py-fsrs 6.3 semantics, pure functions of (card, rating, time). */
package dojo.review;
