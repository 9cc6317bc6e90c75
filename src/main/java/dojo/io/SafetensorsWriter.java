package dojo.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a safetensors file: tensors are laid out in the order they are added, the JSON header is
 * padded with spaces to a multiple of 8 bytes (as the reference implementation does), and everything is
 * little-endian. Floats are written as F32, booleans as BOOL, longs as I64, doubles as F64.
 *
 * <pre>{@code
 * new SafetensorsWriter().put("in_proj_weight", w).put("mask", mask).metadata("source", "dojo").write(path);
 * }</pre>
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(String name, DType dtype, int[] shape, byte[] bytes) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** A 1-D F32 tensor. */
    public SafetensorsWriter put(String name, float[] vector) {
        requireNonNull(name, vector);
        return putFloats(name, vector, vector.length);
    }

    /** A 2-D F32 tensor; the matrix must be rectangular. */
    public SafetensorsWriter put(String name, float[][] matrix) {
        requireNonNull(name, matrix);
        int rows = matrix.length;
        int cols = rows == 0 ? 0 : lengthOf(name, matrix[0], 0);
        float[] flat = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            if (lengthOf(name, matrix[r], r) != cols) {
                throw new IllegalArgumentException("tensor '" + name + "': row " + r + " has " + matrix[r].length
                        + " columns but row 0 has " + cols + " (ragged)");
            }
            System.arraycopy(matrix[r], 0, flat, r * cols, cols);
        }
        return putFloats(name, flat, rows, cols);
    }

    /** A 3-D F32 tensor; every slice must have the same rectangular shape. */
    public SafetensorsWriter put(String name, float[][][] tensor) {
        requireNonNull(name, tensor);
        int a = tensor.length;
        int b = a == 0 || tensor[0] == null ? 0 : tensor[0].length;
        int c = b == 0 ? 0 : lengthOf(name, tensor[0][0], 0);
        float[] flat = new float[a * b * c];
        for (int i = 0; i < a; i++) {
            if (tensor[i] == null || tensor[i].length != b) {
                throw new IllegalArgumentException("tensor '" + name + "': slice " + i + " does not have " + b + " rows (ragged)");
            }
            for (int j = 0; j < b; j++) {
                if (lengthOf(name, tensor[i][j], j) != c) {
                    throw new IllegalArgumentException("tensor '" + name + "': [" + i + "][" + j + "] has "
                            + tensor[i][j].length + " entries but [0][0] has " + c + " (ragged)");
                }
                System.arraycopy(tensor[i][j], 0, flat, (i * b + j) * c, c);
            }
        }
        return putFloats(name, flat, a, b, c);
    }

    /** An F32 tensor of any shape from row-major data; {@code shape} must multiply to {@code flat.length}. */
    public SafetensorsWriter putFloats(String name, float[] flat, int... shape) {
        requireNonNull(name, flat);
        requireCount(name, flat.length, shape);
        ByteBuffer buf = ByteBuffer.allocate(4 * flat.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : flat) {
            buf.putFloat(f);
        }
        return add(new Entry(name, DType.F32, shape.clone(), buf.array()));
    }

    /** An F64 tensor of any shape from row-major data. */
    public SafetensorsWriter putDoubles(String name, double[] flat, int... shape) {
        requireNonNull(name, flat);
        requireCount(name, flat.length, shape);
        ByteBuffer buf = ByteBuffer.allocate(8 * flat.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : flat) {
            buf.putDouble(d);
        }
        return add(new Entry(name, DType.F64, shape.clone(), buf.array()));
    }

    /** An I64 tensor of any shape from row-major data. */
    public SafetensorsWriter putLongs(String name, long[] flat, int... shape) {
        requireNonNull(name, flat);
        requireCount(name, flat.length, shape);
        ByteBuffer buf = ByteBuffer.allocate(8 * flat.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long l : flat) {
            buf.putLong(l);
        }
        return add(new Entry(name, DType.I64, shape.clone(), buf.array()));
    }

    /** A 1-D BOOL tensor. */
    public SafetensorsWriter put(String name, boolean[] vector) {
        requireNonNull(name, vector);
        byte[] bytes = new byte[vector.length];
        for (int i = 0; i < vector.length; i++) {
            bytes[i] = (byte) (vector[i] ? 1 : 0);
        }
        return add(new Entry(name, DType.BOOL, new int[] {vector.length}, bytes));
    }

    /** A 2-D BOOL tensor; the matrix must be rectangular. */
    public SafetensorsWriter put(String name, boolean[][] matrix) {
        requireNonNull(name, matrix);
        int rows = matrix.length;
        int cols = rows == 0 || matrix[0] == null ? 0 : matrix[0].length;
        byte[] bytes = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            if (matrix[r] == null || matrix[r].length != cols) {
                throw new IllegalArgumentException("tensor '" + name + "': row " + r + " does not have " + cols
                        + " columns (ragged)");
            }
            for (int c = 0; c < cols; c++) {
                bytes[r * cols + c] = (byte) (matrix[r][c] ? 1 : 0);
            }
        }
        return add(new Entry(name, DType.BOOL, new int[] {rows, cols}, bytes));
    }

    /** A {@code __metadata__} entry (string to string, as the format allows). */
    public SafetensorsWriter metadata(String key, String value) {
        if (key == null || value == null) {
            throw new IllegalArgumentException("metadata key and value must not be null");
        }
        metadata.put(key, value);
        return this;
    }

    /** The complete file contents. */
    public byte[] toBytes() {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", metadata);
        }
        long offset = 0;
        for (Entry e : entries) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", e.dtype().name());
            info.put("shape", e.shape());
            info.put("data_offsets", new long[] {offset, offset + e.bytes().length});
            header.put(e.name(), info);
            offset += e.bytes().length;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + padded + (int) offset);
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array();
        out.writeBytes(length);
        out.writeBytes(json);
        for (int i = json.length; i < padded; i++) {
            out.write(' ');
        }
        for (Entry e : entries) {
            out.writeBytes(e.bytes());
        }
        return out.toByteArray();
    }

    /** Writes the file (through a temporary file in the same directory, so a reader never sees half of it). */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, toBytes());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private SafetensorsWriter add(Entry entry) {
        if (entry.name().equals("__metadata__") || entry.name().isEmpty()) {
            throw new IllegalArgumentException("'" + entry.name() + "' cannot be a tensor name");
        }
        for (Entry e : entries) {
            if (e.name().equals(entry.name())) {
                throw new IllegalArgumentException("tensor '" + entry.name() + "' was already added");
            }
        }
        entries.add(entry);
        return this;
    }

    private static void requireNonNull(String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException("tensor name must not be null");
        }
        if (value == null) {
            throw new IllegalArgumentException("tensor '" + name + "' is null");
        }
    }

    private static int lengthOf(String name, Object row, int index) {
        if (row == null) {
            throw new IllegalArgumentException("tensor '" + name + "': row " + index + " is null");
        }
        return java.lang.reflect.Array.getLength(row);
    }

    private static void requireCount(String name, int count, int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension in " + java.util.Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + java.util.Arrays.toString(shape)
                    + " holds " + n + " elements but " + count + " were given");
        }
    }
}
