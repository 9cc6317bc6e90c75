package dojo.progress;

import java.util.List;

/**
 * What reading the review log found.
 *
 * @param events   every readable event, in file order
 * @param problems one {@code path:line: skipped unreadable review record (reason)} per line skipped
 */
public record LogRead(List<ReviewEvent> events, List<String> problems) {
    public LogRead {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }
}
