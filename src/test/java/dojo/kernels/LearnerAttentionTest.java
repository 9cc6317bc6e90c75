package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.bench.LearnerAttention;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The learner's ex02 attention as a bench contender, compiled by the grading engine from a tree. */
class LearnerAttentionTest {

    private static Path project() {
        return Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();
    }

    @Test
    @DisplayName("the model answer in solutions/ joins the table and computes the same attention as the fused kernel")
    void solutionsTreeIsAContender() {
        Path tree = project().resolve("solutions");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(tree.resolve("ex02_attention")), "needs solutions/ex02_attention");
        try (LearnerAttention.Outcome o = LearnerAttention.load(project(), tree, "model answer")) {
            assertThat(o.note()).isNull();
            assertThat(o.contender().name()).isEqualTo("model answer");
            int n = 37, d = 16;
            float[] q = Reference.uniform(1, n * d), k = Reference.uniform(2, n * d), v = Reference.uniform(3, n * d);
            float[] theirs = o.contender().attention().attend(n, d, q, k, v);
            double[] ref = Reference.attention(n, n, d, d, q, 0, k, 0, v, 0, false, null);
            assertThat(Reference.worstRatio(theirs, ref, 2e-5, 2e-5)).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    @DisplayName("a stub that throws NotImplementedYet is left out with a note saying it is not started")
    void stubIsNotStarted() {
        Path tree = project().resolve("exercises");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(tree.resolve("ex02_attention")), "needs exercises/ex02_attention");
        try (LearnerAttention.Outcome o = LearnerAttention.load(project(), tree, "yours")) {
            // a fresh checkout holds the stub; a learner who has started gets a contender instead
            if (o.contender() == null) assertThat(o.note()).contains("ex02_attention").contains("not started");
            else assertThat(o.note()).isNull();
        }
    }
}
