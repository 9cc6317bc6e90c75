package dojo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders results as a plain-text table, one block per group, speed-up relative to the group's first row. */
public final class BenchTable {
    private BenchTable() {}

    public static String render(List<BenchResult> results) {
        Map<String, List<BenchResult>> groups = new LinkedHashMap<>();
        for (BenchResult r : results) groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        int w = "contender".length();
        for (BenchResult r : results) w = Math.max(w, r.name().length());
        StringBuilder sb = new StringBuilder();
        String fmt = "  %-" + w + "s  %10s  %9s  %8s%n";
        for (Map.Entry<String, List<BenchResult>> e : groups.entrySet()) {
            sb.append(e.getKey()).append('\n');
            sb.append(String.format(Locale.ROOT, fmt, "contender", "ms", "GFLOP/s", "speed-up"));
            double base = e.getValue().get(0).medianMillis();
            for (BenchResult r : e.getValue()) {
                sb.append(String.format(Locale.ROOT, fmt, r.name(), millis(r.medianMillis()),
                        String.format(Locale.ROOT, "%.1f", r.gflops()), String.format(Locale.ROOT, "%.1fx", base / r.medianMillis())));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String millis(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : ms >= 10 ? String.format(Locale.ROOT, "%.1f", ms)
                : String.format(Locale.ROOT, "%.2f", ms);
    }
}
