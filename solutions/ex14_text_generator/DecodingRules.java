package ex14_text_generator;

import dojo.exercise.api.Sampler;
import dojo.exercise.api.SamplingConfig;
import dojo.tensor.Generator;
import dojo.tensor.Tensor;
import java.util.Arrays;

/**
 * Greedy decoding and sampling with temperature, top-k and top-p, row by row on [B, V] logits. Order:
 * temperature on the logits (before the softmax: dividing probabilities by T would change nothing after
 * renormalising), softmax, top-k, top-p on what top-k left, renormalise, one uniform draw per row.
 */
public final class DecodingRules implements Sampler {

    @Override
    public int[] greedy(Tensor logits) {
        double[][] rows = rows(logits);
        int[] out = new int[rows.length];
        for (int b = 0; b < rows.length; b++) {
            int best = 0;
            for (int i = 1; i < rows[b].length; i++) if (rows[b][i] > rows[b][best]) best = i;   // strict: lowest id wins ties
            out[b] = best;
        }
        return out;
    }

    @Override
    public Tensor probabilities(Tensor logits, SamplingConfig config) {
        if (config == null) throw new IllegalArgumentException("config is null");
        double[][] rows = rows(logits);
        int v = rows[0].length;
        double[] out = new double[rows.length * v];
        for (int b = 0; b < rows.length; b++) {
            double[] p = filtered(rows[b], config);
            System.arraycopy(p, 0, out, b * v, v);
        }
        return Tensor.of(out, rows.length, v);
    }

    @Override
    public int[] sample(Tensor logits, SamplingConfig config, Generator generator) {
        if (generator == null) throw new IllegalArgumentException("generator is null");
        Tensor probs = probabilities(logits, config);
        int v = probs.size(1);
        double[] p = probs.toArray();
        int[] out = new int[probs.size(0)];
        for (int b = 0; b < out.length; b++) {
            double u = generator.nextDouble();          // one uniform per row: inverse CDF
            double cumulative = 0;
            int chosen = -1;
            for (int i = 0; i < v; i++) {
                double pi = p[b * v + i];
                if (pi <= 0) continue;                  // removed tokens are never drawn
                chosen = i;
                cumulative += pi;
                if (u < cumulative) break;
            }
            out[b] = chosen;                            // rounding left u >= the total: the last kept token
        }
        return out;
    }

    private static double[] filtered(double[] logits, SamplingConfig c) {
        int v = logits.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : logits) max = Math.max(max, x / c.temperature());
        double[] p = new double[v];
        double sum = 0;
        for (int i = 0; i < v; i++) {
            p[i] = Math.exp(logits[i] / c.temperature() - max);       // max subtracted: no overflow at small T
            sum += p[i];
        }
        for (int i = 0; i < v; i++) p[i] /= sum;
        if (c.topK() > 0 && c.topK() < v) {
            double[] sorted = p.clone();
            Arrays.sort(sorted);
            double kth = sorted[v - c.topK()];                         // the k-th largest; ties with it stay
            for (int i = 0; i < v; i++) if (p[i] < kth) p[i] = 0;
            renormalise(p);
        }
        if (c.topP() < 1) {
            double[] sorted = p.clone();
            Arrays.sort(sorted);
            double cumulative = 0;
            double last = sorted[v - 1];
            for (int i = v - 1; i >= 0; i--) {                         // most probable first
                cumulative += sorted[i];
                last = sorted[i];
                if (cumulative >= c.topP()) break;                      // this token crosses p: it is kept
            }
            for (int i = 0; i < v; i++) if (p[i] < last) p[i] = 0;      // ties with the last kept token stay
            renormalise(p);
        }
        return p;
    }

    private static void renormalise(double[] p) {
        double sum = 0;
        for (double x : p) sum += x;
        for (int i = 0; i < p.length; i++) p[i] /= sum;
    }

    private static double[][] rows(Tensor logits) {
        if (logits == null) throw new IllegalArgumentException("logits is null");
        int[] s = logits.shape();
        if (s.length != 2 || s[0] < 1 || s[1] < 1) {
            throw new IllegalArgumentException("logits must be [B, V] with B, V >= 1, shape is " + Arrays.toString(s));
        }
        double[] flat = logits.toArray();
        double[][] out = new double[s[0]][];
        for (int b = 0; b < s[0]; b++) out[b] = Arrays.copyOfRange(flat, b * s[1], (b + 1) * s[1]);
        return out;
    }
}
