package dojo.banks;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.questions.Answer;
import dojo.questions.Diagnostic;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import dojo.questions.QuestionType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every numeric answer of the last topic banks of issue 15 (vision and multimodal, scaling and efficiency,
 * encoder-decoder inference, the follow-ups of the original interview document) is recomputed here from its
 * formula, in both languages. An exact answer (tolerance 0) must equal its formula; a rounded one must equal
 * the formula rounded half-up to the decimals (absolute tolerance) or significant digits (relative tolerance)
 * the prompt asks for, with a tolerance that accepts the exact value too. A numeric question added to these
 * banks without a formula here makes the coverage test fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Numeric answers of the last topic banks (vision and multimodal, scaling, encoder-decoder inference, interview-document follow-ups)")
class LastTopicsNumbersTest {

    private static final Set<String> BANKS = Set.of("vision-multimodal", "scaling-efficiency",
            "encoder-decoder-inference", "seed-followups");
    private static final Set<String> FILES = Set.of("77-vision-multimodal.md", "82-scaling-efficiency.md",
            "88-encoder-decoder-inference.md", "89-seed-followups.md");
    private static final List<String> LANGS = List.of("en", "zh");

    /** How the bank rounds a formula's value. */
    enum Rounding { EXACT, DECIMALS, SIGNIFICANT }

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

    private QuestionLibrary library;

    @BeforeAll
    void load() {
        library = QuestionLibrary.load(List.of(Path.of("questions")));
    }

    private static Map<String, Expected> formulas() {
        Map<String, Expected> f = new LinkedHashMap<>();

        // ---- 77-vision-multimodal ----
        // MAE: 224/16 = 14 patches a side, 75 % masked, the encoder sees the rest.
        f.put("vm-mae-visible", exact(visiblePatches(224, 16, 0.75)));
        // LLaVA-1.5: CLIP ViT-L/14 at 336 px, grid features only.
        f.put("vm-llava-tokens", exact(gridTokens(336, 14)));
        // DiT: 256 px image, VAE downsampling 8 -> 32 x 32 latent, patch size 2.
        f.put("vm-dit-tokens", exact(gridTokens(256 / 8, 2)));

        return f;
    }

    // ---- helpers that implement the formulas ----

    /** Patches of a square image that stay visible at a masking ratio (must be a whole number). */
    static double visiblePatches(int image, int patch, double maskRatio) {
        double total = gridTokens(image, patch);
        double visible = total * (1 - maskRatio);
        assertThat(visible).isEqualTo(Math.rint(visible));
        return visible;
    }

    /** Tokens of a square grid: (side / patch)^2, the side divisible by the patch. */
    static double gridTokens(int side, int patch) {
        assertThat(side % patch).isZero();
        long perSide = side / patch;
        return perSide * perSide;
    }

    static double roundDecimals(double v, int decimals) {
        return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    static double roundSignificant(double v, int digits) {
        return new BigDecimal(Double.toString(v)).round(new MathContext(digits, RoundingMode.HALF_UP)).doubleValue();
    }

    // ---- tests ----

    @TestFactory
    @DisplayName("each numeric answer equals its formula (rounded as the prompt asks), in English and in Chinese")
    Stream<DynamicTest> each_numeric_answer_equals_its_formula() {
        return formulas().entrySet().stream().flatMap(e -> LANGS.stream().map(lang ->
                DynamicTest.dynamicTest(lang + " " + e.getKey(), () -> {
                    Question q = library.find(lang, e.getKey())
                            .orElseThrow(() -> new AssertionError("no question " + e.getKey() + " in " + lang));
                    assertThat(q.type()).isEqualTo(QuestionType.NUMERIC);
                    Answer.Numeric a = (Answer.Numeric) q.answer();
                    Expected x = e.getValue();
                    switch (x.rounding()) {
                        case EXACT -> {
                            assertThat(a.value()).as(q.id() + " value").isEqualTo(x.value());
                            assertThat(a.tolerance()).as(q.id() + " tolerance").isZero();
                        }
                        case DECIMALS -> {
                            assertThat(a.relative()).as(q.id() + " uses an absolute tolerance").isFalse();
                            assertThat(a.value()).as(q.id() + " value").isEqualTo(roundDecimals(x.value(), x.digits()));
                            assertThat(a.tolerance()).as(q.id() + " tolerance accepts the exact value")
                                    .isGreaterThanOrEqualTo(Math.abs(x.value() - a.value()));
                        }
                        case SIGNIFICANT -> {
                            assertThat(a.relative()).as(q.id() + " uses a relative tolerance").isTrue();
                            assertThat(a.value()).as(q.id() + " value").isEqualTo(roundSignificant(x.value(), x.digits()));
                            assertThat(a.tolerance() * Math.abs(a.value())).as(q.id() + " tolerance accepts the exact value")
                                    .isGreaterThanOrEqualTo(Math.abs(x.value() - a.value()));
                        }
                    }
                    assertThat(a.unit()).as(q.id() + " states a unit").isNotBlank();
                })));
    }

    @Test
    void every_numeric_question_of_the_last_topic_banks_has_a_formula_here() {
        for (String lang : LANGS) {
            Set<String> numeric = library.questions(lang).stream()
                    .filter(q -> BANKS.contains(q.bank()))
                    .filter(q -> q.type() == QuestionType.NUMERIC)
                    .map(Question::id)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(numeric).as(lang).isEqualTo(new TreeSet<>(formulas().keySet()));
        }
    }

    @Test
    void the_last_topic_banks_load_without_errors_or_warnings() {
        List<String> problems = library.diagnostics().stream()
                .filter(d -> d.pos() != null && d.pos().file() != null
                        && FILES.contains(d.pos().file().getFileName().toString()))
                .map(Diagnostic::toString)
                .toList();
        assertThat(problems).isEmpty();
    }

    @Test
    void english_and_chinese_numeric_answers_have_the_same_value_and_tolerance() {
        for (String id : formulas().keySet()) {
            Answer.Numeric en = (Answer.Numeric) library.find("en", id).orElseThrow().answer();
            Answer.Numeric zh = (Answer.Numeric) library.find("zh", id).orElseThrow().answer();
            assertThat(zh.value()).as(id).isEqualTo(en.value());
            assertThat(zh.tolerance()).as(id).isEqualTo(en.tolerance());
            assertThat(zh.relative()).as(id).isEqualTo(en.relative());
        }
    }
}
