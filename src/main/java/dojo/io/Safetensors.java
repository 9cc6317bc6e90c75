package dojo.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A safetensors file read into memory: an 8-byte little-endian header length, a JSON header
 * {@code {name: {dtype, shape, data_offsets}}} (plus an optional {@code __metadata__} map of strings),
 * then the raw little-endian tensor data. Reads F32, F64, I64, I32, BOOL and U8.
 *
 * <p>Accessors check rank and dtype and throw {@link IllegalArgumentException} with messages such as
 * {@code "golden.safetensors: tensor 'q' has shape [2, 3], expected 3-D"}. Floating accessors accept
 * every dtype (integers and booleans are converted); boolean accessors accept BOOL and U8.
 * Instances are immutable and safe to share.
 */
public final class Safetensors {

    /** Headers larger than this are rejected as corrupt (the reference implementation uses 100 MB). */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String source;
    private final ByteBuffer data;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private Safetensors(String source, ByteBuffer data, Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.source = source;
        this.data = data;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Reads and validates a whole file.
     *
     * @throws SafetensorsFormatException when the file is not valid safetensors (message names the file)
     * @throws IOException                when it cannot be read
     */
    public static Safetensors read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses the bytes of a safetensors file; {@code source} names it in messages.
     *
     * @throws SafetensorsFormatException when the bytes are not valid safetensors
     */
    public static Safetensors parse(byte[] bytes, String source) throws SafetensorsFormatException {
        if (bytes.length < 8) {
            throw new SafetensorsFormatException(source + ": file is " + bytes.length
                    + " bytes, too short for the 8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > bytes.length - 8L) {
            throw new SafetensorsFormatException(source + ": header length " + Long.toUnsignedString(headerLength)
                    + " does not fit a file of " + bytes.length + " bytes (not a safetensors file, or truncated)");
        }
        int dataStart = 8 + (int) headerLength;
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new SafetensorsFormatException(source + ": header is not valid JSON: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
            throw new SafetensorsFormatException(source + ": header must be a JSON object {name: {dtype, shape, data_offsets}}");
        }
        long dataLength = bytes.length - (long) dataStart;
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("__metadata__")) {
                readMetadata(source, field.getValue(), metadata);
            } else {
                TensorInfo info = readEntry(source, field.getKey(), field.getValue(), dataLength);
                tensors.put(info.name(), info);
            }
        }
        requireNoOverlap(source, tensors.values());
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new Safetensors(source, data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN),
                Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static void readMetadata(String source, JsonNode node, Map<String, String> into)
            throws SafetensorsFormatException {
        if (!node.isObject()) {
            throw new SafetensorsFormatException(source + ": __metadata__ must be an object of strings");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new SafetensorsFormatException(source + ": __metadata__ value '" + e.getKey()
                        + "' must be a string");
            }
            into.put(e.getKey(), e.getValue().asText());
        }
    }

    private static TensorInfo readEntry(String source, String name, JsonNode node, long dataLength)
            throws SafetensorsFormatException {
        String where = source + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new SafetensorsFormatException(where + " must be an object {dtype, shape, data_offsets}");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new SafetensorsFormatException(where + " has no dtype");
        }
        DType dtype = DType.fromCode(dtypeNode.asText()).orElseThrow(() -> new SafetensorsFormatException(
                where + " has dtype " + dtypeNode.asText() + ", which is not supported (supported: "
                        + Arrays.toString(DType.values()) + ")"));
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new SafetensorsFormatException(where + " has no shape array");
        }
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 0) {
                throw new SafetensorsFormatException(where + " has dimension " + d + " at index " + i
                        + ": dimensions must be non-negative integers");
            }
            shape[i] = d.asInt();
            count = multiply(count, shape[i], where);
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2
                || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()) {
            throw new SafetensorsFormatException(where + " needs data_offsets [begin, end]");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataLength) {
            throw new SafetensorsFormatException(where + " has data_offsets [" + begin + ", " + end
                    + "] outside the data section of " + dataLength + " bytes (truncated file?)");
        }
        long expectedBytes = multiply(count, dtype.bytes(), where);
        if (end - begin != expectedBytes) {
            throw new SafetensorsFormatException(where + " has shape " + Arrays.toString(shape) + " of " + dtype
                    + " = " + expectedBytes + " bytes but data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin) + " bytes");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static long multiply(long a, long b, String where) throws SafetensorsFormatException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new SafetensorsFormatException(where + " is too large");
        }
    }

    private static void requireNoOverlap(String source, java.util.Collection<TensorInfo> infos)
            throws SafetensorsFormatException {
        List<TensorInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo prev = sorted.get(i - 1);
            TensorInfo cur = sorted.get(i);
            if (cur.begin() < prev.end()) {
                throw new SafetensorsFormatException(source + ": tensors '" + prev.name() + "' and '" + cur.name()
                        + "' overlap in the data section");
            }
        }
    }

    /** The name this file was read from (used in every message). */
    public String source() {
        return source;
    }

    /** Tensor names in header order (without {@code __metadata__}). */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** The {@code __metadata__} map, empty when absent. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** True when a tensor of that name exists. */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The header entry of a tensor. */
    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            String have = tensors.size() <= 20 ? String.join(", ", tensors.keySet())
                    : tensors.keySet().stream().limit(20).collect(Collectors.joining(", ")) + ", ...";
            throw new IllegalArgumentException(source + ": no tensor '" + name + "' (has: " + have + ")");
        }
        return info;
    }

    /** The shape of a tensor. */
    public int[] shape(String name) {
        return info(name).shape();
    }

    /** Every element of any tensor as floats, row-major (integers and booleans converted). */
    public float[] floats(String name) {
        TensorInfo info = info(name);
        int n = count(info);
        float[] out = new float[n];
        int pos = (int) info.begin();
        switch (info.dtype()) {
            case F32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = data.getFloat(pos + 4 * i);
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) data.getDouble(pos + 8 * i);
                }
            }
            case I64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = data.getLong(pos + 8 * i);
                }
            }
            case I32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = data.getInt(pos + 4 * i);
                }
            }
            case BOOL, U8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = data.get(pos + i) & 0xFF;
                }
            }
        }
        return out;
    }

    /** Every element as doubles, row-major (F64 keeps its precision). */
    public double[] doubles(String name) {
        TensorInfo info = info(name);
        if (info.dtype() == DType.F64) {
            int n = count(info);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = data.getDouble((int) info.begin() + 8 * i);
            }
            return out;
        }
        float[] f = floats(name);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** An integer tensor (I64, I32, U8, BOOL) of any rank, row-major. */
    public long[] longs(String name) {
        TensorInfo info = info(name);
        if (info.dtype().isFloating()) {
            throw new IllegalArgumentException(where(info) + " is " + info.dtype() + ", expected an integer dtype (I64, I32, U8, BOOL)");
        }
        int n = count(info);
        long[] out = new long[n];
        int pos = (int) info.begin();
        for (int i = 0; i < n; i++) {
            out[i] = switch (info.dtype()) {
                case I64 -> data.getLong(pos + 8 * i);
                case I32 -> data.getInt(pos + 4 * i);
                default -> data.get(pos + i) & 0xFF;
            };
        }
        return out;
    }

    /** A single number: a 0-D tensor or any tensor with exactly one element. */
    public float scalar(String name) {
        TensorInfo info = info(name);
        if (info.elementCount() != 1) {
            throw new IllegalArgumentException(where(info) + " has shape " + info.shapeText() + ", expected a single element");
        }
        return floats(name)[0];
    }

    /** A 1-D tensor. */
    public float[] vector(String name) {
        requireRank(info(name), 1);
        return floats(name);
    }

    /** A 2-D tensor as [rows][cols]. */
    public float[][] matrix(String name) {
        TensorInfo info = info(name);
        requireRank(info, 1 + 1);
        int[] s = info.shape();
        float[] flat = floats(name);
        float[][] out = new float[s[0]][s[1]];
        for (int r = 0; r < s[0]; r++) {
            System.arraycopy(flat, r * s[1], out[r], 0, s[1]);
        }
        return out;
    }

    /** A 3-D tensor as [a][b][c]. */
    public float[][][] tensor3(String name) {
        TensorInfo info = info(name);
        requireRank(info, 3);
        int[] s = info.shape();
        float[] flat = floats(name);
        float[][][] out = new float[s[0]][s[1]][s[2]];
        for (int a = 0; a < s[0]; a++) {
            for (int b = 0; b < s[1]; b++) {
                System.arraycopy(flat, (a * s[1] + b) * s[2], out[a][b], 0, s[2]);
            }
        }
        return out;
    }

    /** A 1-D BOOL or U8 tensor; U8 must hold only 0 and 1. */
    public boolean[] boolVector(String name) {
        TensorInfo info = info(name);
        requireRank(info, 1);
        return bools(info);
    }

    /** A 2-D BOOL or U8 tensor as [rows][cols]; U8 must hold only 0 and 1. */
    public boolean[][] boolMatrix(String name) {
        TensorInfo info = info(name);
        requireRank(info, 2);
        int[] s = info.shape();
        boolean[] flat = bools(info);
        boolean[][] out = new boolean[s[0]][s[1]];
        for (int r = 0; r < s[0]; r++) {
            System.arraycopy(flat, r * s[1], out[r], 0, s[1]);
        }
        return out;
    }

    /**
     * Checks a tensor's exact shape.
     *
     * @throws IllegalArgumentException e.g. {@code "w.safetensors: tensor 'out_proj.weight' has shape [8, 4], expected [8, 8]"}
     */
    public Safetensors requireShape(String name, int... expected) {
        TensorInfo info = info(name);
        if (!Arrays.equals(info.shape(), expected)) {
            throw new IllegalArgumentException(where(info) + " has shape " + info.shapeText() + ", expected "
                    + Arrays.toString(expected));
        }
        return this;
    }

    private boolean[] bools(TensorInfo info) {
        if (info.dtype() != DType.BOOL && info.dtype() != DType.U8) {
            throw new IllegalArgumentException(where(info) + " is " + info.dtype() + ", expected BOOL or U8");
        }
        int n = count(info);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            int b = data.get((int) info.begin() + i) & 0xFF;
            if (b > 1) {
                throw new IllegalArgumentException(where(info) + " holds " + b + " at flat index " + i
                        + ", expected only 0 and 1 for a boolean tensor");
            }
            out[i] = b == 1;
        }
        return out;
    }

    private void requireRank(TensorInfo info, int rank) {
        if (info.rank() != rank) {
            throw new IllegalArgumentException(where(info) + " has shape " + info.shapeText() + ", expected "
                    + rank + "-D");
        }
    }

    private int count(TensorInfo info) {
        long n = info.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(where(info) + " has " + n + " elements, too many for a Java array");
        }
        return (int) n;
    }

    private String where(TensorInfo info) {
        return source + ": tensor '" + info.name() + "'";
    }

    @Override
    public String toString() {
        return "Safetensors[" + source + ", " + tensors.size() + " tensors]";
    }
}
