package dojo.questions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import com.google.re2j.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The all-types fixture parses into the expected records, field by field")
class AllTypesFixtureTest {
    static final Path EN = Path.of("src/test/resources/banks/valid/en/all-types.md");
    static final Path ZH = Path.of("src/test/resources/banks/valid/zh/all-types.md");

    static Bank en;
    static Bank zh;

    @BeforeAll
    static void parse() {
        BankParser parser = new BankParser();
        ParsedBank pe = parser.parse(EN);
        ParsedBank pz = parser.parse(ZH);
        assertThat(pe.diagnostics()).isEmpty();
        assertThat(pz.diagnostics()).isEmpty();
        en = pe.bank().orElseThrow();
        zh = pz.bank().orElseThrow();
    }

    static Question q(Bank b, int i) {
        return b.questions().get(i);
    }

    @Nested
    @DisplayName("English")
    class English {
        @Test
        void the_bank_header_comes_from_the_front_matter() {
            assertThat(en.id()).isEqualTo("all-types");
            assertThat(en.title()).isEqualTo("Every question type");
            assertThat(en.lang()).isEqualTo("en");
            assertThat(en.file()).isEqualTo(EN);
            assertThat(en.questions()).extracting(Question::type).containsExactly(
                    QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE, QuestionType.SHORT,
                    QuestionType.NUMERIC, QuestionType.ORDERING, QuestionType.OPEN);
        }

        @Test
        void single_choice_keeps_its_code_block_byte_for_byte_and_keys_choices_a_b_c() {
            Question s = q(en, 0);
            assertThat(s.id()).isEqualTo("demo-single-softmax-axis");
            assertThat(s.bank()).isEqualTo("all-types");
            assertThat(s.lang()).isEqualTo("en");
            assertThat(s.title()).isEqualTo("What does softmax normalise over in attention?");
            assertThat(s.difficulty()).isEqualTo(1);
            assertThat(s.tags()).containsExactly("softmax", "attention");
            assertThat(s.seedSource()).contains("seed-Q2");
            assertThat(s.prompt()).isEqualTo("""
                    For one query row of the score matrix `S = QKᵀ/√d_k`, which axis does this
                    PyTorch line normalise over?

                    ```python
                    weights = torch.softmax(scores, dim=-1)  # scores: (batch, n_q, n_k)
                    ```""");
            assertThat(s.choices()).containsExactly(
                    new Choice("a", "the queries (down each column)", false),
                    new Choice("b", "the keys (along each row)", true),
                    new Choice("c", "the heads", false));
            assertThat(s.answer()).isEqualTo(new Answer.Choices(Set.of("b")));
            assertThat(s.explanation()).isEqualTo("""
                    Each query gets a probability distribution over the **keys**: row `i` of the
                    weights sums to 1, and output `i` is the weighted average of the rows of `V`.""");
            assertThat(s.hints()).containsExactly(
                    "Which index does the weighted sum over `V` run over?",
                    "`dim=-1` is the last axis of `scores`, and that axis indexes keys.");
            assertThat(s.references()).containsExactly("Vaswani et al. 2017, *Attention Is All You Need*, §3.2.1");
            assertThat(s.pos()).isEqualTo(new SourcePos(EN, 12, 1));
        }

        @Test
        void multiple_choice_has_an_empty_prompt_and_two_correct_keys() {
            Question m = q(en, 1);
            assertThat(m.id()).isEqualTo("demo-multiple-scaling");
            assertThat(m.type()).isEqualTo(QuestionType.MULTIPLE);
            assertThat(m.difficulty()).isEqualTo(2);
            assertThat(m.tags()).containsExactly("scaling", "softmax");
            assertThat(m.seedSource()).isEmpty();
            assertThat(m.prompt()).isEmpty();
            assertThat(m.choices()).extracting(Choice::key).containsExactly("a", "b", "c", "d");
            assertThat(m.choices().get(0).markdown())
                    .isEqualTo("Without it, the variance of a dot product grows linearly with `d_k`.");
            assertThat(m.answer()).isEqualTo(new Answer.Choices(Set.of("a", "c")));
            assertThat(m.hints()).containsExactly("Compute the variance of a sum of `d_k` independent products.");
            assertThat(m.references()).isEmpty();
            assertThat(m.explanation()).startsWith("If the components of `q` and `k`")
                    .endsWith("Softmax sums to 1 with or without scaling.");
        }

        @Test
        void true_false_reads_its_answer_paragraph() {
            Question t = q(en, 2);
            assertThat(t.id()).isEqualTo("demo-truefalse-heads-params");
            assertThat(t.title()).isEqualTo("Multi-head attention with h heads has h times the parameters of single-head"
                    + " attention with the same d_model.");
            assertThat(t.prompt()).isEmpty();
            assertThat(t.choices()).isEmpty();
            assertThat(t.answer()).isEqualTo(new Answer.TrueFalse(false));
            assertThat(t.hints()).isEmpty();
        }

        @Test
        void short_answer_keeps_literal_answers_and_compiles_the_regex() {
            Question s = q(en, 3);
            assertThat(s.prompt()).isEqualTo("Name the mask, as in `key_padding_mask` of `torch.nn.MultiheadAttention`.");
            Answer.Short a = (Answer.Short) s.answer();
            assertThat(a.accepted()).containsExactly("key padding mask", "padding mask");
            assertThat(a.patterns()).extracting(Pattern::pattern).containsExactly("(key )?padding mask(ing)?");
            assertThat(a.patterns().get(0).matcher("key padding masking").matches()).isTrue();
            assertThat(a.patterns().get(0).matcher("causal mask").matches()).isFalse();
        }

        @Test
        void numeric_answer_has_value_tolerance_and_unit() {
            Question n = q(en, 4);
            assertThat(n.seedSource()).contains("seed-Q6");
            assertThat(n.answer()).isEqualTo(new Answer.Numeric(2359296, 0, false, "parameters"));
            assertThat(n.hints()).containsExactly("How big is each projection matrix?", "`4 × d_model²`.");
        }

        @Test
        void ordering_lists_items_in_their_correct_order() {
            Question o = q(en, 5);
            assertThat(o.answer()).isEqualTo(new Answer.Ordering(List.of(
                    "Compute the scores `Q Kᵀ`",
                    "Divide by `√d_k`",
                    "Add the mask (`-inf` where masked)",
                    "Softmax over the keys",
                    "Multiply by `V`")));
        }

        @Test
        void open_question_has_model_answer_key_points_and_a_code_prompt() {
            Question o = q(en, 6);
            assertThat(o.id()).isEqualTo("demo-open-heads-axis");
            assertThat(o.difficulty()).isEqualTo(3);
            assertThat(o.tags()).containsExactly("multi-head", "spot-the-bug");
            assertThat(o.seedSource()).contains("seed-C1");
            assertThat(o.prompt()).contains("```python\nq = self.q(x).view(batch, -1, self.heads, self.d_head)   # (B, n, h, d)\n"
                    + "scores = q @ k.transpose(-2, -1)                         # (B, n, h, h)\n```");
            Answer.Open a = (Answer.Open) o.answer();
            assertThat(a.modelAnswer()).startsWith("The heads axis was never moved")
                    .endsWith("the\nscores must be `(B, h, n, n)`.");
            assertThat(a.keyPoints()).containsExactly(
                    "The score shape `(B, n, h, h)` gives it away: it must be `(B, h, n, n)`.",
                    "Fix: `view(B, n, h, d).transpose(1, 2)` before `q @ kᵀ`.",
                    "Transpose back and `reshape(B, n, h·d)` after multiplying by `V`.");
            assertThat(o.references()).containsExactly(
                    "Vaswani et al. 2017, *Attention Is All You Need*, §3.2.2",
                    "PyTorch docs, `torch.nn.MultiheadAttention`");
            assertThat(o.hints()).hasSize(2);
        }
    }

    @Nested
    @DisplayName("Chinese")
    class Chinese {
        @Test
        void the_bank_has_the_same_ids_types_and_answers_as_english() {
            assertThat(zh.id()).isEqualTo("all-types");
            assertThat(zh.title()).isEqualTo("所有题型");
            assertThat(zh.lang()).isEqualTo("zh");
            assertThat(zh.questions()).extracting(Question::id)
                    .containsExactlyElementsOf(en.questions().stream().map(Question::id).toList());
            assertThat(zh.questions()).extracting(Question::type)
                    .containsExactlyElementsOf(en.questions().stream().map(Question::type).toList());
            for (int i : new int[] {0, 1, 2}) {
                assertThat(q(zh, i).answer()).as(q(zh, i).id()).isEqualTo(q(en, i).answer());
            }
            assertThat(((Answer.Numeric) q(zh, 4).answer()).value()).isEqualTo(((Answer.Numeric) q(en, 4).answer()).value());
        }

        @Test
        void chinese_section_names_and_true_false_words_are_understood() {
            Question s = q(zh, 0);
            assertThat(s.title()).isEqualTo("注意力中的 softmax 是在哪个维度上归一化的？");
            assertThat(s.choices()).extracting(Choice::markdown).containsExactly("查询（沿每一列）", "键（沿每一行）", "注意力头");
            assertThat(s.explanation()).startsWith("每个查询得到一个关于所有**键**的概率分布");
            assertThat(s.hints()).hasSize(2);
            assertThat(s.references()).containsExactly("Vaswani 等，2017，*Attention Is All You Need*，§3.2.1");
            assertThat(q(zh, 2).answer()).isEqualTo(new Answer.TrueFalse(false));
        }

        @Test
        void short_numeric_ordering_and_open_answers_are_read() {
            Answer.Short s = (Answer.Short) q(zh, 3).answer();
            assertThat(s.accepted()).containsExactly("键填充掩码", "填充掩码", "padding mask");
            assertThat(s.patterns()).hasSize(1);
            assertThat(q(zh, 4).answer()).isEqualTo(new Answer.Numeric(2359296, 0, false, "个参数"));
            assertThat(((Answer.Ordering) q(zh, 5).answer()).items()).hasSize(5).first().isEqualTo("计算注意力分数 `Q Kᵀ`");
            Answer.Open o = (Answer.Open) q(zh, 6).answer();
            assertThat(o.modelAnswer()).startsWith("头的维度没有移到序列维度之前");
            assertThat(o.keyPoints()).hasSize(3);
            assertThat(q(zh, 6).seedSource()).isEqualTo(Optional.of("seed-C1"));
        }
    }
}
