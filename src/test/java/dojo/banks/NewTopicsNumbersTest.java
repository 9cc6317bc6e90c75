package dojo.banks;

import static dojo.banks.BankNumbers.decimals;
import static dojo.banks.BankNumbers.exact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dojo.banks.BankNumbers.Expected;
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
 * Every numeric answer of the banks added for issue 15's first topics (Mixture-of-Experts, speculative
 * decoding, serving, modern block details) is recomputed here from its formula, in both languages.
 * An exact answer (tolerance 0) must equal its formula; a rounded one must equal the formula rounded
 * half-up to the number of decimals the prompt asks for, with a tolerance of at least half a unit of the
 * last decimal, so the exact value is accepted too. A numeric question added to these banks without a
 * formula here makes the coverage test fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Numeric answers of the new topic banks (MoE, speculative decoding, serving, modern blocks)")
class NewTopicsNumbersTest {

    private static final Set<String> BANKS = Set.of("moe", "speculative-decoding", "serving", "modern-blocks");
    private static final Set<String> FILES = Set.of("91-moe.md", "92-speculative-decoding.md", "93-serving.md",
            "94-modern-blocks.md");
    private static final double MIB = 1024.0 * 1024.0;
    private static final double GIB = 1024.0 * MIB;

    private QuestionLibrary library;

    @BeforeAll
    void load() {
        library = BankNumbers.load();
    }

    private static Map<String, Expected> formulas() {
        Map<String, Expected> f = new LinkedHashMap<>();

        // ---- 91-moe ----
        // SwiGLU expert: gate, up, down, bias-free = 3 d d_ff; a token uses k = 2 of 8 per layer, 32 layers; in 1e9.
        f.put("moe-active-params", decimals(32.0 * 2 * swigluParams(4096, 14336) / 1e9, 2));
        // Switch Transformer expert capacity = tokens / experts * capacity factor.
        f.put("moe-capacity", exact(expertCapacity(4096, 64, 1.25)));
        // Switch auxiliary loss alpha * N * sum f_i P_i.
        f.put("moe-aux-loss-value", decimals(switchAuxLoss(0.01,
                new double[] {0.4, 0.3, 0.2, 0.1}, new double[] {0.35, 0.3, 0.2, 0.15}), 4));

        // ---- 92-speculative-decoding (Leviathan et al. 2023, section 3) ----
        // beta = sum_x min(p(x), q(x)), p = (0.5, 0.3, 0.2), q = (0.2, 0.6, 0.2).
        f.put("spec-acceptance-rate", decimals(acceptanceProbability(
                new double[] {0.5, 0.3, 0.2}, new double[] {0.2, 0.6, 0.2}), 2));
        // Expected tokens per target pass (1 - a^(g+1)) / (1 - a), a = 0.8, g = 4.
        f.put("spec-expected-tokens", decimals(expectedTokens(0.8, 4), 2));
        // Walltime improvement (1 - a^(g+1)) / ((1 - a)(g c + 1)), c = 0.05.
        f.put("spec-walltime-speedup", decimals(expectedTokens(0.8, 4) / (4 * 0.05 + 1), 2));

        // ---- 93-serving ----
        // KV bytes per token = 2 * layers * kv_heads * head_dim * bytes; blocks of 16 tokens in 20 GiB.
        f.put("serve-kv-blocks", exact(20 * GIB / (16 * kvBytesPerToken(32, 8, 128, 2))));
        // Empty slots: ceil(n / block) * block - n, n = 1000, block = 16.
        f.put("serve-paged-waste", exact(emptySlots(1000, 16)));
        // Split-KV merge: rescale each chunk's sum to the global max, weighted mean of the chunk outputs.
        f.put("serve-split-kv-merge", decimals(mergeChunks(
                new double[] {2, 3}, new double[] {1.5, 2}, new double[] {4, 1}), 3));

        // ---- 94-modern-blocks ----
        // LLaMA: h = int(2 * 4d / 3), rounded up to a multiple of 256.
        f.put("blk-swiglu-hidden", exact(llamaHidden(4096, 256)));
        // 3 d h (SwiGLU, h = 11008) - 2 d 4d (ReLU FFN).
        f.put("blk-swiglu-params", exact(swigluParams(4096, llamaHidden(4096, 256)) - 2.0 * 4096 * (4 * 4096)));
        // Tied output layer: vocab x d_model = 50257 x 768.
        f.put("blk-weight-tying", exact(50257.0 * 768));
        // Gemma 2 soft-capping cap * tanh(z / cap), cap = 30, z = 60.
        f.put("blk-softcap-value", decimals(softCap(60, 30), 2));

        return f;
    }

    // ---- helpers that implement the formulas ----

    /** Weights of a bias-free SwiGLU FFN: W_gate, W_up [d, d_ff] and W_down [d_ff, d]. */
    static double swigluParams(long dModel, long dFf) {
        return 3.0 * dModel * dFf;
    }

    static double expertCapacity(long tokens, long experts, double capacityFactor) {
        return (double) tokens / experts * capacityFactor;
    }

    static double switchAuxLoss(double alpha, double[] f, double[] p) {
        double dot = 0;
        for (int i = 0; i < f.length; i++) dot += f[i] * p[i];
        return alpha * f.length * dot;
    }

    static double acceptanceProbability(double[] p, double[] q) {
        double beta = 0;
        for (int i = 0; i < p.length; i++) beta += Math.min(p[i], q[i]);
        return beta;
    }

    /** Expected tokens per step, summed term by term: 1 + sum_{i=1..gamma} alpha^i, checked against the closed form. */
    static double expectedTokens(double alpha, int gamma) {
        double sum = 1;
        for (int i = 1; i <= gamma; i++) sum += Math.pow(alpha, i);
        double closed = (1 - Math.pow(alpha, gamma + 1)) / (1 - alpha);
        assertThat(sum).isCloseTo(closed, within(1e-12));
        return closed;
    }

    static double kvBytesPerToken(long layers, long kvHeads, long headDim, long bytesPerElem) {
        return 2.0 * layers * kvHeads * headDim * bytesPerElem;
    }

    static double emptySlots(long tokens, long blockSize) {
        long blocks = (tokens + blockSize - 1) / blockSize;
        return blocks * blockSize - tokens;
    }

    /** Exact softmax-weighted output from per-chunk (max m, sum l = sum exp(s - m), normalised output o). */
    static double mergeChunks(double[] m, double[] l, double[] o) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : m) max = Math.max(max, v);
        double num = 0;
        double den = 0;
        for (int i = 0; i < m.length; i++) {
            double w = l[i] * Math.exp(m[i] - max);
            num += w * o[i];
            den += w;
        }
        return num / den;
    }

    /** LLaMA's FeedForward: hidden = int(2 * 4 * dim / 3), then multiple_of * ceil(hidden / multiple_of). */
    static long llamaHidden(long dim, long multipleOf) {
        long hidden = (long) (2 * (4 * dim) / 3.0);
        return multipleOf * ((hidden + multipleOf - 1) / multipleOf);
    }

    static double softCap(double logit, double cap) {
        return cap * Math.tanh(logit / cap);
    }

    // ---- tests ----

    @TestFactory
    @DisplayName("each numeric answer equals its formula (rounded as the prompt asks), in English and in Chinese")
    Stream<DynamicTest> each_numeric_answer_equals_its_formula() {
        return BankNumbers.eachAnswerEqualsItsFormula(library, formulas());
    }

    @Test
    void every_numeric_question_of_the_new_topic_banks_has_a_formula_here() {
        BankNumbers.assertEveryNumericQuestionHasAFormula(library, BANKS, formulas().keySet());
    }

    @Test
    void the_new_topic_banks_load_without_errors_or_warnings() {
        BankNumbers.assertLoadWithoutErrorsOrWarnings(library, FILES::contains);
    }

    @Test
    void english_and_chinese_numeric_answers_have_the_same_value_and_tolerance() {
        BankNumbers.assertSameValueAndToleranceInBothLanguages(library, formulas().keySet());
    }
}
