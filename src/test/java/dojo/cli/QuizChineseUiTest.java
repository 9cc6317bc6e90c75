package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.quiz.Presented;
import dojo.terminal.Messages;
import dojo.terminal.UiLanguage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --lang zh} every word of the interface is Chinese: whole sessions (practice, exam, review,
 * retry-wrong) and the stats report run on the Chinese fixture bank, then the transcript is searched for
 * the Chinese interface text it must contain and for any English interface text that leaked.
 */
class QuizChineseUiTest {
    static final Path GOOD = QuizCommandTest.GOOD;

    @TempDir
    Path data;

    private final InputStream originalIn = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    QuizCommandTest.Run dojo(String stdin, String command, String... extra) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        List<String> args = new ArrayList<>(List.of(command, "--questions", GOOD.toString(), "--data-dir", data.toString()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Dojo.run(args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new QuizCommandTest.Run(exit, out.toString(), err.toString());
    }

    /** What each question gets in these runs, by id. */
    private static String line(Presented p, Map<String, String> byId) {
        String id = p.question().id();
        if (byId.containsKey(id)) return dojo.quiz.ShownAnswers.asShown(p, byId.get(id));
        List<Integer> seq = new ArrayList<>(p.correctSequence());
        Collections.reverse(seq); // the ordering, exactly backwards: every pair wrong
        return seq.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    @Test
    void aChinesePracticeSessionHasAChineseInterfaceThroughout() {
        List<Presented> asked = QuizCommandTest.asked("zh", 11, 7);
        Map<String, String> byId = Map.of(
                "qz-single", "?\n?\n?\nz\nc",       // two hints, no more hints, not a choice, wrong
                "qz-multiple", "a",                 // partly right
                "qz-truefalse", "也许\nt",           // not understood, then wrong
                "qz-short", "s",                    // skipped
                "qz-numeric", "abc\n262144",        // not a number, then right
                "qz-open", "2");                    // self-rated hard
        StringBuilder in = new StringBuilder();
        for (Presented p : asked) {
            if (p.question().id().equals("qz-ordering")) in.append("1 1 2 3\n");
            in.append(line(p, byId)).append('\n');
        }
        QuizCommandTest.Run r = dojo(in.toString(), "quiz", "--lang", "zh", "--seed", "11", "--count", "7");
        // the choices are shown shuffled: the keys below are the file's, as shown in this session
        Presented single = asked.stream().filter(p -> p.question().id().equals("qz-single")).findFirst().orElseThrow();
        Presented multiple = asked.stream().filter(p -> p.question().id().equals("qz-multiple")).findFirst().orElseThrow();

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(unwrapped(r.out())).contains(
                "练习：共 7 题。",
                "输入 ? 或 h 查看提示，s 跳过，q 退出。",
                "第 1/7 题 · 测验运行器测试题库 · 难度 ",
                "请输入一个字母作答（a-d）。",
                "提示 1/2：",
                "提示 2/2：",
                "没有更多提示了。",
                "无法识别：“z”不是选项，可选的是 a-d。请重新输入。",
                "答错了。你的答案：" + dojo.quiz.ShownAnswers.asShown(single, "c") + "。",
                "正确答案：" + dojo.quiz.ShownAnswers.asShown(single, "b"),
                "（用过提示，评分最高记为“困难”）",
                "解析",
                "请选出所有正确选项，字母之间用逗号分隔，如 a,c（a-d）。",
                "部分正确：得 0.5 分（满分 1 分）。你的答案：" + dojo.quiz.ShownAnswers.asShown(multiple, "a") + "。",
                "请判断对错：输入“对”或“错”（也可输入 t/f）。",
                "无法识别：请回答对或错（对/错、是/否、正确/错误，或 t/f、y/n、1/0）。请重新输入。",
                "答错了。你的答案：对。",
                "正确答案：错",
                "请简短作答，写出关键词即可。",
                "已跳过。",
                "请输入一个数字作答（单位：个参数）。",
                "无法识别：“abc”不是数字，可以写成 42、0.125、1e-3 或 1,024 这样的形式。请重新输入。",
                "答对了。",
                "请按正确顺序输入各项的编号 1-4，用空格分隔。",
                "无法识别：编号 1 出现了两次；请按正确顺序把编号 1-4 各输入一次，用空格分隔。请重新输入。",
                "请将你的答案与下方的参考答案对照，然后给自己评分（1-4）。",
                "参考答案",
                "要点",
                "自评：1 重来（没答上来），2 困难，3 良好，4 简单。",
                "自评：2（困难）。",
                "共 7 题，已答 6 题，跳过 1 题；完全答对 1 题。",
                "按标签统计：");
        assertThat(r.lastLine()).isEqualTo("Score: 2/6");
        assertNoEnglishInterface(r.out());
    }

    @Test
    void aChineseExamReviewsEveryQuestionInChinese() {
        List<Presented> asked = QuizCommandTest.asked("zh", 9, 7);
        Map<String, String> wrong = Map.of("qz-single", "a", "qz-multiple", "a", "qz-truefalse", "对",
                "qz-short", "因果掩码", "qz-numeric", "1", "qz-open", "1");
        StringBuilder in = new StringBuilder("s\n");
        for (Presented p : asked.subList(1, 6)) {
            if (p.question().id().equals("qz-ordering")) {
                List<Integer> seq = new ArrayList<>(p.correctSequence());
                Collections.swap(seq, 0, 1); // one pair of six out of order: 5/6 of a point
                in.append(seq.stream().map(String::valueOf).collect(Collectors.joining(" "))).append('\n');
            } else {
                in.append(line(p, wrong)).append('\n');
            }
        }
        QuizCommandTest.Run r = dojo(in.toString(), "quiz", "--lang", "zh", "--mode", "exam", "--time-limit", "20m",
                "--seed", "9", "--count", "7");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(unwrapped(r.out())).contains(
                "考试：共 7 题，限时 20:00。考试结束前不显示对错，未作答的题按答错计分。",
                "答案已记录。",
                "考试回顾",
                "已跳过",
                "错误，你的答案：",
                "部分正确（0.83 分），你的答案：",
                "未作答",
                "共 7 题，已答 5 题，跳过 1 题，1 题未作答；完全答对 0 题。本次提前结束，已作答的题目都已保存。");
        assertThat(r.out().substring(0, r.out().indexOf("考试回顾"))).doesNotContain("答错了。").doesNotContain("解析");
        assertThat(r.lastLine()).isEqualTo("Score: 0.83/7");
        assertNoEnglishInterface(r.out());
    }

    @Test
    void chineseReviewRetryAndStatsSpeakChinese() {
        QuizCommandTest.Run none = dojo("", "quiz", "--lang", "zh", "--mode", "retry-wrong");
        assertThat(none.out().strip()).isEqualTo("没有需要重做的错题：没有哪道题最近一次答错。");

        QuizCommandTest.Run review = dojo(QuizCommandTest.shown("zh", "qz-single", 1, "b") + "\n对\n", "review", "--lang", "zh", "--new", "2", "--seed", "1");
        assertThat(review.out()).contains("复习：没有到期的题，2 道新题。").containsPattern("下次复习：\\d+ (秒|分钟|小时|天|个月|年)后。");
        assertThat(review.lastLine()).isEqualTo("Score: 1/2");
        assertNoEnglishInterface(review.out());

        QuizCommandTest.Run nothing = dojo("", "review", "--lang", "zh", "--new", "0");
        assertThat(nothing.out().strip()).matches("目前没有到期的题，下一道题 \\d+ (秒|分钟|小时|天|个月|年)后到期。");
        assertThat(dojo("", "review", "--lang", "zh", "--new", "0", "--count", "1").out().strip())
                .isEqualTo(nothing.out().strip());

        QuizCommandTest.Run retry = dojo("q\n", "quiz", "--lang", "zh", "--mode", "retry-wrong");
        assertThat(retry.out()).contains("重做错题：共 1 道上次答错的题。").contains("· qz-truefalse");
        assertNoEnglishInterface(retry.out());

        QuizCommandTest.Run stats = dojo("", "stats", "--lang", "zh");
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("Attention Dojo 学习进度", "当前待复习", "今日到期", "新题 5（共 7 题）",
                "累计作答 2 次", "正确率 50%（1/2）", "连续学习 1 天", "每日复习次数（最近 30 天）", "各主题掌握度",
                "测验运行器测试题库", "最薄弱的标签");
        assertNoEnglishInterface(stats.out());
        QuizCommandTest.Run allTags = dojo("", "stats", "--lang", "zh", "--tags", "all");
        assertThat(allTags.out()).contains("各标签掌握度").doesNotContain("最薄弱的标签");
        assertNoEnglishInterface(allTags.out());
    }

    @Test
    void uiLangOverridesTheQuestionLanguageEitherWay() {
        QuizCommandTest.Run zhUi = dojo("q\n", "quiz", "--lang", "en", "--ui-lang", "zh", "--seed", "1");
        assertThat(zhUi.out()).contains("练习：共 7 题。", "第 1/7 题").doesNotContain("Practice:");
        QuizCommandTest.Run enUi = dojo("q\n", "quiz", "--lang", "zh", "--ui-lang", "en", "--seed", "1");
        assertThat(enUi.out()).contains("Practice: 7 questions.", "Question 1/7").doesNotContain("练习：");
        QuizCommandTest.Run stats = dojo("", "stats", "--ui-lang", "zh");
        assertThat(stats.out()).contains("Attention Dojo 学习进度");
    }

    @Test
    void anUnknownUiLanguageIsBadInput() {
        QuizCommandTest.Run r = dojo("", "quiz", "--ui-lang", "fr");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("dojo: error: --ui-lang must be en or zh, got 'fr'");
        assertThat(dojo("", "review", "--ui-lang", "de").exit()).isEqualTo(2);
        assertThat(dojo("", "stats", "--ui-lang", "jp").exit()).isEqualTo(2);
    }

    @Test
    void theEnglishInterfaceFragmentsAreFoundInAnEnglishTranscript() {
        // the leak check below must be able to fail: on an English session it finds plenty
        QuizCommandTest.Run en = dojo("?\nz\ns\nq\n", "quiz", "--lang", "en", "--ui-lang", "en", "--seed", "11");
        assertThat(englishFragmentsIn(en.out())).hasSizeGreaterThan(5);
    }

    /** Chinese lines wrap anywhere, so a long message may span lines: the output without line breaks. */
    static String unwrapped(String out) {
        return out.replace("\n", "");
    }

    /** English interface text: the English catalog's literal pieces of two or more words. */
    static List<String> englishFragments() {
        List<String> out = new ArrayList<>();
        for (String value : Messages.catalog(UiLanguage.EN).values()) {
            for (String piece : withoutArguments(value).split("\u0000")) {
                String p = piece.replace("''", "'").strip();
                if (Pattern.compile("[A-Za-z]{2,}[ -][A-Za-z]{2,}").matcher(p).find()) out.add(p);
                else if (p.matches("[A-Z][a-z]{3,}[.:]?")) out.add(p); // one capitalised word: Correct. Explanation
            }
        }
        return List.copyOf(new TreeSet<>(out));
    }

    static List<String> englishFragmentsIn(String transcript) {
        String ui = transcript.lines().filter(l -> !l.startsWith("> ")) // the learner's own input, echoed
                .filter(l -> !l.startsWith("Score: ")) // the protocol line, the same in every language
                .collect(Collectors.joining("\n"));
        return englishFragments().stream().filter(ui::contains).collect(Collectors.toList());
    }

    static void assertNoEnglishInterface(String transcript) {
        assertThat(englishFragmentsIn(transcript)).as("English interface text in:\n%s", transcript).isEmpty();
    }

    /** The pattern with every {argument} (nested ones included) replaced by a NUL separator. */
    private static String withoutArguments(String pattern) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (char c : pattern.toCharArray()) {
            if (c == '{') {
                if (depth++ == 0) b.append('\u0000');
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
