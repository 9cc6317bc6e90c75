package dojo.grading;

import dojo.exercise.api.NotImplementedYet;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles the exercises of a source tree ({@code exercises/}, {@code solutions/}, a submission) in-process with
 * javac against the framework classpath, into {@code target/dojo/compiled/<tree-name>-<hash>/<content-hash>/}.
 *
 * <p>All exercises are compiled together first; if that fails, each exercise is compiled on its own (with the
 * exercises it {@code requires}), so one broken exercise does not stop the others from being graded. Output
 * is keyed by a hash of the sources and the exercise API, so an unchanged tree is not compiled again.
 */
public final class TreeCompiler {
    private static final int MAX_DIAGNOSTICS = 8;
    private static final Duration KEEP_OLD_OUTPUTS = Duration.ofHours(1);

    private final Path projectDir;
    private final Path outputRoot;
    private final ClassLoader parent;
    private final List<Path> classpath;

    /**
     * @param projectDir the checkout (diagnostic paths are relative to it; output goes to its target/)
     * @param parent the loader of the framework (exercise API, JDK); parent of every tree loader
     */
    public TreeCompiler(Path projectDir, ClassLoader parent) {
        this(projectDir, projectDir.resolve("target").resolve("dojo").resolve("compiled"), parent);
    }

    public TreeCompiler(Path projectDir, Path outputRoot, ClassLoader parent) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.outputRoot = outputRoot.toAbsolutePath().normalize();
        this.parent = parent;
        this.classpath = frameworkClasspath();
    }

    /** Compiles {@code wanted} (and what they require) from {@code tree}. */
    public CompiledTree compile(Path tree, ExerciseIndex index, Collection<ExerciseInfo> wanted) {
        Path root = tree.toAbsolutePath().normalize();
        Set<ExerciseInfo> scopeSet = new LinkedHashSet<>();
        for (ExerciseInfo w : wanted) {
            scopeSet.addAll(index.withRequirements(w));
        }
        List<ExerciseInfo> scope = index.exercises().stream().filter(scopeSet::contains).collect(Collectors.toList());

        Map<String, ExerciseBuild> builds = new LinkedHashMap<>();
        Map<String, List<Path>> sources = new LinkedHashMap<>();
        for (ExerciseInfo e : scope) {
            Path dir = root.resolve(e.id());
            if (!Files.isDirectory(dir)) {
                builds.put(e.id(), new ExerciseBuild.Missing(display(dir) + "/ not found"));
                continue;
            }
            List<Path> files = javaFiles(dir);
            Path impl = root.resolve(e.implementationFile());
            if (!Files.isRegularFile(impl)) {
                builds.put(e.id(), new ExerciseBuild.Missing(display(impl) + " not found"));
                continue;
            }
            sources.put(e.id(), files);
        }
        List<Closeable> loaders = new ArrayList<>();
        if (sources.isEmpty()) {
            return new CompiledTree(root, builds, loaders);
        }
        Path base = outputRoot.resolve(treeName(root)).resolve(contentHash(root, sources));

        List<Path> all = sources.values().stream().flatMap(List::stream).collect(Collectors.toList());
        Attempt together = compileOnce(all, base.resolve("all"));
        if (together.ok()) {
            TreeClassLoader loader = new TreeClassLoader("dojo-tree-" + root.getFileName(), together.dir(), parent);
            loaders.add(loader);
            for (String id : sources.keySet()) {
                builds.put(id, new ExerciseBuild.Compiled(loader));
            }
        } else {
            for (ExerciseInfo e : scope) {
                if (!sources.containsKey(e.id())) {
                    continue;
                }
                // with what it requires (index order: those were compiled before it); if that fails, alone: an
                // exercise that does not use a broken requirement (an untouched stub) is still graded
                List<ExerciseInfo> needed = index.withRequirements(e);
                List<Path> files = needed.stream().filter(n -> sources.containsKey(n.id()))
                        .flatMap(n -> sources.get(n.id()).stream()).collect(Collectors.toList());
                Attempt attempt = compileOnce(files, base.resolve(e.id()));
                if (!attempt.ok() && needed.size() > 1) {
                    Attempt alone = compileOnce(sources.get(e.id()), base.resolve(e.id() + "-alone"));
                    if (alone.ok()) {
                        attempt = alone;
                    }
                }
                if (attempt.ok()) {
                    TreeClassLoader loader = new TreeClassLoader("dojo-tree-" + e.id(), attempt.dir(), parent);
                    loaders.add(loader);
                    builds.put(e.id(), new ExerciseBuild.Compiled(loader));
                } else {
                    List<String> broken = needed.stream().filter(n -> !n.id().equals(e.id()))
                            .filter(n -> builds.get(n.id()) instanceof ExerciseBuild.Failed || builds.get(n.id()) instanceof ExerciseBuild.Missing)
                            .map(ExerciseInfo::id).collect(Collectors.toList());
                    builds.put(e.id(), failed(e, root, attempt.diagnostics(), broken));
                }
            }
        }
        prune(base);
        // keep index order
        Map<String, ExerciseBuild> ordered = new LinkedHashMap<>();
        for (ExerciseInfo e : scope) {
            ordered.put(e.id(), builds.get(e.id()));
        }
        return new CompiledTree(root, ordered, loaders);
    }

    private ExerciseBuild.Failed failed(ExerciseInfo e, Path root, List<Diag> diags, List<String> brokenRequirements) {
        String own = display(root.resolve(e.id())) + "/";
        List<Diag> mine = diags.stream().filter(d -> d.file().startsWith(own)).collect(Collectors.toList());
        List<String> lines = new ArrayList<>();
        if (!brokenRequirements.isEmpty()) {
            // it uses code of an exercise that does not compile: say which, then its own errors if it has any
            String needs = e.id() + " needs " + String.join(" and ", brokenRequirements) + ", which "
                    + (brokenRequirements.size() == 1 ? "does" : "do") + " not compile: fix "
                    + (brokenRequirements.size() == 1 ? "it" : "them") + " first";
            lines.add(needs);
            mine.stream().limit(MAX_DIAGNOSTICS).forEach(d -> lines.add(d.toString()));
            return new ExerciseBuild.Failed(lines, needs);
        }
        if (mine.isEmpty() && !diags.isEmpty()) {
            String other = diags.get(0).file();
            lines.add("does not compile because a required exercise does not compile:");
            diags.stream().limit(MAX_DIAGNOSTICS).forEach(d -> lines.add(d.toString()));
            return new ExerciseBuild.Failed(lines, "required code does not compile: " + other);
        }
        List<Diag> shown = mine.isEmpty() ? diags : mine;
        shown.stream().limit(MAX_DIAGNOSTICS).forEach(d -> lines.add(d.toString()));
        if (shown.size() > MAX_DIAGNOSTICS) {
            lines.add("(and " + (shown.size() - MAX_DIAGNOSTICS) + " more errors)");
        }
        if (lines.isEmpty()) {
            lines.add(display(root.resolve(e.id())) + ": javac failed without a diagnostic");
        }
        return new ExerciseBuild.Failed(lines, lines.get(0));
    }

    // ---- javac ------------------------------------------------------------------------------------------------

    private record Diag(String file, long line, long column, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": error: " + message;
        }
    }

    private record Attempt(boolean ok, Path dir, List<Diag> diagnostics) {}

    private Attempt compileOnce(List<Path> files, Path out) {
        if (Files.isRegularFile(out.resolve(".ok"))) {
            return new Attempt(true, out, List.of());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run dojo with a JDK, not a JRE");
        }
        Path tmp;
        try {
            Files.createDirectories(out.getParent());
            tmp = Files.createTempDirectory(out.getParent(), out.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out.getParent(), e);
        }
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8)) {
            fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(tmp));
            fm.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
            fm.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            List<String> options = List.of("-encoding", "UTF-8", "-g", "-proc:none", "-implicit:none", "-nowarn",
                    "-Xlint:none", "-Xmaxerrs", "50");
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            ok = javac.getTask(new StringWriter(), fm, collector, options, null, units).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!ok) {
            FileTrees.deleteQuietly(tmp);
            List<Diag> diags = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                String file = d.getSource() == null ? "javac" : display(pathOf(d.getSource().toUri()));
                String msg = d.getMessage(Locale.ROOT);
                int nl = msg.indexOf('\n');
                diags.add(new Diag(file, d.getLineNumber(), d.getColumnNumber(), nl > 0 ? msg.substring(0, nl) : msg));
            }
            return new Attempt(false, out, diags);
        }
        try {
            Files.writeString(tmp.resolve(".ok"), Instant.now().toString());
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                FileTrees.deleteQuietly(tmp); // another process compiled the same content first
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out);
            }
        } catch (IOException e) {
            if (!Files.isRegularFile(out.resolve(".ok"))) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
        }
        return new Attempt(true, out, List.of());
    }

    private static Path pathOf(URI uri) {
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Path.of(uri.getPath());
        }
    }

    /** A path as the learner should see it: relative to the project when inside it, with '/'. */
    String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        String s = abs.startsWith(projectDir) ? projectDir.relativize(abs).toString() : abs.toString();
        return s.replace(File.separatorChar, '/');
    }

    // ---- classpath, hashing, housekeeping ---------------------------------------------------------------------

    /** The classpath the framework runs with, plus where the framework's own classes were loaded from. */
    static List<Path> frameworkClasspath() {
        Set<Path> out = new LinkedHashSet<>(HostClasspath.current());
        for (Class<?> c : new Class<?>[] {NotImplementedYet.class, TreeCompiler.class}) {
            Path p = codeSource(c);
            if (p != null && Files.exists(p)) {
                out.add(p);
            }
        }
        return new ArrayList<>(out);
    }

    static Path codeSource(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static List<Path> javaFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    private static String treeName(Path root) {
        String name = root.getFileName() == null ? "tree" : root.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
        return name + "-" + hex(sha256(root.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 10);
    }

    private String contentHash(Path root, Map<String, List<Path>> sources) {
        MessageDigest md = digest();
        md.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
        for (List<Path> files : sources.values()) {
            for (Path f : files) {
                md.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                try {
                    md.update(Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + f, e);
                }
                md.update((byte) 0);
            }
        }
        apiFingerprint(md);
        return hex(md.digest()).substring(0, 16);
    }

    /** The exercise API's class files: if an interface changes, learner code must be compiled again. */
    private static void apiFingerprint(MessageDigest md) {
        Path loc = codeSource(NotImplementedYet.class);
        if (loc == null) {
            return;
        }
        try {
            if (Files.isDirectory(loc)) {
                Path api = loc.resolve("dojo/exercise/api");
                if (Files.isDirectory(api)) {
                    try (Stream<Path> s = Files.list(api)) {
                        for (Path f : s.sorted().collect(Collectors.toList())) {
                            md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                            md.update(Files.readAllBytes(f));
                        }
                    }
                }
            } else {
                md.update((Files.size(loc) + ":" + Files.getLastModifiedTime(loc)).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            md.update(Instant.now().toString().getBytes(StandardCharsets.UTF_8)); // unknown: never reuse
        }
    }

    /** Removes outputs of older contents of the same tree that nobody used for a while. */
    private static void prune(Path keep) {
        Path dir = keep.getParent();
        FileTime cutoff = FileTime.from(Instant.now().minus(KEEP_OLD_OUTPUTS));
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.collect(Collectors.toList())) {
                if (!p.equals(keep) && Files.getLastModifiedTime(p).compareTo(cutoff) < 0) {
                    FileTrees.deleteQuietly(p);
                }
            }
        } catch (IOException e) {
            // housekeeping only
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] b) {
        return digest().digest(b);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
