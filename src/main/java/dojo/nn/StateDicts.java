package dojo.nn;

import dojo.io.DType;
import dojo.io.Safetensors;
import dojo.io.SafetensorsWriter;
import dojo.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * State dicts as safetensors files with PyTorch's dotted names, so that
 * {@code safetensors.torch.save_file(model.state_dict(), path)} loads here and a file saved here loads
 * with {@code model.load_state_dict(safetensors.torch.load_file(path))}.
 */
public final class StateDicts {

    private StateDicts() {
    }

    /** Every tensor of a file, widened to double (F32 exactly; integer and bool tensors as their values). */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Safetensors st = Safetensors.read(file);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : st.names()) {
            out.put(name, Tensor.of(st.doubles(name), st.shape(name)));
        }
        return out;
    }

    /** Writes tensors as F32 (rounded) or F64 (exact), with optional string metadata. */
    public static void write(Map<String, Tensor> tensors, Path file, DType dtype, Map<String, String> metadata) throws IOException {
        if (dtype != DType.F32 && dtype != DType.F64) {
            throw new IllegalArgumentException("state dicts are written as F32 or F64, not " + dtype);
        }
        SafetensorsWriter w = new SafetensorsWriter();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            if (dtype == DType.F64) w.putDoubles(e.getKey(), t.toArray(), t.shape());
            else w.putFloats(e.getKey(), t.toFloatArray(), t.shape());
        }
        metadata.forEach(w::metadata);
        w.write(file);
    }

    /** Saves a module's state dict. */
    public static void save(Module module, Path file, DType dtype) throws IOException {
        write(module.stateDict(), file, dtype, Map.of());
    }

    /** Loads a file into a module ({@link Module#loadStateDict} rules; the file's path is named in errors). */
    public static Module.LoadResult load(Module module, Path file, boolean strict) throws IOException {
        Map<String, Tensor> state = read(file);
        try {
            return module.loadStateDict(state, strict);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
