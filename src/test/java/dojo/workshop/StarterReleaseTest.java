package dojo.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.io.Safetensors;
import dojo.workshop.release.Checksums;
import dojo.workshop.release.Leak;
import dojo.workshop.release.LeakCheck;
import dojo.workshop.release.PublicGolden;
import dojo.workshop.release.StarterRelease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StarterReleaseTest {
    private static final Path PROJECT = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();

    @TempDir
    static Path tmp;

    private Path starter;
    private StarterRelease.Result result;

    @BeforeAll
    void release() {
        starter = tmp.resolve("starter");
        result = StarterRelease.release(PROJECT, starter);
    }

    private List<Leak> check(Path dir) {
        return new LeakCheck(PROJECT, PublicGolden.scan(PROJECT)).scan(dir);
    }

    private Path copyOfStarter(String name) throws IOException {
        Path copy = tmp.resolve(name);
        for (Path f : Files.walk(starter).filter(Files::isRegularFile).toList()) {
            Path to = copy.resolve(starter.relativize(f).toString());
            Files.createDirectories(to.getParent());
            Files.copy(f, to);
        }
        return copy;
    }

    @Test
    @DisplayName("the starter has the stubs, public suites and docs, and no solutions, hidden suites, mutants or framework tests")
    void contents() {
        assertThat(result.leaks()).isEmpty();
        assertThat(starter.resolve("exercises/ex01_softmax/StableSoftmax.java")).exists();
        assertThat(starter.resolve("src/test/java/exercises/ex01_softmax/SoftmaxPublicTest.java")).exists();
        assertThat(starter.resolve("pom.xml")).exists();
        assertThat(starter.resolve("solutions")).doesNotExist();
        assertThat(starter.resolve("src/hidden")).doesNotExist();
        assertThat(starter.resolve("src/mutants")).doesNotExist();
        assertThat(starter.resolve("src/test/java/dojo")).doesNotExist();
        assertThat(starter.resolve("scripts/golden")).doesNotExist();
    }

    @Test
    @DisplayName("golden files keep only the cases public suites name, and still parse")
    void goldenFilesAreCut() throws IOException {
        Safetensors full = Safetensors.read(PROJECT.resolve("src/test/resources/golden/ex04_multihead/mha.safetensors"));
        Safetensors cut = Safetensors.read(starter.resolve("src/test/resources/golden/ex04_multihead/mha.safetensors"));
        assertThat(cut.metadata().get("cases").split(",")).containsExactlyInAnyOrder("self_e8_h2", "cross_e12_h3");
        assertThat(cut.names()).isNotEmpty().allSatisfy(n -> assertThat(n).matches("(self_e8_h2|cross_e12_h3)\\..*"));
        assertThat(cut.matrix("self_e8_h2.query")).isDeepEqualTo(full.matrix("self_e8_h2.query"));
        assertThat(result.goldenCasesRemoved()).contains("src/test/resources/golden/ex04_multihead/mha.safetensors: one_head_e4");
    }

    @Test
    @DisplayName("checksums cover the framework files and not the learner's code")
    void checksums() {
        Map<String, String> sums = Checksums.read(starter.resolve(StarterRelease.CHECKSUMS));
        assertThat(sums).containsKey("pom.xml").containsKey("src/test/java/exercises/ex01_softmax/SoftmaxPublicTest.java")
                .doesNotContainKey("exercises/ex01_softmax/StableSoftmax.java");
        assertThat(Checksums.changed(sums, starter)).isEmpty();
    }

    @Test
    @DisplayName("a planted leak fails the check: a solution as the stub, even reformatted, a hidden suite, a full golden file")
    void plantedLeaksAreFound() throws IOException {
        Path leaky = copyOfStarter("leaky");
        String solution = Files.readString(PROJECT.resolve("solutions/ex02_attention/ScaledDotProductAttention.java"));
        Files.writeString(leaky.resolve("exercises/ex02_attention/ScaledDotProductAttention.java"),
                "// my own work\n" + solution.replace("    ", "\t"), StandardCharsets.UTF_8);
        Path hidden = leaky.resolve("src/test/java/exercises/ex01_softmax/Extra.java");
        Files.writeString(hidden, Files.readString(PROJECT.resolve("src/hidden/java/exercises/ex01_softmax/SoftmaxHiddenTest.java")) + "\n");
        Files.copy(PROJECT.resolve("src/test/resources/golden/ex04_multihead/mha.safetensors"),
                leaky.resolve("src/test/resources/golden/ex04_multihead/mha.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<Leak> leaks = check(leaky);
        assertThat(leaks).extracting(Leak::path).contains("exercises/ex02_attention/ScaledDotProductAttention.java",
                "src/test/java/exercises/ex01_softmax/Extra.java", "src/test/resources/golden/ex04_multihead/mha.safetensors");
        assertThat(leaks).filteredOn(l -> l.path().endsWith("ScaledDotProductAttention.java")).singleElement()
                .extracting(Leak::reason).isEqualTo("has the same code as solutions/ex02_attention/ScaledDotProductAttention.java");
    }

    @Test
    @DisplayName("the clean starter passes the check on its own")
    void cleanStarterPasses() {
        assertThat(check(starter)).isEmpty();
    }
}
