package dojo.questions;

import java.util.List;
import java.util.Set;
import com.google.re2j.Pattern;

/** The correct answer of a question, one shape per {@link QuestionType}. */
public sealed interface Answer {

    /** Single and multiple choice: the keys (a, b, ...) of the correct choices. */
    record Choices(Set<String> correctKeys) implements Answer {
        public Choices { correctKeys = Set.copyOf(correctKeys); }
    }

    record TrueFalse(boolean value) implements Answer {}

    /** Accepted answers, compared after normalisation; regexes are matched against the normalised text. */
    record Short(List<String> accepted, List<Pattern> patterns) implements Answer {
        public Short { accepted = List.copyOf(accepted); patterns = List.copyOf(patterns); }
    }

    /** Correct when |given - value| <= tolerance, or, if {@code relative}, <= tolerance * |value|. */
    record Numeric(double value, double tolerance, boolean relative, String unit) implements Answer {}

    /** The items in their correct order; the runner shows them shuffled. */
    record Ordering(List<String> items) implements Answer {
        public Ordering { items = List.copyOf(items); }
    }

    /** Open interview question: a model answer and the key points a good answer covers; self-rated. */
    record Open(String modelAnswer, List<String> keyPoints) implements Answer {
        public Open { keyPoints = List.copyOf(keyPoints); }
    }
}
