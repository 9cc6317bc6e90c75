package dojo.tensor;

import dojo.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A golden safetensors file of scripts/golden/tensor.py, read as double tensors by case. */
public final class GoldenFile {

    private final Safetensors file;

    private GoldenFile(Safetensors file) {
        this.file = file;
    }

    public static GoldenFile load(String name) {
        Path p = Path.of(System.getProperty("dojo.project.dir", "."), "src/test/resources/golden/tensor", name);
        try {
            return new GoldenFile(Safetensors.read(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String[] cases() {
        return file.metadata().get("cases").split(",");
    }

    public String metadata(String key) {
        return file.metadata().get(key);
    }

    public boolean has(String caseName, String tensor) {
        return file.contains(caseName + "." + tensor);
    }

    public Tensor get(String caseName, String tensor) {
        String n = caseName + "." + tensor;
        return Tensor.of(file.doubles(n), file.shape(n));
    }

    public int[] ints(String caseName, String tensor) {
        long[] l = file.longs(caseName + "." + tensor);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) out[i] = (int) l[i];
        return out;
    }

    /** Every tensor of a case whose name (after the case prefix) is a key of {@code names}. */
    public Map<String, Tensor> select(String caseName, Iterable<String> names) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String k : names) out.put(k, get(caseName, k));
        return out;
    }
}
