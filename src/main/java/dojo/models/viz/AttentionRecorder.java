package dojo.models.viz;

import dojo.nn.Module;
import dojo.nn.MultiheadAttention;
import dojo.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the attention weights of every {@link MultiheadAttention} inside a model during one run, keyed by
 * the layer's state_dict path ({@code encoder.layers.0.self_attn}): the weights each layer actually used,
 * whatever the model around it (the learner's own, built from the library). Recording is switched off
 * again when the run ends, also when it throws.
 */
public final class AttentionRecorder {

    private AttentionRecorder() {
    }

    /** The attention modules of {@code model} by path, in registration (= forward) order. */
    public static Map<String, MultiheadAttention> attentionModules(Module model) {
        Map<String, MultiheadAttention> out = new LinkedHashMap<>();
        collect("", model, out);
        return out;
    }

    /**
     * Runs {@code forward} with recording on; every call of a layer adds one [B, H, L, S] tensor to its list
     * (a decoder called step by step records one per step). Layers that did not run are absent.
     */
    public static Map<String, List<Tensor>> capture(Module model, Runnable forward) {
        Map<String, MultiheadAttention> modules = attentionModules(model);
        Map<String, List<Tensor>> recorded = new LinkedHashMap<>();
        try {
            modules.forEach((path, m) -> m.recordWeights(w -> recorded.computeIfAbsent(path, k -> new ArrayList<>()).add(w)));
            forward.run();
        } finally {
            modules.values().forEach(m -> m.recordWeights(null));
        }
        Map<String, List<Tensor>> ordered = new LinkedHashMap<>();
        modules.keySet().forEach(p -> {
            if (recorded.containsKey(p)) ordered.put(p, List.copyOf(recorded.get(p)));
        });
        return ordered;
    }

    private static void collect(String prefix, Module m, Map<String, MultiheadAttention> out) {
        if (m instanceof MultiheadAttention a) {
            out.put(prefix.isEmpty() ? "(model)" : prefix.substring(0, prefix.length() - 1), a);
            return;
        }
        m.children().forEach((name, child) -> collect(prefix + name + ".", child, out));
    }
}
