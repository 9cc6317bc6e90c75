package dojo.banks;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.banks.BankNumbers.Expected;
import dojo.questions.Answer;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every numeric answer of the banks written by the "wide" writer (positional encoding, efficiency,
 * architectures, training, applications) is recomputed here from its formula, in both languages.
 * A numeric question added to these banks without a formula here makes the coverage test fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Numeric answers of the wide banks")
class WideNumbersTest {

    private static final Set<String> BANKS = Set.of(
            "positional-encoding", "efficiency", "architectures", "training", "applications");
    private static final double GIB = 1024.0 * 1024.0 * 1024.0;
    /** Unit symbols that read the same in both languages; every other zh unit is written in Chinese. */
    private static final Set<String> UNIT_SYMBOLS = Set.of("GiB", "GB");

    private QuestionLibrary library;

    @BeforeAll
    void load() {
        library = BankNumbers.load();
    }

    /** Question id -> the value computed from its formula. */
    private static Map<String, DoubleSupplier> formulas() {
        Map<String, DoubleSupplier> f = new LinkedHashMap<>();

        // ---- 50-positional-encoding ----
        // Sinusoidal PE: omega_i = 10000^(-2i/d_model), d_model = 512, i = 64 -> 10000^(-1/4) = 0.1.
        f.put("pos-sinusoid-frequency", () -> Math.pow(10000.0, -2.0 * 64 / 512));
        // Learned absolute table: max_positions x d_model = 1024 x 768 (GPT-2 small).
        f.put("pos-learned-absolute-params", () -> 1024L * 768L);
        // Shaw et al.: clipped offsets -k..k -> 2k + 1 labels, k = 4.
        f.put("pos-shaw-clip-count", () -> 2 * 4 + 1);
        // T5 relative bias: one scalar per (bucket, head), shared across layers: 32 buckets x 12 heads.
        f.put("pos-t5-bias-params", () -> 32 * 12);
        // RoPE angle m * theta_i, theta_i = 10000^(-2i/d), d = 128, i = 32, m = 500.
        f.put("pos-rope-angle", () -> 500 * Math.pow(10000.0, -2.0 * 32 / 128));
        // ALiBi: bias = -m * (i - j), head 3 of 8 has m = 2^-3, i = 10, j = 4.
        f.put("pos-alibi-bias", () -> -Math.pow(2, -3) * (10 - 4));

        // ---- 60-complexity-efficient ----
        // Projections 4 * 2 n d^2 == attention products 2 * 2 n^2 d  ->  n = 2d; solved numerically below.
        f.put("eff-crossover-length", () -> crossover(1024));
        // QK^T over all heads: 2 * n^2 * d FLOPs, n = 2048, d = 1024.
        f.put("eff-qk-flops", () -> 2.0 * 2048 * 2048 * 1024);
        // fp16 probabilities: heads * n^2 * 2 bytes, 32 heads, n = 8192, in GiB.
        f.put("eff-score-memory", () -> 32.0 * 8192 * 8192 * 2 / GIB);
        // KV cache bytes = 2 * layers * kv_heads * head_dim * seq * batch * bytes_per_elem.
        f.put("eff-kv-cache-bytes", () -> kvCacheBytes(32, 32, 128, 4096, 1, 2) / GIB);
        f.put("eff-kv-cache-per-token", () -> kvCacheBytes(32, 32, 128, 1, 1, 2));
        f.put("eff-gqa-cache", () -> kvCacheBytes(80, 8, 128, 4096, 8, 2) / GIB);
        // Weight reads per token: 7e9 params * 2 bytes / 2e12 B/s, in ms.
        f.put("eff-decode-memory-bound", () -> 7e9 * 2 / 2e12 * 1000);
        // Online softmax: m_new = max(2, 4); l = 3 * e^(2 - m_new) + sum_s e^(s - m_new) for s in {4, 2}.
        f.put("eff-online-softmax-value", () -> {
            double mOld = 2;
            double lOld = 3;
            double[] block = {4, 2};
            double mNew = Math.max(mOld, Math.max(block[0], block[1]));
            double l = lOld * Math.exp(mOld - mNew);
            for (double s : block) l += Math.exp(s - mNew);
            return l;
        });
        // Sliding window: n^2 / (n * w) = n / w, n = 4096, w = 512.
        f.put("eff-longformer-ratio", () -> (4096.0 * 4096) / (4096.0 * 512));
        // Mixed-precision Adam: 2 + 2 + 4 + 4 + 4 = 16 bytes per parameter, 7e9 parameters, in GB (1e9).
        f.put("eff-adam-memory", () -> 7e9 * (2 + 2 + 4 + 4 + 4) / 1e9);
        // C = 6 N D, N = 7e9, D = 2e12.
        f.put("eff-training-flops", () -> 6 * 7e9 * 2e12);

        // ---- 70-architectures ----
        // 15% selected, 80% of them [MASK], 512 tokens.
        f.put("arch-bert-masking", () -> 512 * 0.15 * 0.8);
        // One BERT-base layer: 4 (d^2 + d) + (d*dff + dff) + (dff*d + d) + 2 * 2d.
        f.put("arch-bert-layer-params", () -> {
            long d = 768;
            long dff = 3072;
            return 4 * (d * d + d) + (d * dff + dff) + (dff * d + d) + 2 * 2 * d;
        });
        // ViT-B/16 at 224: (224/16)^2 patches + [CLS].
        f.put("arch-vit-tokens", () -> Math.pow(224 / 16, 2) + 1);
        // Patch embedding: (16*16*3) x 768 weights + 768 biases.
        f.put("arch-vit-patch-embed", () -> 16 * 16 * 3 * 768 + 768);
        // Cross-entropy of row [2, 0, 0, 0] with target 0.
        f.put("arch-clip-loss", () -> crossEntropy(new double[] {2, 0, 0, 0}, 0));
        // Nucleus p = 0.8 over [0.5, 0.2, 0.15, 0.1, 0.05]; renormalised probability of the 0.2 token.
        f.put("arch-top-p", () -> topP(new double[] {0.5, 0.2, 0.15, 0.1, 0.05}, 0.8, 1));
        // 12 * L * d^2 with L = 96, d = 12288.
        f.put("arch-gpt3-params", () -> 12.0 * 96 * 12288.0 * 12288.0);

        // ---- 80-training-stability ----
        // Vaswani schedule: d^-0.5 * min(step^-0.5, step * warmup^-1.5), d = 512, warmup = 4000.
        f.put("train-warmup-peak", () -> noamRate(512, 4000, 4000));
        f.put("train-warmup-step", () -> noamRate(512, 4000, 1000));
        // Label smoothing: (1 - eps) + eps / K, eps = 0.1, K = 10.
        f.put("train-label-smoothing-target", () -> (1 - 0.1) + 0.1 / 10);
        // Largest finite binary16: (2 - 2^-10) * 2^15.
        f.put("train-fp16-max", () -> (2 - Math.pow(2, -10)) * Math.pow(2, 15));
        // Global-norm clipping of g1 = [3, 4], g2 = [0, 12] to max_norm 1; first component of g1.
        f.put("train-grad-clip-value", () -> {
            double[] all = {3, 4, 0, 12};
            double norm = 0;
            for (double g : all) norm += g * g;
            norm = Math.sqrt(norm);
            double coef = Math.min(1.0, 1.0 / norm);
            return all[0] * coef;
        });
        // d p1 / d z for softmax([z, 0]) at z = 10: p1 (1 - p1).
        f.put("train-softmax-saturation", () -> {
            double p1 = Math.exp(10) / (Math.exp(10) + Math.exp(0));
            return p1 * (1 - p1);
        });
        // 0.02 / sqrt(N), N = 2 * 12 residual layers.
        f.put("train-init-std", () -> 0.02 / Math.sqrt(2 * 12));

        // ---- 85-applications ----
        // Score-matrix ratio: (pixels / patches)^2 = ((224*224) / ((224/16)^2))^2.
        f.put("app-pixel-vs-patch", () -> Math.pow((224.0 * 224) / Math.pow(224 / 16, 2), 2));
        // Swin: 2 (hw)^2 C / (2 M^2 hw C) = hw / M^2, h = w = 56, M = 7.
        f.put("app-swin-window", () -> (56.0 * 56) / (7 * 7));
        // Whisper: 30 s / 10 ms frames, halved by the stride-2 convolution.
        f.put("app-whisper-frames", () -> (30.0 / 0.010) / 2);
        // Divided space-time attention: T + N keys per query, T = 8, N = (224/16)^2.
        f.put("app-timesformer-keys", () -> 8 + Math.pow(224 / 16, 2));
        // Retrieve-then-rerank: 1 text-tower pass + k = 100 cross-encoder passes.
        f.put("app-retrieval-passes", () -> 1 + 100);
        // GCN coefficient 1/sqrt(d_i d_j) with self-loops: degrees 3 + 1 and 2 + 1.
        f.put("app-gcn-weight", () -> 1 / Math.sqrt((3 + 1) * (2 + 1)));
        // GAT: e_ix = LeakyReLU(a^T [Wh_i || Wh_x]), softmax over {i, j, k}; alpha_ij.
        f.put("app-gat-numeric", () -> {
            double[] a = {1, 1, 1, -2};
            double[][] wh = {{1, 0}, {0, 1}, {1, 1}}; // i, j, k
            double[] e = new double[3];
            for (int x = 0; x < 3; x++) {
                double raw = a[0] * wh[0][0] + a[1] * wh[0][1] + a[2] * wh[x][0] + a[3] * wh[x][1];
                e[x] = raw > 0 ? raw : 0.2 * raw;
            }
            double sum = 0;
            for (double v : e) sum += Math.exp(v);
            return Math.exp(e[1]) / sum;
        });
        // PatchTST: floor((L - P) / S) + 2, L = 512, P = 16, S = 8.
        f.put("app-patchtst-patches", () -> Math.floor((512 - 16) / 8.0) + 2);
        // Masked mean of [2, 4, 6, 9, 9] with mask [1, 1, 1, 0, 0].
        f.put("app-masked-mean", () -> {
            double[] h = {2, 4, 6, 9, 9};
            int[] m = {1, 1, 1, 0, 0};
            double num = 0;
            double den = 0;
            for (int t = 0; t < h.length; t++) {
                num += h[t] * m[t];
                den += m[t];
            }
            return num / den;
        });
        // AST: (floor((128 - 16) / 10) + 1) * (floor((1024 - 16) / 10) + 1).
        f.put("app-ast-patches", () -> (Math.floor((128 - 16) / 10.0) + 1) * (Math.floor((1024 - 16) / 10.0) + 1));

        return f;
    }

    // ---- helpers that implement the formulas ----

    /** Smallest n where 4 * 2 n d^2 <= 2 * 2 n^2 d, i.e. where the attention products catch up with the projections. */
    static double crossover(long d) {
        long n = 1;
        while (4 * 2 * n * d * d > 2 * 2 * n * n * d) n++;
        return n;
    }

    static double noamRate(double dModel, double warmup, double step) {
        return Math.pow(dModel, -0.5) * Math.min(Math.pow(step, -0.5), step * Math.pow(warmup, -1.5));
    }

    static double kvCacheBytes(long layers, long kvHeads, long headDim, long seq, long batch, long bytesPerElem) {
        return 2.0 * layers * kvHeads * headDim * seq * batch * bytesPerElem;
    }

    static double crossEntropy(double[] logits, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) max = Math.max(max, z);
        double sum = 0;
        for (double z : logits) sum += Math.exp(z - max);
        return -(logits[target] - max - Math.log(sum));
    }

    /** Probability of token {@code index} after nucleus filtering (probs already sorted descending). */
    static double topP(double[] sortedProbs, double p, int index) {
        double cumulative = 0;
        int keep = 0;
        while (keep < sortedProbs.length && cumulative < p) cumulative += sortedProbs[keep++];
        return index < keep ? sortedProbs[index] / cumulative : 0.0;
    }

    // ---- tests ----

    @TestFactory
    @DisplayName("each numeric answer equals its formula, in English and in Chinese")
    Stream<DynamicTest> each_numeric_answer_equals_its_formula() {
        Map<String, Expected> expected = new LinkedHashMap<>();
        formulas().forEach((id, formula) -> expected.put(id, BankNumbers.near(formula.getAsDouble())));
        return BankNumbers.eachAnswerEqualsItsFormula(library, expected);
    }

    @Test
    void every_numeric_question_of_the_wide_banks_has_a_formula_here() {
        BankNumbers.assertEveryNumericQuestionHasAFormula(library, BANKS, formulas().keySet());
    }

    @Test
    void the_wide_banks_load_without_errors_or_warnings() {
        BankNumbers.assertLoadWithoutErrorsOrWarnings(library, WideNumbersTest::isWideFile);
    }

    @Test
    void english_and_chinese_numeric_answers_have_the_same_value_and_tolerance() {
        BankNumbers.assertSameValueAndToleranceInBothLanguages(library, formulas().keySet());
    }

    @Test
    void a_chinese_numeric_answer_has_a_unit_exactly_when_the_english_one_does_and_it_is_written_in_chinese() {
        for (String id : formulas().keySet()) {
            Question zhQuestion = library.find("zh", id).orElseThrow();
            Answer.Numeric en = (Answer.Numeric) library.find("en", id).orElseThrow().answer();
            Answer.Numeric zh = (Answer.Numeric) zhQuestion.answer();
            assertThat(zh.unit().isEmpty()).as("%s has a unit in one language only", id).isEqualTo(en.unit().isEmpty());
            if (!zh.unit().isEmpty() && !UNIT_SYMBOLS.contains(zh.unit())) {
                assertThat(zh.unit()).as("%s: zh unit", id).containsPattern("\\p{IsHan}");
            }
        }
    }

    private static boolean isWideFile(String name) {
        return Stream.of("50-", "60-", "70-", "80-", "85-").anyMatch(name::startsWith);
    }
}
