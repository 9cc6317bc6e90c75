/** The durable review log: append-only JSON Lines, fsync per event, replayed to derive scheduling state. */
package dojo.progress;
