package dojo.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per lint check under src/test/resources/lint: a file, or a directory holding en/ and zh/
 * (or two banks) for the checks that need several files. Each must produce exactly these lines.
 */
@DisplayName("Every lint check reports its problem at the exact line:col")
class LintFixturesTest {
    static final Path ROOT = Path.of("src/test/resources/lint");

    static Arguments check(String fixture, int exitCode, String... lines) {
        return Arguments.of(fixture, exitCode, List.of(lines));
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                check("answer-skew.md", 0,
                        "answer-skew.md:1:1: warning: answer positions skewed in 8 single-choice questions: a 0, b 8, c 0, d 0 (uniform: about 2.0 / 2.0 / 2.0 / 2.0); empty or over twice the uniform share: a, b, c, d; move some correct options",
                        "answer-skew.md:1:1: warning: the correct option is strictly the longest in 8 of 8 single-choice questions (100%, at most 40%): shorten it or lengthen the distractors",
                        "answer-skew.md:1:1: warning: the correct options are exactly the first ones in 3 of 3 multiple-choice questions (100%, at most 40%): mix correct and wrong options"),
                check("bad-difficulty.md", 1,
                        "bad-difficulty.md:11:15: error: difficulty must be 1, 2 or 3, found '5'"),
                check("bad-front-matter-values.md", 1,
                        "bad-front-matter-values.md:2:7: error: bad bank id 'Demo Bank': use lowercase letters, digits and single '-' between them",
                        "bad-front-matter-values.md:4:7: error: lang must be 'en' or 'zh', found 'fr'",
                        "bad-front-matter-values.md:5:1: error: duplicate front matter key 'bank' (first at line 2)"),
                check("bad-id.md", 1,
                        "bad-id.md:9:7: error: bad id 'Softmax_Axis': use lowercase letters, digits and single '-' between them"),
                check("bad-numeric-value.md", 1,
                        "bad-numeric-value.md:16:10: error: bad numeric value '2,359,296': write a number like 42, -0.5 or 1e-3 (no thousands separators)"),
                check("bad-regex.md", 1,
                        "bad-regex.md:17:33: error: bad regex: missing closing ] at '[mask'"),
                check("bad-source.md", 1,
                        "bad-source.md:13:11: error: bad source 'seed-Q31': use seed-Q1..seed-Q30 (a seed Q&A) or seed-C1..seed-C10 (a seed code answer)"),
                check("bad-tags.md", 1,
                        "bad-tags.md:12:18: error: bad tag 'Multi Head': use lowercase letters, digits and '-', separated by ','",
                        "bad-tags.md:12:30: error: empty tag: separate tags with single commas",
                        "bad-tags.md:12:31: error: bad tag 'masking，padding': use lowercase letters, digits and '-', separated by ',' (not '，' or '、')"),
                check("bad-tolerance.md", 1,
                        "bad-tolerance.md:17:14: error: tolerance must not be negative, found '-1'",
                        "bad-tolerance.md:33:14: error: bad tolerance 'about 1': write an absolute amount like 0.01 or a percentage like 1%"),
                check("chinese-style", 0,
                        "chinese-style/zh/style.md:16:24: warning: ASCII quotes around Chinese text: write “…” (Chinese typography); ASCII quotes belong to code",
                        "chinese-style/zh/style.md:21:9: warning: unit 'parameters' is English in a Chinese bank: write it in Chinese (个参数, 字节, 毫秒, 次浮点运算, ...)"),
                check("choice-count-differs", 1,
                        "choice-count-differs/zh/bank.md:7:1: error: number of choices differs: en has 3, zh has 2 (en: en/bank.md:7)"),
                check("choices-differ", 1,
                        "choices-differ/zh/bank.md:7:1: error: correct choices differ: en marks a, c, zh marks a, b (en: en/bank.md:7)"),
                check("choices-on-wrong-type.md", 1,
                        "choices-on-wrong-type.md:16:1: error: type 'short' does not use choices: remove the task list ('- [ ]' / '- [x]') or change the type"),
                check("duplicate-bank-id", 1,
                        "duplicate-bank-id/en/b.md:2:7: error: bank id 'shared' is also used by en/a.md:2 (one file per bank and language)"),
                check("duplicate-id-across-files", 1,
                        "duplicate-id-across-files/en/b.md:23:7: error: duplicate id 'same': also used in en/a.md:9 (ids are unique across all banks of a language)"),
                check("duplicate-id.md", 1,
                        "duplicate-id.md:23:7: error: duplicate id 'same' (first used at line 9)"),
                check("duplicate-section.md", 1,
                        "duplicate-section.md:25:1: error: duplicate section '### 解析' (first at line 17)"),
                check("empty-bank.md", 1,
                        "empty-bank.md:1:1: error: bank has no questions: add one '## Question title' section per question"),
                check("empty-section.md", 1,
                        "empty-section.md:17:1: error: empty section '### Hints'"),
                check("front-matter-missing-keys.md", 1,
                        "front-matter-missing-keys.md:1:1: error: front matter has no 'bank' (the bank id, e.g. 'bank: fundamentals')",
                        "front-matter-missing-keys.md:1:1: error: front matter has no 'title'",
                        "front-matter-missing-keys.md:1:1: error: front matter has no 'lang' (en or zh)",
                        "front-matter-missing-keys.md:2:1: warning: unknown front matter key 'author' (known: bank, title, lang)"),
                check("lang-directory-mismatch", 1,
                        "lang-directory-mismatch/en/bank.md:4:7: error: lang 'zh' does not match the directory 'en/' the file is in"),
                check("malformed-front-matter.md", 1,
                        "malformed-front-matter.md:3:8: error: malformed front matter: expected ',' or ']', but got : (while parsing a flow sequence)"),
                check("metadata-differs", 0,
                        "metadata-differs/zh/bank.md:7:1: warning: difficulty differs: en has 1, zh has 2 (en: en/bank.md:7)",
                        "metadata-differs/zh/bank.md:7:1: warning: tags differ: en has demo, masking; zh has demo (en: en/bank.md:7)"),
                check("missing-answer-section.md", 1,
                        "missing-answer-section.md:7:1: error: missing '### Answer' section (type 'truefalse' needs one)"),
                check("missing-choices.md", 1,
                        "missing-choices.md:7:1: error: missing choices: add a task list ('- [ ] wrong', '- [x] right') before the first '###' section"),
                check("missing-difficulty.md", 1,
                        "missing-difficulty.md:7:1: error: question has no difficulty: add '- difficulty: 1|2|3'"),
                check("missing-explanation.md", 1,
                        "missing-explanation.md:7:1: error: missing '### Explanation' section: say why the answer is right"),
                check("missing-front-matter.md", 1,
                        "missing-front-matter.md:1:1: error: missing front matter: start the file with '---', 'bank: <id>', 'title: <title>', 'lang: en|zh', '---'"),
                check("missing-id.md", 1,
                        "missing-id.md:7:1: error: question has no id: add '- id: <lowercase-id>' to its metadata list"),
                check("missing-tags.md", 1,
                        "missing-tags.md:7:1: error: question has no tags: add '- tags: tag-one, tag-two'"),
                check("missing-translation", 1,
                        "missing-translation/en/bank.md:9:7: error: id 'only-en' is in en but not in zh (every question needs both languages)",
                        "missing-translation/zh/bank.md:23:7: error: id 'only-zh' is in zh but not in en (every question needs both languages)"),
                check("missing-type.md", 1,
                        "missing-type.md:7:1: error: question has no type: add '- type: <single|multiple|truefalse|short|numeric|ordering|open>'"),
                check("no-correct-answer.md", 1,
                        "no-correct-answer.md:14:1: error: no correct choice: mark the right one with [x]"),
                check("numeric-differs", 1,
                        "numeric-differs/zh/bank.md:7:1: error: numeric answer differs: en is 42 ± 0.5, zh is 42 ± 1% (en: en/bank.md:7)"),
                check("numeric-no-value.md", 1,
                        "numeric-no-value.md:16:1: error: numeric answer has no 'value: <number>'"),
                check("open-no-key-points.md", 1,
                        "open-no-key-points.md:7:1: error: open question has no '### Key points' section"),
                check("open-no-model-answer.md", 1,
                        "open-no-model-answer.md:7:1: error: open question has no '### Model answer' section"),
                check("ordering-differs", 1,
                        "ordering-differs/zh/bank.md:7:1: error: ordering length differs: en has 3 items, zh has 2 (en: en/bank.md:7)"),
                check("ordering-too-short.md", 1,
                        "ordering-too-short.md:16:1: error: ordering needs at least 2 items, found 1"),
                check("section-on-wrong-type.md", 1,
                        "section-on-wrong-type.md:17:1: error: type 'single' takes its answer from the [x] choices: remove '### Answer'",
                        "section-on-wrong-type.md:21:1: error: '### Key points' is only for type 'open' (this question is 'single')"),
                check("short-no-answers.md", 1,
                        "short-no-answers.md:16:1: error: short answer has no accepted answers: write them as a bullet list ('- answer')"),
                check("single-several-correct.md", 1,
                        "single-several-correct.md:14:1: error: single choice question has 2 correct choices (a, c): mark only one, or use type 'multiple'"),
                check("text-after-choices.md", 1,
                        "text-after-choices.md:17:1: error: text after the choices: move it above the choices or into a '###' section"),
                check("text-outside-question.md", 1,
                        "text-outside-question.md:11:1: error: text outside any question: a list before the first '##' question heading (only a '#' title and paragraphs may come first)",
                        "text-outside-question.md:13:1: error: text outside any question: a code block before the first '##' question heading (only a '#' title and paragraphs may come first)",
                        "text-outside-question.md:17:1: error: section '### Explanation' outside any question: put it under a '## Question' heading"),
                check("too-few-choices.md", 1,
                        "too-few-choices.md:14:1: error: a choice question needs at least 2 choices, found 1"),
                check("truefalse-bad-answer.md", 1,
                        "truefalse-bad-answer.md:16:1: error: truefalse answer must be 'true' or 'false' (正确 / 错误), found 'yes'"),
                check("truefalse-differs", 1,
                        "truefalse-differs/zh/bank.md:7:1: error: true/false answer differs: en says true, zh says false (en: en/bank.md:7)"),
                check("type-differs", 1,
                        "type-differs/zh/bank.md:7:1: error: type differs between languages: en has 'single', zh has 'multiple' (en: en/bank.md:7)"),
                check("unclosed-front-matter.md", 1,
                        "unclosed-front-matter.md:1:1: error: front matter is not closed: end it with a '---' line"),
                check("unknown-metadata.md", 1,
                        "unknown-metadata.md:13:3: error: unknown metadata key 'level' (expected id, type, difficulty, tags, source, shuffle)",
                        "unknown-metadata.md:14:9: error: use an ASCII ':' after 'source' (found a full-width '：')",
                        "unknown-metadata.md:15:3: error: metadata item must be 'key: value', found 'just some text' (a list right after the metadata joins it: put a paragraph between them)"),
                check("unknown-section.md", 1,
                        "unknown-section.md:21:1: error: unknown section '### Solution' (expected Answer, Model answer, Key points, Explanation, Hints, References; or 答案, 参考答案, 要点, 解析, 提示, 参考文献)"),
                check("unknown-type.md", 1,
                        "unknown-type.md:10:9: error: unknown type 'mcq' (expected single, multiple, truefalse, short, numeric, ordering, open)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void the_fixture_gives_exactly_the_expected_diagnostics(String fixture, int exitCode, List<String> expected) {
        LintReport report = new Linter().lint(List.of(ROOT.resolve(fixture)));
        LintFormatter fmt = new LintFormatter(ROOT);
        assertThat(fmt.lines(report)).containsExactlyElementsOf(expected);
        assertThat(report.exitCode()).isEqualTo(exitCode);
    }

    @Test
    void every_fixture_file_is_covered_by_a_case() throws IOException {
        List<String> covered = fixtures().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> entries = Files.list(ROOT)) {
            assertThat(entries.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(covered);
        }
    }
}
