package dojo.banks;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.questions.Answer;
import dojo.questions.Choice;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The BPE questions of the tokenisation bank (first merge, merge order, encoding an unseen word) are
 * checked against a small BPE trainer run on the bank's toy corpus, in both languages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Tokenisation bank: BPE answers match a BPE run on the toy corpus")
class TokenisationBankBpeTest {

    /** The toy corpus of the bank's introduction: word counts, each word split into characters. */
    private static final Map<String, Integer> CORPUS = new LinkedHashMap<>();

    static {
        CORPUS.put("hug", 10);
        CORPUS.put("pug", 5);
        CORPUS.put("pun", 12);
        CORPUS.put("bun", 4);
        CORPUS.put("hugs", 5);
    }

    private static final Pattern MERGE = Pattern.compile("`([^`]+)` \\+ `([^`]+)`");
    private static final List<String> LANGS = List.of("en", "zh");

    private QuestionLibrary library;
    private List<List<String>> merges;

    @BeforeAll
    void load() {
        library = QuestionLibrary.load(List.of(Path.of("questions")));
        merges = trainBpe(CORPUS, 4);
    }

    /** Classic BPE: merge the most frequent adjacent pair (weighted by word count); a tie fails, since the bank assumes none. */
    static List<List<String>> trainBpe(Map<String, Integer> corpus, int steps) {
        Map<List<String>, Integer> words = new LinkedHashMap<>();
        corpus.forEach((w, c) -> words.put(new ArrayList<>(w.chars().mapToObj(ch -> String.valueOf((char) ch)).toList()), c));
        List<List<String>> learned = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            Map<List<String>, Integer> pairs = new LinkedHashMap<>();
            words.forEach((w, c) -> {
                for (int i = 0; i + 1 < w.size(); i++) pairs.merge(List.of(w.get(i), w.get(i + 1)), c, Integer::sum);
            });
            int best = pairs.values().stream().max(Integer::compare).orElseThrow();
            List<List<String>> top = pairs.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey).toList();
            assertThat(top).as("merge %d has no tie", step + 1).hasSize(1);
            List<String> pair = top.get(0);
            learned.add(pair);
            Map<List<String>, Integer> next = new LinkedHashMap<>();
            words.forEach((w, c) -> next.put(applyMerge(w, pair), c));
            words.clear();
            words.putAll(next);
        }
        return learned;
    }

    static List<String> applyMerge(List<String> symbols, List<String> pair) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            if (i + 1 < symbols.size() && symbols.get(i).equals(pair.get(0)) && symbols.get(i + 1).equals(pair.get(1))) {
                out.add(pair.get(0) + pair.get(1));
                i++;
            } else {
                out.add(symbols.get(i));
            }
        }
        return out;
    }

    static List<String> encode(String word, List<List<String>> merges) {
        List<String> symbols = new ArrayList<>(word.chars().mapToObj(ch -> String.valueOf((char) ch)).toList());
        for (List<String> m : merges) symbols = applyMerge(symbols, m);
        return symbols;
    }

    private static List<String> mergeIn(String markdown) {
        Matcher m = MERGE.matcher(markdown);
        assertThat(m.find()).as("a merge written as `x` + `y` in: " + markdown).isTrue();
        return List.of(m.group(1), m.group(2));
    }

    private Question question(String lang, String id) {
        return library.find(lang, id).orElseThrow(() -> new AssertionError("no question " + id + " in " + lang));
    }

    @Test
    void the_first_merge_marked_correct_is_the_most_frequent_pair() {
        for (String lang : LANGS) {
            List<Choice> correct = question(lang, "tok-bpe-first-merge").choices().stream().filter(Choice::correct).toList();
            assertThat(correct).hasSize(1);
            assertThat(mergeIn(correct.get(0).markdown())).as(lang).isEqualTo(merges.get(0));
        }
    }

    @Test
    void the_merge_order_answer_lists_the_first_four_merges_in_training_order() {
        for (String lang : LANGS) {
            Answer.Ordering answer = (Answer.Ordering) question(lang, "tok-bpe-merge-order").answer();
            assertThat(answer.items().stream().map(TokenisationBankBpeTest::mergeIn).toList()).as(lang).isEqualTo(merges);
        }
    }

    @Test
    void the_encoding_marked_correct_is_what_the_learned_merges_give_for_bugs() {
        String expected = "`" + String.join(" ", encode("bugs", merges)) + "`";
        assertThat(expected).isEqualTo("`b ug s`");
        for (String lang : LANGS) {
            List<Choice> correct = question(lang, "tok-bpe-encode").choices().stream().filter(Choice::correct).toList();
            assertThat(correct).hasSize(1);
            assertThat(correct.get(0).markdown()).as(lang).startsWith(expected);
        }
    }
}
