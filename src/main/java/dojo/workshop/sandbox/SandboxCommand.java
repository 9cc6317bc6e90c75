package dojo.workshop.sandbox;

import dojo.workshop.Limits;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line that starts one grading JVM under the isolation in force.
 *
 * <p>With namespaces: {@code unshare -rnm --fork --pid} runs a small shell script as PID 1 of new user, network,
 * mount and PID namespaces. It makes every top-level folder read-only, covers the folders to hide with empty
 * read-only tmpfs mounts (the job's own parent included, so concurrent jobs cannot see each other), mounts the job
 * folder back read-write (from the working directory, which still refers to it), then {@code exec}s prlimit and
 * java. Only loopback exists in the network namespace, and when the JVM (PID 1) ends, the kernel kills every
 * process it started.
 */
public final class SandboxCommand {
    private static final List<String> NEVER_READ_ONLY = List.of("proc", "sys", "dev");

    private SandboxCommand() {}

    public static List<String> build(SandboxSpec spec, Path job, List<String> exerciseIds) {
        Limits l = spec.limits();
        List<String> java = new ArrayList<>();
        java.add(spec.java().toString());
        java.add("-Xmx" + (l.memoryBytes() >> 20) + "m");
        java.add("-Xss1m");
        java.add("-XX:+UseSerialGC");
        java.add("-XX:ActiveProcessorCount=1");
        java.add("-XX:ReservedCodeCacheSize=64m");
        java.add("-XX:CompressedClassSpaceSize=64m");
        java.add("-XX:MaxMetaspaceSize=256m");
        java.add("-XX:-UsePerfData");
        java.add("-Xshare:auto");
        java.add("-Dfile.encoding=UTF-8");
        java.add("-Djava.io.tmpdir=" + job.resolve("tmp"));
        java.add("-Duser.home=" + job);
        java.add("-Ddojo.project.dir=" + job);
        java.add("-cp");
        java.add(spec.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        java.add(GradeOneMain.class.getName());
        java.add(job.toString());
        java.add(String.valueOf(l.testTimeout().toMillis()));
        java.addAll(exerciseIds);

        List<String> limited = new ArrayList<>();
        if (spec.isolation().prlimit()) {
            long cpu = Math.max(1, l.cpu().toSeconds());
            limited.add("prlimit");
            limited.add("--cpu=" + cpu + ":" + (cpu + 5));
            limited.add("--as=" + l.addressSpaceBytes());
            limited.add("--fsize=" + l.fileSizeBytes());
            limited.add("--nofile=1024");
            limited.add("--core=0");
            limited.add("--");
        }
        limited.addAll(java);
        if (!spec.isolation().namespaces()) {
            return limited;
        }
        StringBuilder script = new StringBuilder("set -e\n");
        script.append("cd ").append(q(job.toString())).append('\n');
        for (Path top : topLevelDirs()) {
            script.append("mount --rbind ").append(q(top.toString())).append(' ').append(q(top.toString())).append('\n');
            script.append("mount -o remount,bind,ro ").append(q(top.toString()))
                    .append(" || echo 'dojo sandbox: could not make ").append(top).append(" read-only' >&2\n");
        }
        List<Path> hide = new ArrayList<>(spec.hide());
        hide.add(job.getParent());
        for (Path h : hide) {
            if (Files.isDirectory(h)) {
                script.append("mount -t tmpfs -o size=16k,mode=755 tmpfs ").append(q(h.toString())).append('\n');
            }
        }
        script.append("mkdir -p ").append(q(job.toString())).append('\n');
        for (Path h : hide) {
            if (Files.isDirectory(h)) {
                script.append("mount -o remount,ro ").append(q(h.toString())).append('\n');
            }
        }
        // the working directory still refers to the job folder under the tmpfs: -c keeps mount from resolving '.' by name
        script.append("mount -c --bind . ").append(q(job.toString())).append('\n');
        script.append("cd ").append(q(job.toString())).append('\n');
        script.append("exec");
        for (String a : limited) {
            script.append(' ').append(q(a));
        }
        script.append('\n');
        List<String> cmd = new ArrayList<>(List.of("unshare", "-rnm", "--fork", "--pid", "--propagation", "private", "--",
                "/bin/sh", "-c", script.toString()));
        return cmd;
    }

    private static List<Path> topLevelDirs() {
        try (Stream<Path> s = Files.list(Path.of("/"))) {
            return s.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p))
                    .filter(p -> !NEVER_READ_ONLY.contains(p.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A single-quoted shell word. */
    static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
