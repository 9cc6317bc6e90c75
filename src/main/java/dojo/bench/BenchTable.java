package dojo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders results as a plain-text table, one block per group, speed-up relative to the group's first row; a
 * variant of the group's work (a result with {@code comparedWith}) gets a line under the table instead: its time
 * and flops as fractions of the row it is compared with.
 * When the results include the FMA ceiling ({@link BenchSuite#PEAK_GROUP}), every row also shows its
 * GFLOP/s as a fraction of the ceiling for its thread count (the ceiling rows report their best run).
 */
public final class BenchTable {
    private BenchTable() {}

    public static String render(List<BenchResult> results) {
        Map<String, List<BenchResult>> groups = new LinkedHashMap<>();
        for (BenchResult r : results) groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        int w = "contender".length();
        for (BenchResult r : results) w = Math.max(w, r.name().length());
        Map<Integer, Double> peaks = new LinkedHashMap<>();
        for (BenchResult r : groups.getOrDefault(BenchSuite.PEAK_GROUP, List.of())) peaks.put(r.threads(), r.bestGflops());
        boolean withPeak = !peaks.isEmpty();
        StringBuilder sb = new StringBuilder();
        String fmt = "  %-" + w + "s  %10s  %9s  %8s" + (withPeak ? "  %7s" : "%s") + "%n";
        for (Map.Entry<String, List<BenchResult>> e : groups.entrySet()) {
            boolean peakGroup = e.getKey().equals(BenchSuite.PEAK_GROUP);
            sb.append(e.getKey()).append(peakGroup ? " (best run)" : "").append('\n');
            sb.append(String.format(Locale.ROOT, fmt, "contender", "ms", "GFLOP/s", "speed-up", withPeak ? "of peak" : ""));
            double base = e.getValue().get(0).medianMillis();
            List<String> variants = new ArrayList<>();
            for (BenchResult r : e.getValue()) {
                double ms = peakGroup ? r.bestMillis() : r.medianMillis(), gf = peakGroup ? r.bestGflops() : r.gflops();
                Double peak = peaks.get(r.threads());
                String of = !withPeak ? "" : peak == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * gf / peak);
                // a variant of the group's work has no speed-up over the first row: it is compared with its own row below
                String speedUp = r.comparedWith() != null ? "-" : String.format(Locale.ROOT, "%.1fx", base / ms);
                sb.append(String.format(Locale.ROOT, fmt, r.name(), millis(ms), String.format(Locale.ROOT, "%.1f", gf), speedUp, of));
                if (r.comparedWith() != null) {
                    e.getValue().stream().filter(x -> x.name().equals(r.comparedWith())).findFirst().ifPresent(x -> variants.add(
                            String.format(Locale.ROOT, "  %s: %.2fx the time of %s, for %.2fx its flops%n", r.name(),
                                    r.medianMillis() / x.medianMillis(), x.name(), r.flops() / x.flops())));
                }
            }
            variants.forEach(sb::append);
            sb.append('\n');
        }
        return sb.toString();
    }

    static String millis(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : ms >= 10 ? String.format(Locale.ROOT, "%.1f", ms)
                : String.format(Locale.ROOT, "%.2f", ms);
    }
}
