package dojo.export;

import static dojo.export.ExportFixtures.allTypes;
import static dojo.export.ExportFixtures.nasty;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dojo.questions.Bank;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON export")
class JsonExporterTest {
    final ObjectMapper mapper = new ObjectMapper();

    JsonNode export(List<Bank> banks) throws Exception {
        return mapper.readTree(new JsonExporter().render(banks, p -> p.toString().replace('\\', '/')));
    }

    @Test
    void holds_every_bank_and_question_with_its_source_file_and_line() throws Exception {
        List<Bank> banks = new ArrayList<>(allTypes("en"));
        banks.addAll(allTypes("zh"));
        JsonNode root = export(banks);
        assertThat(root.get("format").asText()).isEqualTo("attention-dojo-questions");
        assertThat(root.get("version").asInt()).isEqualTo(1);
        assertThat(root.get("languages")).extracting(JsonNode::asText).containsExactly("en", "zh");
        assertThat(root.get("questionCount").asInt()).isEqualTo(14);
        assertThat(root.get("banks")).hasSize(2);
        JsonNode q = root.get("banks").get(0).get("questions").get(0);
        assertThat(q.get("file").asText()).isEqualTo("src/test/resources/banks/valid/en/all-types.md");
        assertThat(q.get("line").asInt()).isEqualTo(12);
        assertThat(q.get("id").asText()).isEqualTo("demo-single-softmax-axis");
        assertThat(q.get("type").asText()).isEqualTo("single");
        assertThat(q.get("source").asText()).isEqualTo("seed-Q2");
        assertThat(q.get("choices").get(1).get("correct").asBoolean()).isTrue();
        assertThat(q.get("answer").get("correct")).extracting(JsonNode::asText).containsExactly("b");
        assertThat(q.get("hints")).hasSize(2);
        assertThat(root.get("banks").get(0).get("questions").get(1).get("source").isNull()).isTrue();
    }

    @Test
    void each_answer_type_has_its_documented_shape() throws Exception {
        JsonNode qs = export(allTypes("en")).get("banks").get(0).get("questions");
        assertThat(qs.get(1).get("answer").get("correct")).extracting(JsonNode::asText).containsExactly("a", "c");
        assertThat(qs.get(2).get("answer").get("value").asBoolean()).isFalse();
        assertThat(qs.get(3).get("answer").get("accepted")).extracting(JsonNode::asText).containsExactly("key padding mask", "padding mask");
        assertThat(qs.get(3).get("answer").get("patterns").get(0).asText()).isEqualTo("(key )?padding mask(ing)?");
        JsonNode num = qs.get(4).get("answer");
        assertThat(num.get("value").isIntegralNumber()).isTrue();
        assertThat(num.get("value").asLong()).isEqualTo(2359296L);
        assertThat(num.get("relative").asBoolean()).isFalse();
        assertThat(num.get("unit").asText()).isEqualTo("parameters");
        assertThat(qs.get(5).get("answer").get("items")).hasSize(5);
        assertThat(qs.get(6).get("answer").get("modelAnswer").asText()).startsWith("The heads axis");
        assertThat(qs.get(6).get("answer").get("keyPoints")).hasSize(3);
    }

    @Test
    void nasty_text_round_trips_exactly() throws Exception {
        List<Bank> banks = nasty();
        JsonNode q = export(banks).get("banks").get(0).get("questions").get(0);
        assertThat(q.get("prompt").asText()).isEqualTo(banks.get(0).questions().get(0).prompt());
        assertThat(q.get("prompt").asText()).contains("<script>alert(\"x\")</script>\twith a tab.");
        assertThat(q.get("title").asText()).isEqualTo("Braces {x}, equals =, tilde ~, hash #, colon : and back\\\\slash");
        JsonNode num = export(banks).get("banks").get(0).get("questions").get(1).get("answer");
        assertThat(num.get("value").asDouble()).isEqualTo(0.5);
        assertThat(num.get("tolerance").asDouble()).isEqualTo(0.1);
        assertThat(num.get("relative").asBoolean()).isTrue();
    }

    @Test
    void file_paths_go_through_the_given_formatter() throws Exception {
        JsonNode root = mapper.readTree(new JsonExporter().render(nasty(), p -> "X/" + p.getFileName()));
        assertThat(root.get("banks").get(0).get("file").asText()).isEqualTo("X/nasty.md");
        assertThat(Path.of(root.get("banks").get(0).get("questions").get(0).get("file").asText())).hasFileName("nasty.md");
    }
}
