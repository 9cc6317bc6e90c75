package dojo.banks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dojo.questions.Answer;
import dojo.questions.Diagnostic;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import dojo.questions.QuestionType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The checks the bank-numbers tests share: each test keeps only its banks' formulas and hands them here.
 * An exact answer (tolerance 0) must equal its formula; a rounded one must equal the formula rounded half-up
 * to the decimals (absolute tolerance) or significant digits (relative tolerance) the prompt asks for, with a
 * tolerance that accepts the exact value too; a "near" one must equal its formula to 1e-12 relative.
 */
final class BankNumbers {

    static final List<String> LANGS = List.of("en", "zh");

    private BankNumbers() {}

    /** How the bank rounds a formula's value. */
    enum Rounding { EXACT, DECIMALS, SIGNIFICANT, NEAR }

    /** A formula's value and how the bank's answer rounds it ({@code digits}: decimals or significant digits). */
    record Expected(double value, Rounding rounding, int digits) {}

    static Expected exact(double v) {
        return new Expected(v, Rounding.EXACT, 0);
    }

    static Expected decimals(double v, int n) {
        return new Expected(v, Rounding.DECIMALS, n);
    }

    static Expected significant(double v, int n) {
        return new Expected(v, Rounding.SIGNIFICANT, n);
    }

    /** The value to 1e-12 relative, whatever the answer's tolerance. */
    static Expected near(double v) {
        return new Expected(v, Rounding.NEAR, 0);
    }

    static QuestionLibrary load() {
        return QuestionLibrary.load(List.of(Path.of("questions")));
    }

    static double roundDecimals(double v, int decimals) {
        return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    static double roundSignificant(double v, int digits) {
        return new BigDecimal(Double.toString(v)).round(new MathContext(digits, RoundingMode.HALF_UP)).doubleValue();
    }

    /** One dynamic test per question and language: the question is numeric and its answer matches the formula. */
    static Stream<DynamicTest> eachAnswerEqualsItsFormula(QuestionLibrary library, Map<String, Expected> formulas) {
        return formulas.entrySet().stream().flatMap(e -> LANGS.stream().map(lang ->
                DynamicTest.dynamicTest(lang + " " + e.getKey(), () -> {
                    Question q = numericQuestion(library, lang, e.getKey());
                    assertMatches(q.id(), (Answer.Numeric) q.answer(), e.getValue());
                })));
    }

    static Question numericQuestion(QuestionLibrary library, String lang, String id) {
        Question q = library.find(lang, id).orElseThrow(() -> new AssertionError("no question " + id + " in " + lang));
        assertThat(q.type()).isEqualTo(QuestionType.NUMERIC);
        return q;
    }

    private static void assertMatches(String id, Answer.Numeric a, Expected x) {
        switch (x.rounding()) {
            case EXACT -> {
                assertThat(a.relative()).as(id + " uses an absolute tolerance").isFalse();
                assertThat(a.value()).as(id + " value").isEqualTo(x.value());
                assertThat(a.tolerance()).as(id + " tolerance").isZero();
            }
            case DECIMALS -> {
                assertThat(a.relative()).as(id + " uses an absolute tolerance").isFalse();
                assertThat(a.value()).as(id + " value").isEqualTo(roundDecimals(x.value(), x.digits()));
                assertThat(a.tolerance()).as(id + " tolerance accepts the exact value")
                        .isGreaterThanOrEqualTo(Math.abs(x.value() - a.value()));
            }
            case SIGNIFICANT -> {
                assertThat(a.relative()).as(id + " uses a relative tolerance").isTrue();
                assertThat(a.value()).as(id + " value").isEqualTo(roundSignificant(x.value(), x.digits()));
                assertThat(a.tolerance() * Math.abs(a.value())).as(id + " tolerance accepts the exact value")
                        .isGreaterThanOrEqualTo(Math.abs(x.value() - a.value()));
            }
            case NEAR -> assertThat(a.value()).as(id + " value")
                    .isCloseTo(x.value(), within(Math.abs(x.value()) * 1e-12 + 1e-12));
        }
    }

    /** In each language, the numeric questions of {@code banks} are exactly the ids that have a formula. */
    static void assertEveryNumericQuestionHasAFormula(QuestionLibrary library, Set<String> banks, Set<String> ids) {
        for (String lang : LANGS) {
            Set<String> numeric = library.questions(lang).stream()
                    .filter(q -> banks.contains(q.bank()))
                    .filter(q -> q.type() == QuestionType.NUMERIC)
                    .map(Question::id)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(numeric).as(lang).isEqualTo(new TreeSet<>(ids));
        }
    }

    /** No diagnostic (error or warning) points into a file whose name {@code fileName} accepts. */
    static void assertLoadWithoutErrorsOrWarnings(QuestionLibrary library, Predicate<String> fileName) {
        List<String> problems = library.diagnostics().stream()
                .filter(d -> d.pos() != null && d.pos().file() != null
                        && fileName.test(d.pos().file().getFileName().toString()))
                .map(Diagnostic::toString)
                .toList();
        assertThat(problems).isEmpty();
    }

    static void assertSameValueAndToleranceInBothLanguages(QuestionLibrary library, Set<String> ids) {
        for (String id : ids) {
            Answer.Numeric en = (Answer.Numeric) library.find("en", id).orElseThrow().answer();
            Answer.Numeric zh = (Answer.Numeric) library.find("zh", id).orElseThrow().answer();
            assertThat(zh.value()).as(id).isEqualTo(en.value());
            assertThat(zh.tolerance()).as(id).isEqualTo(en.tolerance());
            assertThat(zh.relative()).as(id).isEqualTo(en.relative());
        }
    }
}
