package dojo.workshop.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the operating system offers to isolate a submission, probed once per batch.
 *
 * @param namespaces {@code unshare -rnm --fork --pid} works without root: a user, network, mount and PID namespace
 *     (no network, the host's files read-only, the solutions and other learners' work hidden, every process the
 *     submission starts dies with it)
 * @param prlimit {@code prlimit} is there: CPU, address-space, file-size, open-file and core limits
 * @param bubblewrap {@code bwrap} is installed (detected and reported; the namespaces above give the same isolation)
 * @param linux the host is Linux
 */
public record Isolation(boolean namespaces, boolean prlimit, boolean bubblewrap, boolean linux) {

    /** No isolation at all (tests, or a host without the tools). */
    public static Isolation none() {
        return new Isolation(false, false, false, isLinux());
    }

    /** Probes the tools. */
    public static Isolation detect() {
        boolean linux = isLinux();
        if (!linux) {
            return new Isolation(false, false, false, false);
        }
        boolean ns = runs("unshare", "-rnm", "--fork", "--pid", "--propagation", "private", "true");
        boolean pl = runs("prlimit", "--cpu=5", "--", "true");
        boolean bw = runs("bwrap", "--version");
        return new Isolation(ns, pl, bw, true);
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    private static boolean runs(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One line for reports, e.g. "unshare (no network, read-only host, hidden solutions, PID namespace) + prlimit". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("own JVM per submission (-Xmx, per-test time limit, wall-clock limit, output cap)");
        if (namespaces) {
            parts.add("unshare: user+network+mount+PID namespaces (no network, host files read-only, solutions/hidden"
                    + " tests/other submissions hidden, child processes die with the submission)");
        } else {
            parts.add("NO namespaces (unshare -rn unavailable): the submission can use the network and read the host's files");
        }
        parts.add(prlimit ? "prlimit: CPU, address space, file size, open files, no core dumps"
                : "NO prlimit: CPU, address-space and file-size limits not in force");
        parts.add(bubblewrap ? "bubblewrap installed (not needed: unshare gives the same namespaces)" : "bubblewrap not installed");
        return String.join("; ", parts);
    }
}
