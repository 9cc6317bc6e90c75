package dojo.banks;

import static dojo.banks.BankNumbers.decimals;
import static dojo.banks.BankNumbers.exact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dojo.banks.BankNumbers.Expected;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import java.nio.charset.StandardCharsets;
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
 * Every numeric answer of the banks added for issue 15's further topics (attention sinks and sliding
 * windows, KV-cache reduction, long context, tokenisation, alternatives to attention, pre-training objectives,
 * interpretability) is recomputed here
 * from its formula, in both languages.
 * An exact answer (tolerance 0) must equal its formula; a rounded one must equal the formula rounded
 * half-up to the number of decimals the prompt asks for, with a tolerance of at least half a unit of the
 * last decimal, so the exact value is accepted too. A numeric question added to these banks without a
 * formula here makes the coverage test fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Numeric answers of the further topic banks (sinks and windows, KV cache, long context, tokenisation, alternatives, pre-training objectives, interpretability)")
class MoreTopicsNumbersTest {

    private static final Set<String> BANKS = Set.of("sinks-sliding-window", "kv-cache-reduction", "long-context", "tokenisation", "alternatives",
            "pretraining-objectives", "interpretability");
    private static final Set<String> FILES = Set.of("95-sinks-sliding-window.md", "96-kv-cache-reduction.md",
            "97-long-context.md", "98-tokenisation.md",
            "99-alternatives.md", "86-pretraining-objectives.md",
            "87-interpretability.md");

    /** The sentence tok-cjk-bytes quotes: 15 CJK characters, 3 UTF-8 bytes each. */
    static final String CJK_SENTENCE = "分词器决定了模型看到的序列长度";

    private QuestionLibrary library;

    @BeforeAll
    void load() {
        library = BankNumbers.load();
    }

    private static Map<String, Expected> formulas() {
        Map<String, Expected> f = new LinkedHashMap<>();

        // ---- 95-sinks-sliding-window ----
        // Mistral 7B, section 2: the last of 32 layers with window W = 4096 spans layers * W tokens.
        f.put("swa-receptive-field", exact(receptiveField(32, 4096)));
        // Rolling buffer: position i goes to slot i mod W.
        f.put("swa-rolling-slot", exact(rollingSlot(10000, 4096)));
        // 5 local layers (window 1024) per global layer, context 32768, versus all global.
        f.put("swa-interleaved-cache", decimals(
                interleavedCacheFraction(5, 1, 1024, 32768), 3));

        // ---- 96-kv-cache-reduction (DeepSeek-V2, section 2.1) ----
        // MLA caches d_c + d_h^R elements per token and layer: (512 + 64) * 60 layers * 2 bytes.
        f.put("kvr-mla-bytes", exact(mlaBytesPerToken(60, 512, 64, 2)));
        // GQA groups with the same cache: 2 n_g d_h = d_c + d_h^R.
        f.put("kvr-mla-groups", decimals((512.0 + 64) / (2.0 * 128), 2));
        // int4 with an fp16 scale and an fp16 zero-point per group of 32, against 16-bit elements.
        f.put("kvr-quant-ratio", decimals(16.0 / quantisedBitsPerElement(4, 32, 16, 16), 1));

        // ---- 97-long-context ----
        // Contiguous causal split on 4 devices: busiest / least busy, in chunk-pairs (full 1, diagonal 1/2).
        f.put("lc-cp-imbalance", exact(max(contiguousWork(4)) / min(contiguousWork(4))));
        // Zigzag split: 8 chunks, device d takes chunks d and 7 - d; every device does the same work.
        f.put("lc-cp-zigzag", exact(zigzagWorkPerDevice(4)));

        // ---- 98-tokenisation ----
        // GPT-2: 256 byte tokens + 50000 merges + <|endoftext|>.
        f.put("tok-gpt2-vocab", exact(256 + 50000 + 1));
        // Byte fallback: one token per UTF-8 byte of the sentence quoted in the prompt.
        f.put("tok-cjk-bytes", exact(CJK_SENTENCE.getBytes(StandardCharsets.UTF_8).length));
        // Untied input embedding and output layer, V x d each.
        f.put("tok-embedding-params", exact(2.0 * 128256 * 4096));
        // Score entries grow with the square of the sequence length ratio.
        f.put("tok-attention-cost", decimals(Math.pow(1.95 / 1.3, 2), 2));

        // ---- 99-alternatives ----
        // Mamba SSM state: layers * d_inner * N, d_inner = expand * d_model.
        f.put("alt-mamba-state", exact(mambaStateElements(64, 2560, 2, 16)));
        // Tokens after which an MHA cache (2 * layers * d_model per token) holds as many elements.
        f.put("alt-mamba-crossover", exact(
                mambaStateElements(64, 2560, 2, 16) / (2.0 * 32 * 2560)));
        // Softmax 2 L^2 d against FAVOR+ 2 L m d multiply-adds.
        f.put("alt-performer-cost", exact(
                (2.0 * 16384 * 16384 * 64) / (2.0 * 16384 * 256 * 64)));

        // ---- 86-pretraining-objectives ----
        // ELECTRA: all positions against BERT's 15 % masked positions.
        f.put("pt-electra-signal", decimals(1 / 0.15, 2));
        // RoBERTa, static masking: 40 epochs over 10 differently masked copies.
        f.put("pt-roberta-static-mask", exact(40.0 / 10));
        // Prefix-LM mask, 8 tokens with a prefix of 3: allowed (query, key) pairs, counted on the mask.
        f.put("pt-prefix-lm-pairs", exact(prefixLmAllowedPairs(8, 3)));
        // Span corruption: 500 tokens, 15 % in spans of 3, one sentinel per span.
        f.put("pt-span-corruption-length", exact(corruptedInputLength(500, 0.15, 3)));

        // ---- 87-interpretability ----
        // Olsson et al.: loss on the 500th token minus loss on the 50th.
        f.put("interp-icl-score", decimals(3.45 - 3.85, 2));
        // Attention rollout (Abnar & Zuidema): A' = 0.5 A + 0.5 I per layer, rolled out as A2' A1'; row of token 2, column of token 1.
        f.put("interp-rollout", decimals(rollout(
                new double[][] {{1, 0}, {0.5, 0.5}}, new double[][] {{1, 0}, {0.2, 0.8}})[1][0], 3));

        return f;
    }

    // ---- helpers that implement the formulas ----

    /** Theoretical span of a stack of sliding-window layers, counted by simulating the reach layer by layer. */
    static double receptiveField(int layers, long window) {
        long reach = 0;
        for (int layer = 0; layer < layers; layer++) reach += window;
        assertThat(reach).isEqualTo(layers * window);
        return reach;
    }

    /** Slot of position i in a rolling buffer of W slots, checked by filling the buffer position by position. */
    static double rollingSlot(long position, int window) {
        int slot = 0;
        for (long i = 0; i < position; i++) slot = (slot + 1) % window;
        assertThat((long) slot).isEqualTo(position % window);
        return slot;
    }

    /** KV entries of a local/global pattern relative to all-global layers at a given context. */
    static double interleavedCacheFraction(int local, int global, long window, long context) {
        double pattern = local * (double) Math.min(window, context) + global * (double) context;
        return pattern / ((local + global) * (double) context);
    }

    static double mlaBytesPerToken(long layers, long latent, long ropeKey, long bytesPerElem) {
        return (double) (latent + ropeKey) * layers * bytesPerElem;
    }

    /** Bits per element of a grouped quantisation: payload bits plus the group's scale and zero-point spread over it. */
    static double quantisedBitsPerElement(int bits, int groupSize, int scaleBits, int zeroBits) {
        return bits + (double) (scaleBits + zeroBits) / groupSize;
    }

    /** Work of causal query chunk c (from 0) out of n chunks: the visible chunk-pairs, the diagonal one counting 1/2. */
    static double chunkWork(int c, int chunks) {
        double work = 0;
        for (int k = 0; k < chunks; k++) {
            if (k < c) work += 1;
            else if (k == c) work += 0.5;
        }
        return work;
    }

    static double[] contiguousWork(int devices) {
        double[] work = new double[devices];
        for (int d = 0; d < devices; d++) work[d] = chunkWork(d, devices);
        return work;
    }

    /** Zigzag: 2N chunks, device d holds chunks d and 2N - 1 - d; asserts the split is balanced and returns the work. */
    static double zigzagWorkPerDevice(int devices) {
        int chunks = 2 * devices;
        double[] work = new double[devices];
        for (int d = 0; d < devices; d++) work[d] = chunkWork(d, chunks) + chunkWork(chunks - 1 - d, chunks);
        assertThat(max(work)).isEqualTo(min(work));
        double total = 0;
        for (int c = 0; c < chunks; c++) total += chunkWork(c, chunks);
        assertThat(work[0] * devices).isEqualTo(total);
        return work[0];
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }

    static double mambaStateElements(long layers, long dModel, long expand, long stateSize) {
        return (double) layers * expand * dModel * stateSize;
    }

    /** Counts the allowed entries of a prefix-LM mask: key j visible to query i if j is in the prefix or j <= i. */
    static double prefixLmAllowedPairs(int n, int prefix) {
        int allowed = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j < prefix || j <= i) allowed++;
            }
        }
        return allowed;
    }

    static double corruptedInputLength(int tokens, double rate, int meanSpan) {
        long corrupted = Math.round(tokens * rate);
        assertThat(corrupted % meanSpan).as("whole spans").isZero();
        return tokens - corrupted + corrupted / meanSpan;
    }

    /** Attention rollout over layers given first to last: multiply (0.5 A + 0.5 I) matrices, later layers on the left. */
    static double[][] rollout(double[][]... layers) {
        int n = layers[0].length;
        double[][] acc = identity(n);
        for (double[][] a : layers) {
            double[][] withResidual = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) withResidual[i][j] = 0.5 * a[i][j] + (i == j ? 0.5 : 0);
            }
            acc = multiply(withResidual, acc);
        }
        for (double[] row : acc) {
            double sum = 0;
            for (double v : row) sum += v;
            assertThat(sum).isCloseTo(1.0, within(1e-12));
        }
        return acc;
    }

    static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) m[i][i] = 1;
        return m;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) c[i][j] += a[i][k] * b[k][j];
            }
        }
        return c;
    }

    // ---- tests ----

    @TestFactory
    @DisplayName("each numeric answer equals its formula (rounded as the prompt asks), in English and in Chinese")
    Stream<DynamicTest> each_numeric_answer_equals_its_formula() {
        return BankNumbers.eachAnswerEqualsItsFormula(library, formulas());
    }

    @Test
    void the_sentence_counted_in_bytes_is_the_one_both_prompts_quote() {
        assertThat(CJK_SENTENCE.codePointCount(0, CJK_SENTENCE.length())).isEqualTo(15);
        for (String lang : BankNumbers.LANGS) {
            Question q = library.find(lang, "tok-cjk-bytes").orElseThrow();
            assertThat(q.prompt()).as(lang).contains(CJK_SENTENCE);
        }
    }

    @Test
    void every_numeric_question_of_the_further_topic_banks_has_a_formula_here() {
        BankNumbers.assertEveryNumericQuestionHasAFormula(library, BANKS, formulas().keySet());
    }

    @Test
    void the_further_topic_banks_load_without_errors_or_warnings() {
        BankNumbers.assertLoadWithoutErrorsOrWarnings(library, FILES::contains);
    }

    @Test
    void english_and_chinese_numeric_answers_have_the_same_value_and_tolerance() {
        BankNumbers.assertSameValueAndToleranceInBothLanguages(library, formulas().keySet());
    }
}
