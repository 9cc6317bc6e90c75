package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackendSelectionTest {

    @Test
    @DisplayName("without --add-modules jdk.incubator.vector the JVM picks the scalar fallback, never loads the Vector API, and is correct")
    void fallbackWithoutTheModule() throws Exception {
        Forked run = Forked.run(List.of("-Xmx128m", "-verbose:class"), "fallback");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("OK backend=SCALAR vectorAvailable=false")
                .doesNotContain("jdk.incubator.vector.FloatVector")
                .doesNotContain("dojo.kernels.VectorOps");
    }

    @Test
    @DisplayName("with the module the JVM picks the vector backend")
    void vectorWithTheModule() throws Exception {
        assumeTrue(Backend.vectorAvailable(), "this JVM runs without the module");
        Forked run = Forked.run(List.of("-Xmx128m", "--add-modules", "jdk.incubator.vector"), "fallback");
        assertThat(run.output()).as(run.output()).contains("OK backend=VECTOR vectorAvailable=true");
        assertThat(Backend.best()).isEqualTo(Backend.VECTOR);
        assertThat(Backend.VECTOR.describe()).startsWith("vector (").contains("-bit");
    }

    @Test
    @DisplayName("the scalar backend can always be chosen explicitly")
    void scalarAlwaysAvailable() {
        assertThat(Backend.SCALAR.describe()).isEqualTo("scalar");
        float[] c = new Sgemm(Backend.SCALAR, Parallelism.serial()).multiply(1, 1, 2, new float[] {2, 3}, new float[] {5, 7});
        assertThat(c).containsExactly(31f);
    }

    @Test
    @DisplayName("asking for the vector backend without the module is an error that says which flag is missing")
    void vectorWithoutModuleIsExplained() {
        assumeTrue(!Backend.vectorAvailable(), "only meaningful without the module");
        assertThatThrownBy(() -> new Sgemm(Backend.VECTOR, Parallelism.serial()))
                .hasMessageContaining("--add-modules jdk.incubator.vector");
    }
}
