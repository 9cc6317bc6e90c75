package dojo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    static Path golden(String exercise, String file) throws URISyntaxException {
        return Path.of(SafetensorsTest.class.getResource("/golden/" + exercise + "/" + file).toURI());
    }

    /** A file with a hand-made header and data section. */
    static byte[] file(String headerJson, byte[] data) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).put(header).put(data);
        return buf.array();
    }

    @Nested
    @DisplayName("files written by the PyTorch golden script")
    class FromPython {

        @Test
        @DisplayName("nn.MultiheadAttention weights load with their PyTorch shapes and dtypes")
        void readsMultiheadAttentionFixture() throws Exception {
            Safetensors st = Safetensors.read(golden("ex04_multihead", "mha.safetensors"));

            assertThat(st.info("self_e8_h2.in_proj_weight").dtype()).isEqualTo(DType.F32);
            assertThat(st.matrix("self_e8_h2.in_proj_weight")).hasDimensions(24, 8);
            assertThat(st.vector("self_e8_h2.in_proj_bias")).hasSize(24);
            assertThat(st.matrix("self_e8_h2.out_proj.weight")).hasDimensions(8, 8);
            float[][][] weights = st.tensor3("self_e8_h2.weights");
            assertThat(weights).hasNumberOfRows(2);
            assertThat(weights[1]).hasDimensions(5, 5);
            assertThat(st.info("self_e8_h2.num_heads").dtype()).isEqualTo(DType.I64);
            assertThat(st.longs("self_e8_h2.num_heads")).containsExactly(2L);
            assertThat(st.info("causal_padding_e8_h4.key_padding").dtype()).isEqualTo(DType.BOOL);
            assertThat(st.boolVector("causal_padding_e8_h4.key_padding"))
                    .containsExactly(false, false, false, false, true, true);
            assertThat(st.metadata()).containsEntry("exercise", "ex04_multihead").containsKey("cases");
            assertThat(st.names()).doesNotContain("__metadata__");
        }

        @Test
        @DisplayName("values written by numpy read back bit for bit (inputs chosen by the script)")
        void readsExactValues() throws Exception {
            Safetensors st = Safetensors.read(golden("ex01_softmax", "softmax.safetensors"));

            assertThat(st.matrix("large_values.x")[0]).containsExactly(1000f, 999f, -1000f, 998.5f, 0f);
            float[][] equal = st.matrix("equal.x");
            assertThat(equal).hasDimensions(2, 3);
            for (float[] row : equal) {
                assertThat(row).containsOnly(7.25f);
            }
            for (float[] row : st.matrix("equal.y")) {
                for (float p : row) {
                    assertThat(p).isCloseTo(1f / 3, within(1e-7f));
                }
            }
        }

        @Test
        @DisplayName("a boolean matrix from PyTorch keeps its row-major order")
        void readsBooleanMatrix() throws Exception {
            Safetensors st = Safetensors.read(golden("ex03_masking", "masked.safetensors"));

            boolean[][] blocked = st.boolMatrix("combined.blocked");
            float[] flat = st.floats("combined.blocked");
            assertThat(blocked).hasDimensions(6, 6);
            for (int r = 0; r < 6; r++) {
                for (int c = 0; c < 6; c++) {
                    assertThat(blocked[r][c]).isEqualTo(flat[r * 6 + c] == 1f);
                }
            }
            assertThat(st.boolVector("combined.is_causal")).containsExactly(true);
        }
    }

    @Nested
    @DisplayName("writer and reader round trip")
    class RoundTrip {

        @Test
        @DisplayName("every supported kind of tensor comes back with the same shape and values")
        void roundTripsEveryKind(@TempDir Path dir) throws IOException {
            float[] vec = {1.5f, -2f, Float.NEGATIVE_INFINITY};
            float[][] mat = {{1f, 2f, 3f}, {4f, 5f, 6f}};
            float[][][] t3 = {{{1f, 2f}, {3f, 4f}}, {{5f, 6f}, {7f, 8f}}, {{9f, 10f}, {11f, 12f}}};
            boolean[] bv = {true, false, true};
            boolean[][] bm = {{true, false}, {false, false}, {false, true}};
            Path file = dir.resolve("sub/w.safetensors");

            new SafetensorsWriter()
                    .put("vec", vec).put("mat", mat).put("t3", t3).put("bv", bv).put("bm", bm)
                    .putLongs("ids", new long[] {7L, -3L, 1L << 40}, 3)
                    .putDoubles("d", new double[] {Math.PI, Math.E}, 2, 1)
                    .putFloats("empty", new float[0], 0, 4)
                    .metadata("format", "pt")
                    .write(file);
            Safetensors st = Safetensors.read(file);

            assertThat(st.names()).containsExactly("vec", "mat", "t3", "bv", "bm", "ids", "d", "empty");
            assertThat(st.vector("vec")).containsExactly(vec);
            assertThat(st.matrix("mat")).isDeepEqualTo(mat);
            assertThat(st.tensor3("t3")).isDeepEqualTo(t3);
            assertThat(st.boolVector("bv")).containsExactly(bv);
            assertThat(st.boolMatrix("bm")).isDeepEqualTo(bm);
            assertThat(st.longs("ids")).containsExactly(7L, -3L, 1L << 40);
            assertThat(st.doubles("d")).containsExactly(Math.PI, Math.E);
            assertThat(st.matrix("d")).isDeepEqualTo(new float[][] {{(float) Math.PI}, {(float) Math.E}});
            assertThat(st.shape("empty")).containsExactly(0, 4);
            assertThat(st.floats("empty")).isEmpty();
            assertThat(st.metadata()).containsExactly(java.util.Map.entry("format", "pt"));
            assertThat(Files.list(file.getParent())).containsExactly(file);
        }

        @Test
        @DisplayName("the header is padded with spaces to a multiple of 8 bytes")
        void padsHeader() {
            byte[] bytes = new SafetensorsWriter().put("a", new float[] {1f}).toBytes();

            long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(headerLength % 8).isZero();
            assertThat(bytes.length).isEqualTo(8 + headerLength + 4);
            assertThat(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8))
                    .startsWith("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}");
        }

        @Test
        @DisplayName("the writer rejects ragged matrices, duplicate names and shapes that do not match the data")
        void writerRejectsBadInput() {
            assertThatThrownBy(() -> new SafetensorsWriter().put("m", new float[][] {{1f, 2f}, {3f}}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("ragged");
            assertThatThrownBy(() -> new SafetensorsWriter().put("a", new float[] {1f}).put("a", new float[] {2f}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already added");
            assertThatThrownBy(() -> new SafetensorsWriter().putFloats("x", new float[6], 4, 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4, 2] holds 8 elements but 6");
            assertThatThrownBy(() -> new SafetensorsWriter().put("__metadata__", new float[] {1f}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("accessors check rank and dtype with readable messages")
    class Accessors {

        private final Safetensors st = parseOrFail(new SafetensorsWriter()
                .put("q", new float[][] {{1f, 2f, 3f}, {4f, 5f, 6f}})
                .put("mask", new boolean[] {true, false})
                .putFloats("s", new float[] {42f})
                .toBytes());

        private static Safetensors parseOrFail(byte[] bytes) {
            try {
                return Safetensors.parse(bytes, "file.safetensors");
            } catch (SafetensorsFormatException e) {
                throw new AssertionError(e);
            }
        }

        @Test
        @DisplayName("asking for the wrong rank names the file, tensor, actual shape and expected rank")
        void wrongRank() {
            assertThatThrownBy(() -> st.tensor3("q")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("file.safetensors: tensor 'q' has shape [2, 3], expected 3-D");
            assertThatThrownBy(() -> st.vector("q")).hasMessage("file.safetensors: tensor 'q' has shape [2, 3], expected 1-D");
        }

        @Test
        @DisplayName("a missing tensor lists the names that exist")
        void missingTensor() {
            assertThatThrownBy(() -> st.matrix("k")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("file.safetensors: no tensor 'k' (has: q, mask, s)");
        }

        @Test
        @DisplayName("requireShape compares the exact shape")
        void requireShape() {
            assertThat(st.requireShape("q", 2, 3)).isSameAs(st);
            assertThatThrownBy(() -> st.requireShape("q", 3, 2))
                    .hasMessage("file.safetensors: tensor 'q' has shape [2, 3], expected [3, 2]");
        }

        @Test
        @DisplayName("booleans must be BOOL or U8, integers must not be floats")
        void dtypeChecks() {
            assertThatThrownBy(() -> st.boolMatrix("q")).hasMessage("file.safetensors: tensor 'q' is F32, expected BOOL or U8")
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> st.longs("q")).hasMessageContaining("is F32, expected an integer dtype");
            assertThat(st.floats("mask")).containsExactly(1f, 0f);
            assertThat(st.scalar("s")).isEqualTo(42f);
            assertThatThrownBy(() -> st.scalar("q")).hasMessageContaining("expected a single element");
        }

        @Test
        @DisplayName("a U8 tensor used as a mask must hold only 0 and 1")
        void u8Mask() throws Exception {
            Safetensors u8 = Safetensors.parse(file(
                    "{\"m\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[0,3]}}", new byte[] {0, 1, 2}), "u8.safetensors");
            assertThat(u8.longs("m")).containsExactly(0L, 1L, 2L);
            assertThatThrownBy(() -> u8.boolVector("m"))
                    .hasMessage("u8.safetensors: tensor 'm' holds 2 at flat index 2, expected only 0 and 1 for a boolean tensor");
        }

        @Test
        @DisplayName("I32 tensors and 0-D scalars are read")
        void i32AndScalars() throws Exception {
            byte[] data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(-5).putInt(9).putFloat(2.5f).array();
            Safetensors s = Safetensors.parse(file(
                    "{\"i\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                            + "\"x\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]}}", data), "s.safetensors");
            assertThat(s.longs("i")).containsExactly(-5L, 9L);
            assertThat(s.vector("i")).containsExactly(-5f, 9f);
            assertThat(s.info("x").rank()).isZero();
            assertThat(s.scalar("x")).isEqualTo(2.5f);
        }
    }

    @Nested
    @DisplayName("corrupt files are rejected with a message that names the file and the problem")
    class Corrupt {

        private void assertRejected(byte[] bytes, String messagePart) {
            assertThatThrownBy(() -> Safetensors.parse(bytes, "bad.safetensors"))
                    .isInstanceOf(SafetensorsFormatException.class)
                    .hasMessageStartingWith("bad.safetensors: ")
                    .hasMessageContaining(messagePart);
        }

        @Test
        @DisplayName("a header that is not JSON")
        void headerNotJson() {
            assertRejected(file("{\"q\": {\"dtype\": \"F32\", \"shape\": [1], ", new byte[4]), "header is not valid JSON");
        }

        @Test
        @DisplayName("a header length larger than the file (e.g. a text file or a truncated download)")
        void headerLengthTooLarge() {
            assertRejected("hello world, not tensors".getBytes(StandardCharsets.US_ASCII), "does not fit a file of 24 bytes");
        }

        @Test
        @DisplayName("a file shorter than the 8-byte length prefix")
        void tooShort() {
            assertRejected(new byte[] {1, 2, 3}, "too short");
        }

        @Test
        @DisplayName("data offsets that do not match shape and dtype")
        void offsetsDoNotMatchShape() {
            assertRejected(file("{\"q\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", new byte[24]),
                    "tensor 'q' has shape [2, 3] of F32 = 24 bytes but data_offsets [0, 20] span 20 bytes");
        }

        @Test
        @DisplayName("data offsets past the end of the file")
        void offsetsOutOfRange() {
            assertRejected(file("{\"q\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]),
                    "outside the data section of 8 bytes");
        }

        @Test
        @DisplayName("overlapping tensors")
        void overlapping() {
            assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]), "overlap");
        }

        @Test
        @DisplayName("an unsupported dtype, a missing field, a negative dimension, a duplicate name")
        void malformedEntries() {
            assertRejected(file("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]),
                    "dtype F16, which is not supported");
            assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", new byte[4]), "no shape");
            assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4]),
                    "dimensions must be non-negative integers");
            assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                    + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]), "Duplicate field 'a'");
            assertRejected(file("[1, 2]", new byte[0]), "header must be a JSON object");
            assertRejected(file("{\"__metadata__\":{\"n\":1}}", new byte[0]), "must be a string");
        }

        @Test
        @DisplayName("read() reports the path of a corrupt file")
        void readNamesPath(@TempDir Path dir) throws IOException {
            Path bad = dir.resolve("weights.safetensors");
            byte[] good = new SafetensorsWriter().put("w", new float[] {1f, 2f}).toBytes();
            Files.write(bad, Arrays.copyOf(good, good.length - 3));

            assertThatThrownBy(() -> Safetensors.read(bad)).isInstanceOf(SafetensorsFormatException.class)
                    .hasMessageStartingWith(bad + ": tensor 'w'").hasMessageContaining("truncated");
        }
    }
}
