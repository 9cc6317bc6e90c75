package dojo.quiz;

import dojo.questions.Question;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which questions a session draws from. Empty sets mean "any"; within one set any value matches (a
 * question with any of the tags), across sets all must match.
 *
 * @param lang   language code; only questions in this language are chosen
 * @param count  at most this many questions (null = no limit)
 */
public record QuizFilter(String lang, Set<String> banks, Set<String> tags, Set<Integer> difficulties, Integer count) {

    public QuizFilter {
        banks = Set.copyOf(banks);
        tags = Set.copyOf(tags);
        difficulties = Set.copyOf(difficulties);
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        for (int d : difficulties) {
            if (d < 1 || d > 3) throw new IllegalArgumentException("difficulty must be 1, 2 or 3, got " + d);
        }
    }

    public static QuizFilter all(String lang) {
        return new QuizFilter(lang, Set.of(), Set.of(), Set.of(), null);
    }

    public boolean matches(Question q) {
        return q.lang().equals(lang)
                && (banks.isEmpty() || banks.contains(q.bank()))
                && (tags.isEmpty() || q.tags().stream().anyMatch(tags::contains))
                && (difficulties.isEmpty() || difficulties.contains(q.difficulty()));
    }

    /** A filter value that names nothing in the banks, with the values that would. */
    public record UnknownValue(Kind kind, String value, List<String> valid) {
        public UnknownValue {
            valid = List.copyOf(valid);
        }

        public enum Kind { LANGUAGE, BANK, TAG }
    }

    /**
     * The first filter value that names nothing in {@code all} (an unknown language, then bank, then tag,
     * each in alphabetical order) together with the valid values, or empty when every value exists.
     */
    public Optional<UnknownValue> unknownValues(List<Question> all) {
        Set<String> langs = all.stream().map(Question::lang).collect(Collectors.toCollection(TreeSet::new));
        if (!langs.contains(lang)) {
            return Optional.of(new UnknownValue(UnknownValue.Kind.LANGUAGE, lang, List.copyOf(langs)));
        }
        List<Question> inLang = all.stream().filter(q -> q.lang().equals(lang)).collect(Collectors.toList());
        Set<String> validBanks = inLang.stream().map(Question::bank).collect(Collectors.toCollection(TreeSet::new));
        for (String b : new TreeSet<>(banks)) {
            if (!validBanks.contains(b)) {
                return Optional.of(new UnknownValue(UnknownValue.Kind.BANK, b, List.copyOf(validBanks)));
            }
        }
        Set<String> validTags = inLang.stream().flatMap(q -> q.tags().stream()).collect(Collectors.toCollection(TreeSet::new));
        for (String t : new TreeSet<>(tags)) {
            if (!validTags.contains(t)) {
                return Optional.of(new UnknownValue(UnknownValue.Kind.TAG, t, List.copyOf(validTags)));
            }
        }
        return Optional.empty();
    }
}
