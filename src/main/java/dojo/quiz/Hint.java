package dojo.quiz;

/** One tier of a question's hints ({@code tier} of {@code tiers}, from 1), in Markdown. */
public record Hint(int tier, int tiers, String markdown) {}
