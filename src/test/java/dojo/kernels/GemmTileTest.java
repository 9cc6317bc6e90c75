package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The micro-tile (6 or 12 rows, {@link VectorOps#gemmTileRows}) changes speed, never a bit of a result. */
class GemmTileTest {

    @Test
    void wideTileOnAvx512ExceptAmdAndOnRequest() {
        assertThat(VectorOps.gemmTileRows(16, null, "GenuineIntel")).isEqualTo(12);
        assertThat(VectorOps.gemmTileRows(16, null, "")).isEqualTo(12);
        assertThat(VectorOps.gemmTileRows(16, null, "AuthenticAMD")).isEqualTo(6);
        assertThat(VectorOps.gemmTileRows(8, null, "GenuineIntel")).isEqualTo(6);
        assertThat(VectorOps.gemmTileRows(16, "6", "GenuineIntel")).isEqualTo(6);
        assertThat(VectorOps.gemmTileRows(16, "12", "AuthenticAMD")).isEqualTo(12);
        assertThat(VectorOps.gemmTileRows(8, "12", "GenuineIntel")).isEqualTo(12);
        assertThat(VectorOps.gemmTileRows(16, "14", "AuthenticAMD")).isEqualTo(6);   // not a tile: the rule
    }

    @Test
    void vendorFromCpuinfo(@TempDir Path dir) throws Exception {
        Path info = dir.resolve("cpuinfo");
        Files.writeString(info, "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\n");
        assertThat(CpuVendor.parse(info)).isEqualTo("AuthenticAMD");
        Files.writeString(info, "processor\t: 0\n");
        assertThat(CpuVendor.parse(info)).isEmpty();
        assertThat(CpuVendor.parse(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void bothTilesGiveTheSameBits() throws Exception {
        // SGEMM: the scalar backend's bits (one FMA chain per element whatever the tile); the attention
        // forward and backward: the same bits on both tiles (the scalar backend's exp is another function)
        int scalar = ForkedKernelsMain.gemmBits(Backend.SCALAR).orElseThrow();
        String attention = null;
        for (String tile : List.of("6", "12")) {
            Forked run = Forked.run(List.of("-Xmx256m", "--add-modules", "jdk.incubator.vector", "-Ddojo.gemm.mr=" + tile),
                    "gemmtile");
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("OK tile=" + tile + " bits=" + scalar + " attention=");
            String bits = run.output().strip().replaceAll(".* attention=", "");
            if (attention != null) assertThat(bits).as("attention bits, tile 12 vs 6").isEqualTo(attention);
            attention = bits;
        }
    }
}
