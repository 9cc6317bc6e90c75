package dojo.banks;

import static dojo.banks.BankNumbers.decimals;
import static dojo.banks.BankNumbers.exact;
import static dojo.banks.BankNumbers.significant;
import static org.assertj.core.api.Assertions.assertThat;

import dojo.banks.BankNumbers.Expected;
import dojo.questions.Answer;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
    /** Numeric answers that are pure numbers (a score): no unit. */
    private static final Set<String> DIMENSIONLESS = Set.of("sf-rouge1-f1");

    static final String ROUGE_REFERENCE = "the cat sat on the mat";
    static final String ROUGE_CANDIDATE = "a cat sat on the mat today";

    private QuestionLibrary library;

    @BeforeAll
    void load() {
        library = BankNumbers.load();
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

        // ---- 82-scaling-efficiency ----
        // Chinchilla rule of thumb: 20 tokens per parameter, 70B parameters.
        f.put("sc-chinchilla-tokens", exact(20 * 70e9));
        // C = 6 N D for N = 70e9, D = 1.4e12, within 1 % (3 significant digits).
        f.put("sc-6nd-flops", significant(trainingFlops(70e9, 1.4e12), 3));
        // 2 N FLOPs per generated token, 13B model, 500 tokens.
        f.put("sc-decode-flops", exact(2 * 13e9 * 500));
        // LoRA rank 8 on W_q and W_v (4096 x 4096) in 32 layers: r (d_in + d_out) per matrix.
        f.put("sc-lora-params", exact(loraParams(32, 2, 4096, 4096, 8)));
        // 4-bit weights, a 16-bit scale per group of 128, 70e9 weights, in 1e9 bytes.
        f.put("sc-int4-memory", decimals(groupQuantisedBytes(70e9, 4, 128, 16) / 1e9, 2));

        // ---- 88-encoder-decoder-inference ----
        // Cross-attention cache: K and V, 12 layers, 1500 source positions, d_model 768, fp16, in MiB.
        f.put("ed-cross-cache-bytes", decimals(crossCacheBytes(12, 1500, 768, 2) / (1024.0 * 1024.0), 2));
        // Projecting S positions to K and V (2 S d^2) against one query's read (S d scores + S d weighted sum).
        f.put("ed-recompute-ratio", exact(recomputeOverRead(1500, 768)));

        // ---- 89-seed-followups ----
        // STM memory read: 480 x 864 frames at stride 16, 5 memory frames; query positions x memory positions.
        f.put("sf-vos-scores", exact(affinityEntries(480, 864, 16, 5)));
        // 1000 steps, one token per step against patches of 50: ratio of score entries.
        f.put("sf-ts-patch-ratio", exact(Math.pow(1000, 2) / Math.pow(1000 / 50, 2)));
        // ROUGE-1 F1 with clipped unigram counts, on the two sentences both prompts quote.
        f.put("sf-rouge1-f1", decimals(rouge1F1(ROUGE_REFERENCE, ROUGE_CANDIDATE), 3));
        // MusicGen delay pattern: 30 s at 50 frames/s, 4 codebooks, codebook k delayed by k - 1 steps.
        f.put("sf-musicgen-steps", exact(delayPatternSteps(30 * 50, 4)));

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

    /** Training FLOPs: 2 per parameter and token forward, 4 backward. */
    static double trainingFlops(double params, double tokens) {
        double forward = 2 * params * tokens;
        double backward = 2 * forward;
        return forward + backward;
    }

    /** LoRA adds B (d_out x r) and A (r x d_in) to each adapted matrix. */
    static double loraParams(int layers, int matricesPerLayer, int dIn, int dOut, int rank) {
        long perMatrix = (long) dOut * rank + (long) rank * dIn;
        return (double) layers * matricesPerLayer * perMatrix;
    }

    /** Bytes of grouped quantised weights: payload bits plus one scale per group. */
    static double groupQuantisedBytes(double weights, int bits, int groupSize, int scaleBits) {
        assertThat(weights % groupSize).isZero();
        double totalBits = weights * bits + (weights / groupSize) * scaleBits;
        return totalBits / 8;
    }

    static double crossCacheBytes(int layers, int sourcePositions, int dModel, int bytesPerElement) {
        return 2.0 * layers * sourcePositions * dModel * bytesPerElement;
    }

    /** Multiply-adds of the K and V projections over those of the attention read, per layer and step; any S gives d. */
    static double recomputeOverRead(long sourcePositions, long d) {
        long projections = 2 * sourcePositions * d * d;
        long read = sourcePositions * d + sourcePositions * d;
        assertThat(projections % read).isZero();
        double ratio = (double) projections / read;
        assertThat(ratio).isEqualTo((double) (2 * 7 * d * d) / (2 * 7 * d));
        return ratio;
    }

    static double affinityEntries(int height, int width, int stride, int memoryFrames) {
        assertThat(height % stride).isZero();
        assertThat(width % stride).isZero();
        long perFrame = (long) (height / stride) * (width / stride);
        return (double) perFrame * (perFrame * memoryFrames);
    }

    /** ROUGE-1 F1: unigram overlap with each candidate word counted at most as often as in the reference. */
    static double rouge1F1(String reference, String candidate) {
        Map<String, Integer> ref = new LinkedHashMap<>();
        for (String w : reference.split(" ")) ref.merge(w, 1, Integer::sum);
        Map<String, Integer> cand = new LinkedHashMap<>();
        for (String w : candidate.split(" ")) cand.merge(w, 1, Integer::sum);
        int overlap = 0;
        for (Map.Entry<String, Integer> e : cand.entrySet()) overlap += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
        double recall = (double) overlap / reference.split(" ").length;
        double precision = (double) overlap / candidate.split(" ").length;
        return 2 * precision * recall / (precision + recall);
    }

    /** Steps of a delay pattern, found by laying out every (frame, codebook) token at step frame + codebook. */
    static double delayPatternSteps(int frames, int codebooks) {
        int lastStep = -1;
        for (int frame = 0; frame < frames; frame++) {
            for (int k = 0; k < codebooks; k++) lastStep = Math.max(lastStep, frame + k);
        }
        return lastStep + 1;
    }

    // ---- tests ----

    @TestFactory
    @DisplayName("each numeric answer equals its formula (rounded as the prompt asks), in English and in Chinese")
    Stream<DynamicTest> each_numeric_answer_equals_its_formula() {
        return BankNumbers.eachAnswerEqualsItsFormula(library, formulas());
    }

    @Test
    void each_numeric_answer_states_a_unit_unless_it_is_a_pure_number() {
        for (String lang : BankNumbers.LANGS) {
            for (String id : formulas().keySet()) {
                Answer.Numeric a = (Answer.Numeric) BankNumbers.numericQuestion(library, lang, id).answer();
                if (DIMENSIONLESS.contains(id)) {
                    assertThat(a.unit()).as(lang + " " + id + " is a pure number").isNullOrEmpty();
                } else {
                    assertThat(a.unit()).as(lang + " " + id + " states a unit").isNotBlank();
                }
            }
        }
    }

    @Test
    void the_rouge_sentences_are_the_ones_both_prompts_quote() {
        for (String lang : BankNumbers.LANGS) {
            Question q = library.find(lang, "sf-rouge1-f1").orElseThrow();
            assertThat(q.prompt()).as(lang).contains("`" + ROUGE_REFERENCE + "`").contains("`" + ROUGE_CANDIDATE + "`");
        }
    }

    @Test
    void every_numeric_question_of_the_last_topic_banks_has_a_formula_here() {
        BankNumbers.assertEveryNumericQuestionHasAFormula(library, BANKS, formulas().keySet());
    }

    @Test
    void the_last_topic_banks_load_without_errors_or_warnings() {
        BankNumbers.assertLoadWithoutErrorsOrWarnings(library, FILES::contains);
    }

    @Test
    void english_and_chinese_numeric_answers_have_the_same_value_and_tolerance() {
        BankNumbers.assertSameValueAndToleranceInBothLanguages(library, formulas().keySet());
    }
}
