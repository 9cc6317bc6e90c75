package dojo.banks;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import dojo.questions.QuestionType;
import dojo.quiz.AnswerCheck;
import dojo.quiz.Presented;
import dojo.quiz.Scoring;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every short-answer question of the built-in banks, in both languages: answers a learner would write that
 * must be accepted (including the "中文（English）" form and the other language's term), and near misses
 * that must not be.
 */
class ShortAnswerAcceptanceTest {
    static QuestionLibrary library;

    @BeforeAll
    static void load() {
        library = QuestionLibrary.load(List.of(Path.of("questions")));
    }

    record Case(String id, List<String> pass, List<String> fail) {}

    static Case c(String id, List<String> pass, List<String> fail) {
        return new Case(id, pass, fail);
    }

    /** Per language: the id, answers that must pass, answers that must fail. */
    static final Map<String, List<Case>> CASES = Map.of(
            "en", List.of(
                    c("fund-cross-attention-name", List.of("cross-attention", "Cross Attention", "encoder-decoder attention",
                            "encoder–decoder cross attention", "cross-attention layer"),
                            List.of("attention", "self-attention", "masked self-attention", "multi-head attention")),
                    c("sdpa-additive-name", List.of("additive attention", "Bahdanau attention", "Additive", "concat attention"),
                            List.of("dot-product attention", "multiplicative attention", "Luong attention")),
                    c("mask-causal-name", List.of("causal mask", "look-ahead mask", "Look ahead mask", "subsequent mask",
                            "causal attention mask", "upper triangular mask"),
                            List.of("padding mask", "key padding mask", "attention mask", "mask")),
                    c("mha-add-norm-short", List.of("residual connection", "Residual connections", "skip connection",
                            "shortcut", "identity shortcut"),
                            List.of("layer normalization", "dropout", "identity", "normalization")),
                    c("pos-equivariance-name", List.of("permutation equivariance", "permutation-equivariant",
                            "Permutation Equivariant"),
                            List.of("permutation invariance", "translation equivariance", "equivariance")),
                    c("eff-flash-sram", List.of("SRAM", "on-chip SRAM", "shared memory", "on-chip memory", "SMEM"),
                            List.of("HBM", "DRAM", "memory", "global memory", "registers")),
                    c("eff-tensor-parallel-name", List.of("tensor parallelism", "Tensor Parallel", "TP",
                            "intra-layer model parallelism", "tensor parallelism (TP)"),
                            List.of("pipeline parallelism", "data parallelism", "model parallelism", "sequence parallelism")),
                    c("arch-prefill-name", List.of("prefill", "Prefill phase", "pre-fill", "the prefill stage"),
                            List.of("decode", "decoding phase", "prompt", "generation")),
                    c("train-label-smoothing-name", List.of("label smoothing", "Label-smoothing",
                            "label smoothing regularization"),
                            List.of("knowledge distillation", "soft labels", "smoothing", "temperature scaling")),
                    c("app-detr-matching", List.of("Hungarian algorithm", "Hungarian matching", "the Hungarian method",
                            "Hungarian matching algorithm", "bipartite matching", "Kuhn-Munkres"),
                            List.of("greedy matching", "non-maximum suppression", "NMS", "matching")),
                    c("code-c1-scores-shape", List.of("[2, 10, 8, 8]", "(2, 10, 8, 8)", "torch.Size([2, 10, 8, 8])",
                            "2x10x8x8", "2 × 10 × 8 × 8", "2,10,8,8"),
                            List.of("[2, 108, 8]", "[21088]", "[2, 10, 8]", "[2, 8, 10, 8]", "[2, 10, 8, 8, 1]")),
                    c("code-mha-ctx-shape", List.of("[2, 5, 32]", "(2,5,32)", "torch.Size([2, 5, 32])", "2x5x32"),
                            List.of("[2, 532]", "[25, 32]", "[2, 5, 4, 8]", "[2, 4, 5, 8]", "[2, 32, 5]")),
                    // issue 15 banks (review 1): moe, speculative decoding, serving, modern blocks, objectives, interpretability
                    c("moe-all-to-all", List.of("all-to-all", "All to All", "alltoall", "an all-to-all collective",
                            "all-to-all communication"),
                            List.of("all-reduce", "all-gather", "broadcast", "reduce-scatter")),
                    c("spec-memory-bound", List.of("memory bandwidth", "memory-bound", "HBM bandwidth",
                            "memory bandwidth bound", "reading the weights"),
                            List.of("compute", "FLOPs", "latency", "arithmetic")),
                    c("serve-radix-tree", List.of("radix tree", "a radix tree", "prefix tree", "trie", "compressed trie"),
                            List.of("hash table", "B-tree", "linked list", "heap")),
                    c("blk-silu-name", List.of("SiLU", "swish", "Swish-1", "sigmoid linear unit"),
                            List.of("GELU", "sigmoid", "ReLU", "SwiGLU", "GLU")),
                    c("pt-ul2-mod", List.of("mixture of denoisers", "Mixture-of-Denoisers", "MoD", "a mixture of denoisers"),
                            List.of("mixture of experts", "denoising", "span corruption", "MoE")),
                    c("interp-rollout-residual", List.of("residual connection", "skip connections", "the residual stream",
                            "residual"),
                            List.of("layer norm", "feed-forward network", "identity", "attention")),
                    // short questions of the other issue-15 banks, so that every short question has its cases
                    c("sink-name", List.of("attention sink", "attention sinks", "Attention Sink tokens", "sink tokens"),
                            List.of("attention mask", "register tokens", "start token", "attention heads")),
                    c("kvr-h2o", List.of("heavy hitters", "heavy-hitter tokens", "Heavy Hitters", "the heavy hitters"),
                            List.of("recent tokens", "attention sinks", "outliers", "pivotal tokens")),
                    c("lc-ruler-effective", List.of("effective context length", "effective length",
                            "the effective context window", "effective context"),
                            List.of("context length", "claimed context length", "maximum length", "context window")),
                    c("tok-unigram", List.of("unigram", "Unigram LM", "unigram language model", "the unigram tokenizer"),
                            List.of("BPE", "WordPiece", "bigram", "SentencePiece")),
                    c("alt-retnet-chunkwise", List.of("chunkwise recurrent", "chunk-wise", "chunkwise recurrent representation",
                            "chunkwise"),
                            List.of("recurrent", "parallel", "blockwise parallel", "sliding window"))),
            "zh", List.of(
                    c("fund-cross-attention-name", List.of("交叉注意力", "交叉注意力机制", "编码器-解码器注意力",
                            "交叉注意力（cross-attention）", "cross attention", "编解码器注意力"),
                            List.of("注意力", "自注意力", "多头注意力", "掩码自注意力")),
                    c("sdpa-additive-name", List.of("加性注意力", "加法注意力", "Bahdanau 注意力", "加性注意力（additive attention）",
                            "additive attention"),
                            List.of("点积注意力", "乘性注意力", "缩放点积注意力")),
                    c("mask-causal-name", List.of("因果掩码", "sequence mask", "序列掩码", "前瞻掩码", "上三角掩码",
                            "因果掩码（causal mask）", "causal mask", "因果注意力掩码"),
                            List.of("填充掩码", "padding mask", "注意力掩码", "掩码")),
                    c("mha-add-norm-short", List.of("残差连接", "残差连接（residual connection）", "跳跃连接", "skip connection",
                            "残差结构"),
                            List.of("层归一化", "归一化", "dropout", "前馈网络")),
                    c("pos-equivariance-name", List.of("置换等变性", "置换等变", "排列等变性", "置换同变性",
                            "置换等变性（permutation equivariance）", "permutation equivariance"),
                            List.of("置换不变性", "平移等变性", "等变性", "permutation invariance")),
                    c("eff-flash-sram", List.of("SRAM", "片上内存", "片上 SRAM", "共享内存", "片上存储", "共享内存（SRAM）",
                            "shared memory"),
                            List.of("HBM", "显存", "内存", "全局内存", "寄存器")),
                    c("eff-tensor-parallel-name", List.of("张量并行", "张量并行（TP）", "TP", "张量模型并行", "层内模型并行",
                            "tensor parallelism"),
                            List.of("流水线并行", "数据并行", "模型并行", "序列并行")),
                    c("arch-prefill-name", List.of("Prefill 阶段", "prefill", "预填充", "预填充阶段", "预填充（prefill）",
                            "prefill阶段"),
                            List.of("解码阶段", "decode", "生成阶段", "编码")),
                    c("train-label-smoothing-name", List.of("标签平滑", "标签平滑化", "标签平滑正则化", "label smoothing",
                            "标签平滑（label smoothing）"),
                            List.of("知识蒸馏", "软标签", "平滑", "温度缩放")),
                    c("app-detr-matching", List.of("匈牙利算法", "匈牙利匹配算法", "匈牙利匹配", "二分图匹配",
                            "匈牙利算法（Hungarian algorithm）", "Hungarian algorithm"),
                            List.of("贪心匹配", "非极大值抑制", "NMS", "匹配")),
                    c("code-c1-scores-shape", List.of("[2, 10, 8, 8]", "（2，10，8，8）", "torch.Size([2, 10, 8, 8])", "2×10×8×8"),
                            List.of("[2, 108, 8]", "[21088]", "[2, 10, 8]", "[2, 8, 10, 8]")),
                    c("code-mha-ctx-shape", List.of("[2, 5, 32]", "（2, 5, 32）", "torch.Size([2, 5, 32])"),
                            List.of("[2, 532]", "[25, 32]", "[2, 5, 4, 8]", "[2, 32, 5]")),
                    c("moe-all-to-all", List.of("all-to-all", "全对全", "全交换通信", "all-to-all 通信", "全对全（all-to-all）"),
                            List.of("all-reduce", "全规约", "all-gather", "广播")),
                    c("spec-memory-bound", List.of("显存带宽", "访存", "内存带宽", "memory bandwidth", "显存带宽受限", "读取权重",
                            "显存带宽（memory bandwidth）"),
                            List.of("算力", "计算", "FLOPs", "延迟")),
                    c("serve-radix-tree", List.of("基数树", "radix tree", "前缀树", "基数树（radix tree）", "trie"),
                            List.of("哈希表", "B 树", "链表", "堆")),
                    c("blk-silu-name", List.of("SiLU", "Swish", "SiLU 激活函数", "swish函数"),
                            List.of("GELU", "sigmoid", "ReLU", "SwiGLU")),
                    c("pt-ul2-mod", List.of("混合去噪器", "去噪器混合", "Mixture of Denoisers", "MoD", "混合去噪器（MoD）"),
                            List.of("混合专家", "去噪", "片段破坏", "MoE")),
                    c("interp-rollout-residual", List.of("残差连接", "残差", "跳跃连接", "残差流", "residual connection"),
                            List.of("层归一化", "前馈网络", "单位矩阵", "注意力")),
                    c("sink-name", List.of("注意力汇聚", "注意力汇点", "attention sink", "注意力汇聚（attention sink）"),
                            List.of("注意力掩码", "寄存器 token", "起始 token", "注意力头")),
                    c("kvr-h2o", List.of("heavy hitters", "重击者", "heavy hitter", "重击者（heavy hitters）"),
                            List.of("最近 token", "注意力汇聚", "离群值", "关键 token")),
                    c("lc-ruler-effective", List.of("有效上下文长度", "有效长度", "effective context length",
                            "有效上下文长度（effective context length）"),
                            List.of("上下文长度", "宣称的上下文长度", "最大长度", "上下文窗口")),
                    c("tok-unigram", List.of("unigram", "Unigram 语言模型", "一元语言模型", "unigram language model"),
                            List.of("BPE", "WordPiece", "二元语言模型", "SentencePiece")),
                    c("alt-retnet-chunkwise", List.of("分块递推", "分块循环", "chunkwise recurrent", "分块递推形式"),
                            List.of("递推", "并行", "分块并行", "滑动窗口"))));

    static Stream<Arguments> cases() {
        return CASES.entrySet().stream().flatMap(e -> e.getValue().stream().map(c -> Arguments.of(e.getKey(), c.id(), c)));
    }

    static boolean accepted(Question q, String answer) {
        AnswerCheck check = Scoring.check(new Presented(q, List.of()), answer);
        return check instanceof AnswerCheck.Scored s && s.correct();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void commonCorrectAnswersPassAndNearMissesFail(String lang, String id, Case c) {
        Question q = library.find(lang, id).orElseThrow(() -> new AssertionError("no question " + lang + "/" + id));
        assertThat(q.type()).isEqualTo(QuestionType.SHORT);
        assertThat(c.pass()).as("must pass").allSatisfy(a -> assertThat(accepted(q, a)).as(a).isTrue());
        assertThat(c.fail()).as("must fail").allSatisfy(a -> assertThat(accepted(q, a)).as(a).isFalse());
    }

    @Test
    void everyShortAnswerQuestionOfTheBanksHasItsCasesInBothLanguages() {
        for (String lang : List.of("en", "zh")) {
            List<String> ids = library.questions(lang).stream().filter(q -> q.type() == QuestionType.SHORT)
                    .map(Question::id).toList();
            assertThat(CASES.get(lang).stream().map(Case::id).toList()).as(lang).containsExactlyInAnyOrderElementsOf(ids);
        }
    }
}
