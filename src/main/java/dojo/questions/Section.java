package dojo.questions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The {@code ###} sections a question may have; names are case-insensitive, Chinese names are equivalent. */
enum Section {
    ANSWER("Answer", "答案"),
    MODEL_ANSWER("Model answer", "参考答案"),
    KEY_POINTS("Key points", "要点"),
    EXPLANATION("Explanation", "解析"),
    HINTS("Hints", "提示"),
    REFERENCES("References", "参考文献");

    final String english;
    final String chinese;

    Section(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    static Optional<Section> of(String heading) {
        String h = heading.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.english.toLowerCase(Locale.ROOT).equals(h) || s.chinese.equals(h))
                .findFirst();
    }

    static String expected() {
        return "Answer, Model answer, Key points, Explanation, Hints, References; or 答案, 参考答案, 要点, 解析, 提示, 参考文献";
    }
}
