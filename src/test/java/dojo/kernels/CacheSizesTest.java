package dojo.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheSizesTest {

    private static void index(Path dir, int i, int level, String type, String size) throws IOException {
        Path p = Files.createDirectories(dir.resolve("index" + i));
        Files.writeString(p.resolve("level"), level + "\n");
        Files.writeString(p.resolve("type"), type + "\n");
        Files.writeString(p.resolve("size"), size + "\n");
    }

    @Test
    @DisplayName("reads L1d, L2 and L3 from sysfs and ignores the instruction cache")
    void readsSysfs(@TempDir Path dir) throws IOException {
        index(dir, 0, 1, "Data", "48K");
        index(dir, 1, 1, "Instruction", "32K");
        index(dir, 2, 2, "Unified", "2048K");
        index(dir, 3, 3, "Unified", "105M");
        CacheSizes c = CacheSizes.read(dir);
        assertThat(c.l1d()).isEqualTo(48 << 10);
        assertThat(c.l2()).isEqualTo(2 << 20);
        assertThat(c.l3()).isEqualTo(105L << 20);
        assertThat(c.source()).isEqualTo(dir.toString());
    }

    @Test
    @DisplayName("missing or unreadable levels fall back to common sizes and say so")
    void fallsBack(@TempDir Path dir) throws IOException {
        assertThat(CacheSizes.read(dir.resolve("absent"))).isEqualTo(CacheSizes.fallback());
        index(dir, 0, 1, "Data", "64K");
        index(dir, 2, 2, "Unified", "garbage");
        CacheSizes c = CacheSizes.read(dir);
        assertThat(c.l1d()).isEqualTo(64 << 10);
        assertThat(c.l2()).isEqualTo(CacheSizes.FALLBACK_L2);
        assertThat(c.source()).contains("missing levels: fallback");
    }

    @Test
    @DisplayName("Zen 4's caches (and the fallback) give the block sizes measured best on Zen 4")
    void zen4Blocks() {
        Sgemm.Blocking b = Sgemm.Blocking.forCaches(new CacheSizes(32 << 10, 1 << 20, 32 << 20, "zen4"), 6, 32);
        assertThat(new int[] {b.kc(), b.mc(), b.nc()}).containsExactly(Sgemm.KC, Sgemm.MC, Sgemm.NC);
        Sgemm.Blocking f = Sgemm.Blocking.forCaches(CacheSizes.fallback(), 6, 32);
        assertThat(new int[] {f.kc(), f.mc()}).containsExactly(Sgemm.KC, Sgemm.MC);
    }

    @Test
    @DisplayName("other caches give other blocks: a 48 KiB L1d deepens KC, a 2 MiB L2 widens MC, NC stays at most 4096")
    void otherCpuBlocks() {
        Sgemm.Blocking b = Sgemm.Blocking.forCaches(new CacheSizes(48 << 10, 2 << 20, 105L << 20, "xeon"), 6, 32);
        assertThat(b.kc()).isEqualTo(1536);
        assertThat(b.mc()).isEqualTo(60);
        assertThat(b.nc()).isEqualTo(4096);
        Sgemm.Blocking tiny = Sgemm.Blocking.forCaches(new CacheSizes(8 << 10, 64 << 10, 256 << 10, "tiny"), 6, 32);
        assertThat(tiny.kc()).isEqualTo(256);
        assertThat(tiny.mc()).isEqualTo(12);
        assertThat(tiny.nc()).isEqualTo(128);
    }

    @Test
    @DisplayName("sizes parse with K, M, G suffixes or none")
    void parsesSizes() {
        assertThat(CacheSizes.parseSize("32K")).isEqualTo(32768);
        assertThat(CacheSizes.parseSize("1M")).isEqualTo(1 << 20);
        assertThat(CacheSizes.parseSize("512")).isEqualTo(512);
        assertThat(CacheSizes.parseSize("x")).isEqualTo(-1);
    }

    @Test
    @DisplayName("SGEMM with another machine's blocks gives bitwise the same product on 1 and 2 threads")
    void blocksDoNotChangeBits() {
        int m = 130, n = 300, k = 1700;                        // k > 1536: two panels deep with either blocking
        float[] a = Reference.uniform(5, m * k), b = Reference.uniform(6, k * n);
        float[] here = new float[m * n], xeon = new float[m * n], xeon2 = new float[m * n];
        Backend be = Backend.best();
        Sgemm.Blocking other = Sgemm.Blocking.forCaches(new CacheSizes(48 << 10, 2 << 20, 105L << 20, "xeon"),
                be.ops().mr(), be.ops().nr());
        try (Parallelism p1 = Parallelism.serial(); Parallelism p2 = Parallelism.threads(2)) {
            new Sgemm(be, p1).multiply(m, n, k, a, b, here);
            new Sgemm(be, p1, other).multiply(m, n, k, a, b, xeon);
            new Sgemm(be, p2, other).multiply(m, n, k, a, b, xeon2);
        }
        assertThat(xeon).isEqualTo(here);
        assertThat(xeon2).isEqualTo(here);
    }
}
