package dojo.io;

import java.util.Arrays;
import java.util.Optional;

/** The safetensors element types this project reads and writes, with their size in bytes. */
public enum DType {
    F32(4), F64(8), I64(8), I32(4), BOOL(1), U8(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** True for the floating-point types. */
    public boolean isFloating() {
        return this == F32 || this == F64;
    }

    /** The type named {@code code} in a safetensors header (e.g. {@code "F32"}), if supported. */
    public static Optional<DType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
    }
}
