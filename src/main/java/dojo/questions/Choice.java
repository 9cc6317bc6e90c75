package dojo.questions;

/** One option of a single or multiple choice question; {@code key} is a, b, c... in file order. */
public record Choice(String key, String markdown, boolean correct) {}
