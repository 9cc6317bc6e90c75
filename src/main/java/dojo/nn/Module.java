package dojo.nn;

import dojo.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The base of every layer, like {@code torch.nn.Module}: it owns named parameters, buffers and child
 * modules (in registration order), and from them derives dotted names ({@code layers.0.linear1.weight}),
 * the state dict, train/eval mode and {@link #zeroGrad()}.
 */
public abstract class Module {

    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Boolean> persistent = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a parameter (made a leaf that requires grad) under {@code name}; returns it. */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkName(name);
        Objects.requireNonNull(value, name);
        value.requiresGrad(true);
        parameters.put(name, value);
        return value;
    }

    /** Registers a buffer: state that is not trained; persistent buffers appear in the state dict. */
    protected final Tensor registerBuffer(String name, Tensor value, boolean isPersistent) {
        checkName(name);
        buffers.put(name, value);
        persistent.put(name, isPersistent);
        return value;
    }

    /** Registers a child module; its names get the prefix {@code name.}. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, Objects.requireNonNull(module, name));
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("module attribute name must be non-empty without '.', was '" + name + "'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is already registered in " + getClass().getSimpleName());
        }
    }

    /** Every parameter with its dotted name, depth-first in registration order (PyTorch's order). */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    /** The parameters, in {@link #namedParameters()} order. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The direct children, by name. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Total number of trainable values. */
    public final long parameterCount() {
        return parameters().stream().mapToLong(Tensor::numel).sum();
    }

    /** Parameters and persistent buffers by dotted name (the tensors themselves, not copies). */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean withBuffers) {
        parameters.forEach((k, v) -> out.put(prefix + k, v));
        if (withBuffers) {
            buffers.forEach((k, v) -> {
                if (persistent.get(k)) out.put(prefix + k, v);
            });
        }
        children.forEach((k, m) -> m.collect(prefix + k + ".", out, withBuffers));
    }

    /** Names the loader could not match: those the module expected and those the file had in excess. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {
        public boolean isExact() {
            return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
        }
    }

    /**
     * Copies values into this module's parameters and buffers (in place: optimizers keep working).
     * A shape mismatch is always an error; with {@code strict}, so are missing and unexpected keys
     * (like {@code load_state_dict(strict=True)}). Nothing is copied unless every check passes.
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>(new TreeSet<>(state.keySet()));
        unexpected.removeAll(own.keySet());
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(src.shape(), e.getValue().shape())) {
                mismatches.add("size mismatch for " + e.getKey() + ": the file has shape " + Arrays.toString(src.shape())
                        + ", the module expects " + Arrays.toString(e.getValue().shape()));
            }
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalArgumentException("loading the state dict into " + getClass().getSimpleName() + ": "
                    + String.join("; ", mismatches));
        }
        if (strict && (!missing.isEmpty() || !unexpected.isEmpty())) {
            StringBuilder sb = new StringBuilder("loading the state dict into " + getClass().getSimpleName() + ":");
            if (!missing.isEmpty()) sb.append(" missing keys ").append(missing);
            if (!unexpected.isEmpty()) sb.append(missing.isEmpty() ? "" : ";").append(" unexpected keys ").append(unexpected);
            throw new IllegalArgumentException(sb.toString());
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src != null) {
                double[] dst = e.getValue().array();
                double[] values = src.toArray();
                System.arraycopy(values, 0, dst, 0, dst.length);
            }
        }
        return new LoadResult(List.copyOf(missing), List.copyOf(unexpected));
    }

    /** Sets training mode here and in every descendant (dropout is active only in training). */
    public Module train(boolean on) {
        training = on;
        children.values().forEach(m -> m.train(on));
        return this;
    }

    public final Module train() {
        return train(true);
    }

    public final Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter. */
    public final void zeroGrad() {
        parameters().forEach(Tensor::zeroGrad);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + parameterCount() + " parameters)";
    }
}
