package dojo.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recording side of reverse-mode differentiation.
 *
 * <p>Every operation on a tensor that requires a gradient records a {@link Node} on its result: the
 * operation's name, its inputs and its {@link GradFn}. Together these nodes form the tape (a graph,
 * since a tensor can feed several operations). {@link Tensor#backward()} walks it in reverse
 * topological order, calling each backward once with the summed gradient of its output.
 *
 * <p>Whether operations record is per thread, like PyTorch's grad mode: {@link #noGrad()} turns it off
 * until the returned scope is closed (use try-with-resources). This is the one piece of thread-local
 * state in the package, and the scope restores whatever was there before, so scopes nest.
 */
public final class Autograd {

    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private Autograd() {
    }

    /** A scope that restores the previous grad mode when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** True if operations on this thread record their backward. */
    public static boolean isGradEnabled() {
        return ENABLED.get();
    }

    /** Turns recording off on this thread until the scope is closed: {@code try (var s = Autograd.noGrad()) {...}}. */
    public static Scope noGrad() {
        return setGradEnabled(false);
    }

    /** Turns recording on (inside a {@link #noGrad()} scope) until the returned scope is closed. */
    public static Scope enableGrad() {
        return setGradEnabled(true);
    }

    private static Scope setGradEnabled(boolean enabled) {
        boolean previous = ENABLED.get();
        ENABLED.set(enabled);
        return () -> ENABLED.set(previous);
    }

    /**
     * Records a custom operation: {@code result} (a fresh tensor computed from {@code inputs}, without
     * a gradient history of its own) becomes the output of a node whose backward is {@code fn}. If
     * recording is off or no input requires a gradient, {@code result} is returned unchanged. This is
     * how the library's own operations are written, and how learners add an operation with a
     * hand-written backward (check it with {@link GradCheck}).
     */
    public static Tensor record(String op, Tensor result, GradFn fn, Tensor... inputs) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(fn, "fn");
        if (!isGradEnabled()) return result;
        boolean any = false;
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                any = true;
                break;
            }
        }
        if (!any) return result;
        if (result.node != null || result.requiresGrad) {
            throw new IllegalArgumentException(op + ": the result passed to Autograd.record already has a gradient"
                    + " history; compute it from plain values (for example under Autograd.noGrad())");
        }
        result.node = new Node(op, inputs.clone(), fn);
        result.requiresGrad = true;
        return result;
    }

    /** Runs the backward pass from {@code root} seeded with {@code seed} (same shape as root). */
    static void backward(Tensor root, Tensor seed) {
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, seed);
        try (Scope s = noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) continue;
                if (t.node == null || t.retainsGrad) {
                    t.accumulateGrad(g);
                }
                Node node = t.node;
                if (node == null) continue;
                Tensor[] gin = node.fn().backward(g);
                if (gin == null || gin.length != node.inputs().length) {
                    throw new IllegalStateException(node.op() + ": backward returned "
                            + (gin == null ? "null" : gin.length + " gradients") + " for "
                            + node.inputs().length + " inputs");
                }
                for (int k = 0; k < gin.length; k++) {
                    Tensor in = node.inputs()[k];
                    if (in == null || !in.requiresGrad() || gin[k] == null) continue;
                    if (!Shape.same(gin[k].shape, in.shape)) {
                        throw new IllegalStateException(node.op() + ": backward returned a gradient of shape "
                                + Shape.text(gin[k].shape) + " for input " + k + " of shape " + Shape.text(in.shape));
                    }
                    grads.merge(in, gin[k], Tensor::add);
                }
            }
        }
    }

    /** Tensors reachable from root, every input before the tensors computed from it. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = t.node == null ? new Tensor[0] : t.node.inputs();
            boolean pushed = false;
            while (next < inputs.length) {
                Tensor in = inputs[next++];
                if (in != null && in.requiresGrad() && seen.put(in, Boolean.TRUE) == null) {
                    frame[1] = next;
                    stack.push(new Object[] {in, 0});
                    pushed = true;
                    break;
                }
            }
            if (!pushed) {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
