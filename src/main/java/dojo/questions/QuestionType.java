package dojo.questions;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of question a bank may hold; {@link #key()} is what authors write after {@code type:}. */
public enum QuestionType {
    SINGLE("single"),
    MULTIPLE("multiple"),
    TRUE_FALSE("truefalse"),
    SHORT("short"),
    NUMERIC("numeric"),
    ORDERING("ordering"),
    OPEN("open");

    private final String key;

    QuestionType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<QuestionType> fromKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
