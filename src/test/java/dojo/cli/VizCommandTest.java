package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.io.DType;
import dojo.models.Experiment;
import dojo.models.TextClassifierExperiment;
import dojo.nn.StateDicts;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VizCommandTest {

    private final StringWriter out = new StringWriter(), err = new StringWriter();
    @TempDir Path dir;
    private Path ckpt;

    @BeforeEach
    void untrainedCheckpoint() throws Exception {
        ckpt = dir.resolve("model.safetensors");
        StateDicts.write(dojo.models.SolutionModels.textClassifier(TextClassifierExperiment.referenceConfig(), 3L).stateDict(), ckpt, DType.F32, Map.of("format", "pt"));
    }

    private int run(String... args) {
        return Dojo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private void assertOneErrorLine(String... parts) {
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("dojo: error: ").contains(parts).doesNotContain("Exception");
    }

    @Test
    void anUnknownModelIsOneErrorLineWithExitTwo() {
        assertThat(run("viz", "speech-thing")).isEqualTo(2);
        assertOneErrorLine("unknown model 'speech-thing'; models: text-classifier");
    }

    @Test
    void aMissingCheckpointNamesTheTrainCommandToRunFirst() {
        assertThat(run("viz", "text-classifier", "--checkpoint", dir.resolve("none/model.safetensors").toString())).isEqualTo(2);
        assertOneErrorLine("no checkpoint; train one first with: ./dojo train text-classifier --out ");
    }

    @Test
    void aTokenOutsideTheVocabularyIsOneErrorLineNamingIt() {
        assertThat(run("viz", "text-classifier", "--checkpoint", ckpt.toString(), "--input", "3 7 <b> 3")).isEqualTo(2);
        assertOneErrorLine("--input token 3 '<b>' is not a token id 1..16");
    }

    @Test
    void tooManyTokensIsOneErrorLine() {
        assertThat(run("viz", "text-classifier", "--checkpoint", ckpt.toString(), "--input", "1 2 3 4 5 6 7 8 9 10 11 12 13")).isEqualTo(2);
        assertOneErrorLine("--input has 13 tokens; the model takes at most 12");
    }

    @Test
    void anExampleOutOfRangeIsOneErrorLine() {
        assertThat(run("viz", "text-classifier", "--checkpoint", ckpt.toString(), "--example", "2000")).isEqualTo(2);
        assertOneErrorLine("--example 2000 is out of range; the test split has examples 0..1999");
    }

    @Test
    void aLayerOrHeadThatDoesNotExistIsOneErrorLine() {
        assertThat(run("viz", "text-classifier", "--checkpoint", ckpt.toString(), "--head", "4")).isEqualTo(2);
        assertOneErrorLine("--head 4 does not exist; the model has heads 0..3");
    }

    @Test
    void aCheckpointOfAnotherModelIsOneErrorLine() throws Exception {
        Path base = dir.resolve("baseline.safetensors");
        StateDicts.write(new TextClassifierExperiment().buildBaseline(3L).stateDict(), base, DType.F32, Map.of());
        assertThat(run("viz", "text-classifier", "--checkpoint", base.toString())).isEqualTo(2);
        assertOneErrorLine(base.toString(), "is it a text-classifier checkpoint from dojo train?");
    }

    @Test
    void aFileThatIsNotSafetensorsIsOneErrorLine() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.safetensors"), "not a checkpoint");
        assertThat(run("viz", "text-classifier", "--checkpoint", junk.toString())).isEqualTo(2);
        assertOneErrorLine(junk.toString());
    }

    @Test
    void anUnknownFormatIsOneErrorLine() {
        assertThat(run("viz", "text-classifier", "--checkpoint", ckpt.toString(), "--format", "png")).isEqualTo(2);
        assertOneErrorLine("--format must be terminal, svg or html, was 'png'");
    }

    @Test
    void inputAndExampleTogetherAreRefusedAsBadUsage() {
        assertThat(run("viz", "text-classifier", "--input", "3 4 3", "--example", "2")).isEqualTo(2);
        assertThat(err.toString().lines().findFirst().orElseThrow()).startsWith("dojo: error: ").contains("mutually exclusive");
    }

    @Test
    void typedTokensPrintEveryLayerAndHeadWithoutEscapeCodesWhenNotATerminal() {
        assertThat(run("viz", "text-classifier", "--checkpoint", ckpt.toString(), "--input", "3, 7 12 3", "--pad-to", "6")).isZero();
        String text = out.toString();
        assertThat(text).doesNotContain("\u001b").contains("text-classifier · your input", "tokens: 3 7 12 3  + 2 padding positions",
                "prediction: ", "layer 0 · head 0", "layer 1 · head 3", "pad");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theSvgFormatWritesAWellFormedFileForATestExample() throws Exception {
        Path page = dir.resolve("viz/page.svg");
        assertThat(run("viz", "text-classifier", "--checkpoint", ckpt.toString(), "--example", "5", "--format", "svg", "--out", page.toString())).isZero();
        assertThat(out.toString()).contains("wrote " + page);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(page)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(Files.readString(page)).contains("test example 5");
    }

    @Test
    void paddingBeyondThePositionsTheModelHasIsOneErrorLine() {
        assertThat(run("viz", "text-classifier", "--checkpoint", ckpt.toString(), "--input", "3 4 3", "--pad-to", "30")).isEqualTo(2);
        assertOneErrorLine("--pad-to 30: the model takes at most 12 positions");
    }

    /** An untrained checkpoint of another experiment's reference model (built from solutions/). */
    private Path checkpointOf(dojo.models.Experiment e) throws Exception {
        Path f = dir.resolve(e.name() + ".safetensors");
        try (var impl = dojo.models.SolutionModels.load(e.exerciseId())) {
            StateDicts.write(e.build(impl.implementation(), 5L).stateDict(), f, DType.F32, Map.of("format", "pt"));
        }
        return f;
    }

    @Test
    void theTextGeneratorsMapsAreCausalAndLabelledByInputAndOutputDigits() throws Exception {
        Path f = checkpointOf(new dojo.models.TextGeneratorExperiment());
        assertThat(run("viz", "text-generator", "--checkpoint", f.toString(), "--example", "2", "--format", "svg", "--out", dir.resolve("g.svg").toString()))
                .as(err.toString()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("g.svg"))).contains("text-generator", "test example 2", "prediction:");
        out.getBuffer().setLength(0);
        assertThat(run("viz", "text-generator", "--checkpoint", f.toString(), "--example", "2", "--layer", "0", "--head", "1", "--width", "120"))
                .as(err.toString()).isEqualTo(0);
        String text = out.toString();
        assertThat(text).contains("layer 0 · head 1", "tokens: i");
        // causal: the first query row has one shaded cell (itself), nothing to its right
        String firstRow = text.lines().filter(l -> l.trim().startsWith("i")).skip(1).findFirst().orElseThrow();
        assertThat(firstRow.trim().split("\\s+")).hasSize(2);
    }

    @Test
    void theSegmentersMapsAreOverItsPatchesAndItsInputOptionsAreRefused() throws Exception {
        Path f = checkpointOf(new dojo.models.ImageSegmenterExperiment());
        assertThat(run("viz", "image-segmenter", "--checkpoint", f.toString(), "--example", "1", "--layer", "0", "--head", "0", "--width", "200"))
                .as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("test image 1 (patches)", "r0c0", "r3c3").doesNotContain("prediction:");
        assertThat(run("viz", "image-segmenter", "--checkpoint", f.toString(), "--input", "1 2")).isEqualTo(2);
        assertOneErrorLine("--input is for text-classifier");
    }

    @Test
    void theSentimentModelsCrossAttentionIsDrawnWithCaptionWordsDownAndPatchCellsAcross() throws Exception {
        Path f = checkpointOf(new dojo.models.MultimodalSentimentExperiment());
        assertThat(run("viz", "multimodal-sentiment", "--checkpoint", f.toString(), "--example", "4", "--layer", "2", "--head", "1", "--width", "80"))
                .as(err.toString()).isEqualTo(0);
        String text = out.toString();
        assertThat(text).contains("layers (queries x keys):\n"
                        + "  0  5 x 5  caption self-attn  text_encoder.layers.0.self_attn\n"
                        + "  1  4 x 4  picture self-attn  image_encoder.layers.0.self_attn\n"
                        + "  2  5 x 4  cross-attention    cross_attn\n", "layer 2 · head 1 · cross-attention")
                .doesNotContain("layer 0 · head", "layer 2 · head 0", "\u001b");
        // the cell labels r0c0 .. r1c1 written downwards over the four columns
        List<String> lines = text.lines().toList();
        int title = lines.indexOf("layer 2 · head 1 · cross-attention");
        assertThat(lines.get(title + 1).strip()).isEqualTo("r  r  r  r");
        assertThat(lines.get(title + 4).strip()).isEqualTo("0  1  0  1");
        // then one row per caption position (its word, or pad), each as wide as the four columns (a cell " XX" under " X")
        List<String> words = dojo.models.MultimodalSentimentExperiment.tokenLabels(dojo.models.MultimodalSentimentExperiment.data().test().get(4), 5);
        for (int q = 0; q < 5; q++) {
            assertThat(lines.get(title + 5 + q).strip()).startsWith(words.get(q) + " ");
            assertThat(lines.get(title + 5 + q)).hasSize(lines.get(title + 4).length() + 1);
        }
        for (String format : List.of("svg", "html")) {
            Path page = dir.resolve("ms." + format);
            assertThat(run("viz", "multimodal-sentiment", "--checkpoint", f.toString(), "--format", format, "--out", page.toString()))
                    .as(err.toString()).isEqualTo(0);
            assertThat(Files.readString(page)).contains("layer 2 · head 3 · cross-attention", "layer 1 · head 0 · picture self-attn",
                    "-&gt; key 3 &apos;r1c1&apos;");
        }
    }

    @Test
    void theRetrieversImageTowerIsDrawnOnItsImageAndOnTheHardNegative() throws Exception {
        Path f = checkpointOf(new dojo.models.RetrieverExperiment());
        assertThat(run("viz", "retriever", "--checkpoint", f.toString(), "--example", "5", "--width", "160")).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("layer 0 · head 1 · image self-attn", "layer 1 · head 0 · negative self-attn",
                "layer 2 · head 1 · caption self-attn", "  1  9 x 9  negative self-attn  image.encoder.layers.0.self_attn\n");
    }
}
