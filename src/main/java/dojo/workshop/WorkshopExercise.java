package dojo.workshop;

/** An exercise of the workshop and its points (which may differ from the index's). */
public record WorkshopExercise(String id, int points) {}
