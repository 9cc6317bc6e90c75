package dojo.questions;

import java.nio.file.Path;
import java.util.List;

/** One Markdown file: a topic in one language. */
public record Bank(String id, String title, String lang, Path file, List<Question> questions) {
    public Bank {
        questions = List.copyOf(questions);
    }
}
