package dojo.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.workshop.similarity.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimilarityTest {
    private static String file(String rel) throws IOException {
        return Files.readString(Results.PROJECT.resolve(rel));
    }

    private static Map<String, String> of(String text) {
        return Map.of("ScaledDotProductAttention.java", text);
    }

    @Test
    @DisplayName("a renamed, reformatted copy is flagged; different code and the untouched starter are not")
    void renamedCopyIsFlagged() throws IOException {
        String solution = file("solutions/ex02_attention/ScaledDotProductAttention.java");
        String renamed = solution.replace("scores", "s").replace("weights", "w").replace("    ", "\t").replace("\n\n", "\n");
        String starter = file("exercises/ex02_attention/ScaledDotProductAttention.java");
        String other = file("solutions/ex04_multihead/MultiHeadAttentionLayer.java");
        List<Similarity.Pair> pairs = Similarity.compare("ex02_attention",
                Map.of("ada", of(solution), "bo", of(renamed), "cy", of(other), "dee", of(starter)), of(starter),
                Similarity.Settings.defaults());
        assertThat(pairs.get(0).a()).isEqualTo("ada");
        assertThat(pairs.get(0).b()).isEqualTo("bo");
        assertThat(pairs.get(0).similarity()).isEqualTo(1.0);
        assertThat(pairs.get(0).flagged()).isTrue();
        assertThat(pairs.get(0).linesA()).containsKey("ScaledDotProductAttention.java");
        assertThat(pairs.stream().filter(Similarity.Pair::flagged)).hasSize(1);
        assertThat(pairs).noneMatch(p -> p.a().equals("dee") || p.b().equals("dee"));
    }

    @Test
    @DisplayName("code that most learners share is ignored, so a common solution does not flag everyone")
    void commonCodeIsIgnored() throws IOException {
        String solution = file("solutions/ex02_attention/ScaledDotProductAttention.java");
        String starter = file("exercises/ex02_attention/ScaledDotProductAttention.java");
        List<Similarity.Pair> pairs = Similarity.compare("ex02_attention",
                Map.of("a", of(solution), "b", of(solution), "c", of(solution), "d", of(solution)), of(starter),
                Similarity.Settings.defaults());
        assertThat(pairs).noneMatch(Similarity.Pair::flagged);
    }
}
