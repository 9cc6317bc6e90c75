package dojo.banks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dojo.questions.Answer;
import dojo.questions.Bank;
import dojo.questions.Diagnostic;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import dojo.questions.QuestionType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Recomputes, from its formula, the answer of every numeric question in the core banks (fundamentals,
 * scaled-dot-product, masking, multi-head, code-reading) and checks that both languages store that value.
 * Exact answers must match exactly; answers rounded in the bank must lie within half their tolerance of the
 * formula, so the exact value is always accepted.
 */
@DisplayName("Core banks: numeric answers match their formulas")
class CoreNumbersTest {

    static final Set<String> CORE_BANKS =
            Set.of("fundamentals", "scaled-dot-product", "masking", "multi-head", "code-reading");
    static final List<String> LANGS = List.of("en", "zh");

    static QuestionLibrary library;

    @BeforeAll
    static void load() {
        library = QuestionLibrary.load(List.of(Path.of("questions")));
    }

    /** id -> value computed here from the formula in the question. */
    static Map<String, Double> expected() {
        Map<String, Double> e = new LinkedHashMap<>();

        // ---- fundamentals ----
        // Table 1: recurrent n·d² over self-attention n²·d = d/n, n = 100, d = 512.
        e.put("fund-rnn-sa-cost-ratio", (100.0 * 512 * 512) / (100.0 * 100 * 512));
        // Causal conv, width k = 5: receptive field 1 + L(k-1) >= n = 1024, smallest L.
        e.put("fund-causal-conv-layers", (double) smallestLayers(1024, l -> 1 + 4L * l));
        // Dilated causal conv, width 2, dilations 1, 2, 4, ...: receptive field 2^L >= 1024.
        e.put("fund-dilated-conv-layers", (double) smallestLayers(1024, l -> dilatedField(2, l)));
        // Cross-attention weights: heads · target · source = 8 · 20 · 50.
        e.put("fund-cross-attention-weights", 8.0 * 20 * 50);
        // W_Q, W_K, W_V of one head: 3 · d_model · d_k = 3 · 512 · 64.
        e.put("fund-single-head-params", 3.0 * 512 * 64);

        // ---- scaled-dot-product ----
        // Var(q·k) = d_k · Var(q_i) · Var(k_i) = 64 · 1 · 1.
        e.put("sdpa-dot-variance", 64.0 * 1 * 1);
        // Var(q·k / sqrt(d_k)) = d_k · 2 · 2 / d_k with d_k = 128.
        e.put("sdpa-scaled-variance-nonunit", 128.0 * 2 * 2 / 128);
        // d p1 / d s1 = p1 (1 - p1), p1 = softmax((2, 0))_1.
        double p1 = softmax(2, 0)[0];
        e.put("sdpa-softmax-derivative", p1 * (1 - p1));
        // exp overflows above ln(largest finite value).
        e.put("sdpa-exp-overflow-fp32", Math.log(Float.MAX_VALUE));
        e.put("sdpa-exp-overflow-fp16", Math.log(65504.0));
        // softmax((2, 0) / T), T = 2.
        e.put("sdpa-temperature-value", softmax(2 / 2.0, 0 / 2.0)[0]);
        // 1/sqrt(d_k), d_k = d_model / h = 512 / 8.
        e.put("sdpa-scale-factor-value", 1 / Math.sqrt(512 / 8));
        // Output [n, d_v] = 10 · 32.
        e.put("sdpa-output-elements", 10.0 * 32);

        // ---- masking ----
        // Causal mask over n = 6: allowed pairs = lower triangle with diagonal, counted.
        e.put("mask-causal-allowed-count", (double) countCausal(6, true));
        // Blocked entries for n = 512: strictly upper triangle, counted.
        e.put("mask-causal-blocked-count", (double) countCausal(512, false));
        // Left-padded [PAD, PAD, a, b, c] with causal + key padding: rows with no visible key.
        e.put("mask-left-padding-nan-rows", (double) fullyMaskedRows(new boolean[] {true, true, false, false, false}));
        // Masked mean of [3, 5, 7, 9] (the two zeros are padding).
        e.put("mask-masked-mean", (3.0 + 5 + 7 + 9) / 4);
        // Packed lengths 3 and 5, block-diagonal causal: triangle(3) + triangle(5).
        e.put("mask-packing-allowed-pairs", (double) (countCausal(3, true) + countCausal(5, true)));
        // Real score entries / computed entries for lengths 10, 20, 30, 100 padded to 100.
        int[] lengths = {10, 20, 30, 100};
        double real = 0;
        for (int len : lengths) real += (double) len * len;
        e.put("mask-padding-waste", real / (lengths.length * 100.0 * 100.0));

        // ---- multi-head ----
        e.put("mha-head-dim", 768.0 / 12);
        // nn.MultiheadAttention(512, 8): in_proj [3d, d] + bias [3d] + out_proj [d, d] + bias [d].
        e.put("mha-params-default", mhaParams(512, true));
        // d = 1024, no biases: 4 d².
        e.put("mha-params-nobias", mhaParams(1024, false));
        // Concatenation width h · d_v = 16 · 64.
        e.put("mha-concat-dim", 16.0 * 64);
        // Attention weights [B, h, L, L] = [2, 8, 128, 128].
        e.put("mha-weights-elements", 2.0 * 8 * 128 * 128);
        // GQA: W_K and W_V map d_model = 4096 to kv_heads · head_dim = 8 · 128.
        e.put("mha-gqa-kv-params", 2.0 * 4096 * (8 * 128));
        // TransformerEncoderLayer(512, 8, 2048): MHA + linear1 + linear2 + 2 LayerNorms (weight + bias).
        e.put("mha-encoder-layer-params",
                mhaParams(512, true) + (512.0 * 2048 + 2048) + (2048.0 * 512 + 512) + 2 * (2 * 512.0));

        // ---- code-reading ----
        codeReading(e);
        return e;
    }

    static void codeReading(Map<String, Double> e) {
        // Seed C1 with L = 10, H = 8: attn_scores is [B, L, H, H], per example L · H · H.
        e.put("code-c1-weight-count", 10.0 * 8 * 8);
        // Seed C3 on 32x32 RGB: convs with k = 3, p = 1, s = 1 keep the size; flatten 64 · H · W.
        int side = convOut(convOut(32, 3, 1, 1), 3, 1, 1);
        e.put("code-c3-flatten-size", 64.0 * side * side);
        // Conv1d(k = 3, p = 1, s = 2) on 16 000 samples: floor((L + 2p - k) / s) + 1.
        e.put("code-c6-conv-length", (double) convOut(16000, 3, 1, 2));
        // Segmentation logits [B, K, H, W] for one 64x64 image, 21 classes.
        e.put("code-c7-output-size", 21.0 * 64 * 64);
        // Correct MHA, x [2, 5, 32], 4 heads: scores [B, h, L, L].
        e.put("code-mha-scores-elements", 2.0 * 4 * 5 * 5);
    }

    /** Output length of a convolution: floor((in + 2·padding - kernel) / stride) + 1. */
    static int convOut(int in, int kernel, int padding, int stride) {
        return Math.floorDiv(in + 2 * padding - kernel, stride) + 1;
    }

    // ---------------------------------------------------------------- helpers (formulas)

    interface Field {
        long of(int layers);
    }

    static int smallestLayers(long target, Field field) {
        int l = 0;
        while (field.of(l) < target) l++;
        return l;
    }

    /** Receptive field of causal convs of width k with dilations 1, 2, 4, ...: 1 + sum (k-1)·2^i. */
    static long dilatedField(int k, int layers) {
        long field = 1;
        for (int i = 0; i < layers; i++) field += (long) (k - 1) << i;
        return field;
    }

    static double[] softmax(double... s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) max = Math.max(max, v);
        double sum = 0;
        double[] p = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            p[i] = Math.exp(s[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < s.length; i++) p[i] /= sum;
        return p;
    }

    /** Counts (query, key) pairs with key <= query (allowed) or key > query (blocked). */
    static long countCausal(int n, boolean allowed) {
        long c = 0;
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < n; k++) {
                if ((k <= q) == allowed) c++;
            }
        }
        return c;
    }

    static int fullyMaskedRows(boolean[] isPad) {
        int rows = 0;
        for (int q = 0; q < isPad.length; q++) {
            boolean anyVisible = false;
            for (int k = 0; k <= q; k++) anyVisible |= !isPad[k];
            if (!anyVisible) rows++;
        }
        return rows;
    }

    static double mhaParams(long d, boolean bias) {
        return 4.0 * d * d + (bias ? 4.0 * d : 0);
    }

    // ---------------------------------------------------------------- tests

    static List<Question> coreQuestions(String lang) {
        return library.questions(lang).stream().filter(q -> CORE_BANKS.contains(q.bank())).toList();
    }

    @Test
    void the_core_banks_load_in_both_languages_without_diagnostics() {
        List<String> problems = library.diagnostics().stream()
                .filter(d -> d.pos() != null && d.pos().file() != null && isCoreName(d.pos().file()))
                .map(Diagnostic::toString)
                .toList();
        assertThat(problems).isEmpty();
        for (String lang : LANGS) {
            assertThat(library.banks().stream().filter(b -> b.lang().equals(lang)).map(Bank::id))
                    .as("core banks in %s", lang)
                    .containsAll(CORE_BANKS);
        }
    }

    static boolean isCoreName(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("10-") || name.startsWith("20-") || name.startsWith("30-")
                || name.startsWith("40-") || name.startsWith("90-");
    }

    @Test
    void every_numeric_question_of_the_core_banks_has_a_formula_here() {
        for (String lang : LANGS) {
            Set<String> numericIds = coreQuestions(lang).stream()
                    .filter(q -> q.type() == QuestionType.NUMERIC)
                    .map(Question::id)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(numericIds).as("numeric questions in %s", lang)
                    .containsExactlyInAnyOrderElementsOf(new TreeSet<>(expected().keySet()));
        }
    }

    @Test
    void every_numeric_answer_equals_its_formula_in_both_languages() {
        for (Map.Entry<String, Double> entry : expected().entrySet()) {
            String id = entry.getKey();
            double formula = entry.getValue();
            for (String lang : LANGS) {
                Question q = library.find(lang, id).orElseThrow(() -> new AssertionError(lang + " has no " + id));
                assertThat(q.answer()).as("%s %s", lang, id).isInstanceOf(Answer.Numeric.class);
                Answer.Numeric n = (Answer.Numeric) q.answer();
                assertThat(n.relative()).as("%s %s uses an absolute tolerance", lang, id).isFalse();
                if (n.tolerance() == 0) {
                    assertThat(n.value()).as("%s %s", lang, id).isEqualTo(formula);
                } else {
                    assertThat(n.value()).as("%s %s (rounded)", lang, id)
                            .isCloseTo(formula, within(n.tolerance() / 2));
                }
            }
        }
    }

    @Test
    void both_languages_use_the_same_tolerance_for_each_numeric_answer() {
        for (String id : expected().keySet()) {
            Answer.Numeric en = (Answer.Numeric) library.find("en", id).orElseThrow().answer();
            Answer.Numeric zh = (Answer.Numeric) library.find("zh", id).orElseThrow().answer();
            assertThat(zh.value()).as(id).isEqualTo(en.value());
            assertThat(zh.tolerance()).as(id).isEqualTo(en.tolerance());
        }
    }

    @Test
    void the_formulas_themselves_give_the_textbook_values() {
        // Guards the helpers: a broken helper would otherwise silently agree with a wrong bank value.
        assertThat(countCausal(4, true)).isEqualTo(10);
        assertThat(countCausal(4, false)).isEqualTo(6);
        assertThat(dilatedField(2, 3)).isEqualTo(8);
        assertThat(softmax(0, 0)[0]).isEqualTo(0.5);
        assertThat(fullyMaskedRows(new boolean[] {false, true})).isZero();
        assertThat(mhaParams(2, true)).isEqualTo(24);
        assertThat(convOut(5, 3, 0, 1)).isEqualTo(3);
        assertThat(convOut(16001, 3, 1, 2)).isEqualTo(8001);
    }
}
