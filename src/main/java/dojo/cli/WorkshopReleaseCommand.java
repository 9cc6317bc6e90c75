package dojo.cli;

import dojo.DojoException;
import dojo.workshop.release.Leak;
import dojo.workshop.release.LeakCheck;
import dojo.workshop.release.PublicGolden;
import dojo.workshop.release.StarterRelease;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dojo workshop release}: the learners' starter repo, leak-checked. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Write the learners' starter repo and leak-check it.",
            "No solutions/, hidden suites, mutants or golden values only hidden suites use; checksums of the framework",
            "files; a leak check that fails the release if anything slipped in.",
            "Exit code: 0 released and clean, 1 the leak check found something (listed), 2 bad usage."},
        footer = {"", "Examples:", "  ./dojo workshop release --out ../attention-starter --git",
            "  ./dojo workshop release --check ../attention-starter     (check an existing starter again)"})
final class WorkshopReleaseCommand implements Callable<Integer> {
    @ParentCommand
    WorkshopCommand parent;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--out", paramLabel = "DIR", description = "Write the starter here (a new or empty folder).")
        Path out;

        @Option(names = "--check", paramLabel = "DIR", description = "Only run the leak check on an existing starter.")
        Path check;
    }

    @Option(names = "--git", description = "Make the starter a git repository with one commit (no history of the host's).")
    boolean git;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Path project = parent.projectDir();
        if (target.check != null) {
            Path dir = target.check.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw DojoException.badInput("--check: " + target.check + " is not a folder");
            }
            List<Leak> leaks = new LeakCheck(project, PublicGolden.scan(project)).scan(dir);
            return report(w, leaks, dir);
        }
        Path out = target.out.toAbsolutePath().normalize();
        if (out.startsWith(project)) {
            throw DojoException.badInput("--out: " + target.out + " is inside the checkout; choose a folder outside it");
        }
        if (Files.exists(out) && !isEmptyDir(out)) {
            throw DojoException.badInput("--out: " + target.out + " exists and is not empty");
        }
        StarterRelease.Result r = StarterRelease.release(project, out);
        w.println("wrote " + r.files() + " files to " + out + " (" + r.checksums().size() + " framework checksums in "
                + StarterRelease.CHECKSUMS + ")");
        if (!r.goldenCasesRemoved().isEmpty()) {
            w.println("golden cases left out (only hidden suites use them): " + r.goldenCasesRemoved().size());
        }
        int code = report(w, r.leaks(), out);
        if (code != 0) {
            return code;
        }
        Path sums = parent.layout().checksums();
        try {
            Files.createDirectories(sums.getParent());
            Files.writeString(sums, String.join("\n", r.checksums()) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DojoException.badInput("cannot write " + sums + ": " + e.getMessage());
        }
        w.println("checksums kept for 'collect' in " + sums);
        if (git) {
            gitInit(out);
            w.println("git repository with one commit in " + out);
        }
        w.flush();
        return 0;
    }

    private static int report(PrintWriter w, List<Leak> leaks, Path dir) {
        if (leaks.isEmpty()) {
            w.println("leak check: clean (no solutions, hidden suites, mutants or hidden-only golden cases in " + dir + ")");
            w.flush();
            return 0;
        }
        w.println("leak check FAILED: " + leaks.size() + " problem(s) in " + dir + ":");
        for (Leak l : leaks) {
            w.println("  " + l);
        }
        w.println("do not hand this folder out; fix the checkout (or remove the files) and release again");
        w.flush();
        return DojoException.CHECK_FAILED;
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void gitInit(Path out) {
        run(out, "git", "init", "-q");
        run(out, "git", "add", "-A");
        run(out, "git", "-c", "user.name=Attention Dojo", "-c", "user.email=dojo@localhost", "commit", "-q", "-m", "Starter repo");
    }

    private static void run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw DojoException.badInput(String.join(" ", cmd) + " failed in " + dir + ": " + text.strip());
            }
        } catch (IOException e) {
            throw DojoException.badInput("cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DojoException.badInput("interrupted");
        }
    }
}
