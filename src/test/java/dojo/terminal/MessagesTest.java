package dojo.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.quiz.Rejection;
import dojo.quiz.Rejection.Reason;
import dojo.review.Rating;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MessagesTest {
    static final Map<String, String> EN = Messages.catalog(UiLanguage.EN);
    static final Map<String, String> ZH = Messages.catalog(UiLanguage.ZH);
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    @Test
    @DisplayName("every key exists in both catalogs and no value is empty")
    void catalogsHaveTheSameKeys() {
        assertThat(EN).isNotEmpty();
        assertThat(new TreeSet<>(ZH.keySet())).as("keys of zh.properties").isEqualTo(new TreeSet<>(EN.keySet()));
        for (Map<String, String> catalog : List.of(EN, ZH)) {
            assertThat(catalog).allSatisfy((key, value) -> assertThat(value).as(key).isNotBlank());
        }
    }

    @Test
    @DisplayName("a translation uses exactly the arguments of the English message")
    void translationsUseTheSameArguments() {
        assertThat(EN).allSatisfy((key, en) -> assertThat(arguments(ZH.get(key))).as(key).isEqualTo(arguments(en)));
    }

    @Test
    @DisplayName("every value is a valid MessageFormat pattern without a stray apostrophe or outer spaces")
    void valuesAreCleanPatterns() {
        for (Map<String, String> catalog : List.of(EN, ZH)) {
            catalog.forEach((key, value) -> {
                assertThat(value.replace("''", "")).as("%s: write an apostrophe as ''", key).doesNotContain("'");
                new MessageFormat(value); // throws on a malformed pattern
                if (!key.equals("list.separator")) assertThat(value).as(key).isEqualTo(value.strip());
            });
        }
        assertThat(EN.get("list.separator")).isEqualTo("; ");
    }

    @Test
    @DisplayName("Chinese messages use full-width punctuation, never an ASCII colon, comma or full stop after Chinese")
    void chineseUsesFullWidthPunctuation() {
        Pattern asciiAfterHan = Pattern.compile("\\p{IsHan}[:,.;!?()]");
        assertThat(ZH).allSatisfy((key, value) -> assertThat(value).as(key).doesNotContainPattern(asciiAfterHan));
        assertThat(ZH).allSatisfy((key, value) -> assertThat(value).as(key).doesNotContainPattern("[:;] \\p{IsHan}"));
    }

    @Test
    @DisplayName("every message method works in both languages, and Chinese text is Chinese")
    void everyMethodFormatsInBothLanguages() throws Exception {
        Messages en = Messages.of(UiLanguage.EN);
        Messages zh = Messages.of(UiLanguage.ZH);
        List<Method> methods = Arrays.stream(Messages.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == String.class)
                .collect(Collectors.toList());
        assertThat(methods).hasSizeGreaterThan(60);
        for (Method m : methods) {
            Object[] args = Arrays.stream(m.getParameterTypes()).map(MessagesTest::sample).toArray();
            String e = (String) m.invoke(en, args);
            String z = (String) m.invoke(zh, args);
            assertThat(e).as("en %s", m.getName()).isNotBlank().doesNotContain("{").doesNotContain("}");
            assertThat(z).as("zh %s", m.getName()).isNotBlank().doesNotContain("{").doesNotContain("}");
            assertThat(z).as("zh %s is Chinese: %s", m.getName(), z).matches(s -> s.codePoints().anyMatch(c -> DisplayWidth.of(c) == 2));
            assertThat(z).as("zh %s differs from en", m.getName()).isNotEqualTo(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    @DisplayName("every reason an answer is not understood has words in both languages")
    void everyRejectionIsWorded(Reason reason) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < reason.arity(); i++) args.add(Integer.toString(i + 7));
        Rejection r = new Rejection(reason, args);
        String en = Messages.of(UiLanguage.EN).notUnderstood(r);
        String zh = Messages.of(UiLanguage.ZH).notUnderstood(r);
        assertThat(en).startsWith("Not understood: ").endsWith(". Try again.");
        assertThat(zh).startsWith("无法识别：").endsWith("。请重新输入。");
        for (String a : args) assertThat(en).contains(a);
        for (String a : args) assertThat(zh).contains(a);
        if (reason.isOrderingDetail()) {
            assertThat(en).contains("; type each of the numbers 1-" + args.get(args.size() - 1) + " once");
            assertThat(zh).contains("；请按正确顺序把编号 1-" + args.get(args.size() - 1) + " 各输入一次");
        }
    }

    @Test
    @DisplayName("rejections read as sentences: the English wording is kept, the Chinese quotes the input")
    void rejectionWording() {
        Rejection notAChoice = Rejection.of(Reason.NOT_A_CHOICE, "z", "a-d");
        assertThat(Messages.of(UiLanguage.EN).notUnderstood(notAChoice))
                .isEqualTo("Not understood: 'z' is not a choice; the choices are a-d. Try again.");
        assertThat(Messages.of(UiLanguage.ZH).notUnderstood(notAChoice))
                .isEqualTo("无法识别：“z”不是选项，可选的是 a-d。请重新输入。");
        Rejection twice = Rejection.of(Reason.LISTED_TWICE, 1, 4);
        assertThat(Messages.of(UiLanguage.EN).reason(twice))
                .isEqualTo("1 is listed twice; type each of the numbers 1-4 once, in the right order, separated by spaces");
    }

    @Test
    @DisplayName("English has plurals; Chinese counts with measure words")
    void plurals() {
        Messages en = Messages.of(UiLanguage.EN);
        Messages zh = Messages.of(UiLanguage.ZH);
        assertThat(en.introPractice(1)).isEqualTo("Practice: 1 question.");
        assertThat(en.introPractice(3)).isEqualTo("Practice: 3 questions.");
        assertThat(en.statsStreak(1)).isEqualTo("streak 1 day");
        assertThat(en.statsHistory(0)).isEqualTo("0 answers in history");
        assertThat(zh.introPractice(3)).isEqualTo("练习：共 3 题。");
        assertThat(zh.introExam(10, "10:00")).startsWith("考试：共 10 题，限时 10:00。");
    }

    @Test
    @DisplayName("pieces are joined with a space in English and without one next to Chinese")
    void joining() {
        assertThat(Messages.join("Wrong.", "You answered b.")).isEqualTo("Wrong. You answered b.");
        assertThat(Messages.join("答错了。", "你的答案：b。")).isEqualTo("答错了。你的答案：b。");
        assertThat(Messages.join("\u001b[1mWrong.\u001b[0m", "You answered b.")).isEqualTo("\u001b[1mWrong.\u001b[0m You answered b.");
        assertThat(Messages.join("Mastery by tag", "（recall）")).isEqualTo("Mastery by tag（recall）");
        assertThat(Messages.after("Hint 1/2:")).isEqualTo(" ");
        assertThat(Messages.after("提示 1/2：")).isEmpty();
        assertThat(Messages.of(UiLanguage.EN).summaryCounts(1, 3, 1, 1, 0, true))
                .isEqualTo("Answered 1 of 3, skipped 1, not reached 1; fully correct 0. Session ended early; every answer given is saved.");
        assertThat(Messages.of(UiLanguage.ZH).summaryCounts(1, 3, 1, 1, 0, true))
                .isEqualTo("共 3 题，已答 1 题，跳过 1 题，1 题未作答；完全答对 0 题。本次提前结束，已作答的题目都已保存。");
    }

    @ParameterizedTest(name = "ui-lang {0}, lang {1}, LC_ALL {2}, LC_MESSAGES {3}, LANG {4} -> {5}")
    @CsvSource(nullValues = "-", value = {
        "zh, en, -, -, -, ZH",                  // --ui-lang wins
        "EN, zh, zh_CN.UTF-8, -, zh_CN.UTF-8, EN",
        "-, zh, -, -, en_US.UTF-8, ZH",         // then the question language
        "-, en, -, -, zh_CN.UTF-8, EN",
        "-, zh-TW, -, -, -, ZH",
        "-, fr, -, -, zh_CN.UTF-8, ZH",         // a language without a catalog falls through to the locale
        "-, -, -, -, zh_CN.UTF-8, ZH",          // then the locale
        "-, -, -, -, zh, ZH",
        "-, -, C.UTF-8, -, zh_CN.UTF-8, EN",    // LC_ALL before LANG, as POSIX says
        "-, -, -, zh_TW.UTF-8, en_US.UTF-8, ZH",
        "-, -, '', -, zh_CN.UTF-8, ZH",         // an empty variable is unset
        "-, -, -, -, de_DE.UTF-8, EN",
        "-, -, -, -, -, EN",
    })
    void theUiLanguageFollowsTheOptionThenTheQuestionsThenTheLocale(String ui, String lang, String lcAll,
            String lcMessages, String langVar, UiLanguage expected) {
        Map<String, String> env = new java.util.HashMap<>();
        if (lcAll != null) env.put("LC_ALL", lcAll);
        if (lcMessages != null) env.put("LC_MESSAGES", lcMessages);
        if (langVar != null) env.put("LANG", langVar);
        assertThat(UiLanguage.resolve(ui, lang, env)).isEqualTo(expected);
    }

    @Test
    void anUnknownUiLanguageIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> UiLanguage.resolve("fr", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--ui-lang must be en or zh, got 'fr'");
    }

    private static Set<String> arguments(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) found.add(m.group(1));
        return found;
    }

    private static Object sample(Class<?> type) {
        if (type == int.class) return 3;
        if (type == long.class) return 3L;
        if (type == boolean.class) return true;
        if (type == String.class) return "x";
        if (type == Duration.class) return Duration.ofHours(3);
        if (type == Rating.class) return Rating.GOOD;
        if (type == Rejection.class) return Rejection.of(Reason.NOT_A_CHOICE, "z", "a-d");
        if (type == List.class) return List.of("x", "y");
        if (type == dojo.quiz.NumericFormat.Precision.class) return new dojo.quiz.NumericFormat.DecimalPlaces(2);
        throw new IllegalArgumentException("no sample for " + type);
    }
}
