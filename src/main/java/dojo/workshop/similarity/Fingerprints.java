package dojo.workshop.similarity;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Token-normalised fingerprints of Java code, as in Dolos / MOSS: the JDK's own parser turns each file into its
 * syntax tree, the tree is walked into a stream of node kinds (names and literal values dropped, so renaming and
 * reformatting change nothing), every run of {@link #K} kinds is hashed, and winnowing keeps the smallest hash of
 * every {@link #WINDOW} consecutive ones. Each fingerprint remembers the lines it covers.
 */
public final class Fingerprints {
    public static final int K = 12;
    public static final int WINDOW = 4;

    /** A token: the kind of a syntax node and the line it starts on. */
    record Token(String kind, int line) {}

    /** Lines of one file covered by a fingerprint. */
    public record Span(String file, int firstLine, int lastLine) {}

    private Fingerprints() {}

    /** Fingerprint hash to the places it occurs, for the given files (name to source text). */
    public static Map<Long, List<Span>> of(Map<String, String> files) {
        Map<Long, List<Span>> out = new HashMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            List<Token> tokens = tokens(f.getKey(), f.getValue());
            long[] hashes = new long[Math.max(0, tokens.size() - K + 1)];
            for (int i = 0; i < hashes.length; i++) {
                long h = 1125899906842597L;
                for (int j = i; j < i + K; j++) {
                    h = 31 * h + tokens.get(j).kind().hashCode();
                }
                hashes[i] = h;
            }
            int lastPicked = -1;
            for (int w = 0; w + WINDOW <= hashes.length || (w == 0 && hashes.length > 0); w++) {
                int end = Math.min(hashes.length, w + WINDOW);
                int min = w;
                for (int i = w; i < end; i++) {
                    if (hashes[i] <= hashes[min]) {
                        min = i;
                    }
                }
                if (min != lastPicked) {
                    lastPicked = min;
                    int first = tokens.get(min).line();
                    int last = first;
                    for (int j = min; j < min + K; j++) {
                        last = Math.max(last, tokens.get(j).line());
                        first = Math.min(first, tokens.get(j).line());
                    }
                    out.computeIfAbsent(hashes[min], k -> new ArrayList<>()).add(new Span(f.getKey(), first, last));
                }
                if (end == hashes.length) {
                    break;
                }
            }
        }
        return out;
    }

    /** The node kinds of a source file in tree order, with their lines. */
    static List<Token> tokens(String name, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime (a JDK is needed for similarity)");
        }
        List<Token> tokens = new ArrayList<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(d -> { }, null, StandardCharsets.UTF_8)) {
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name.replace('\\', '/')), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"), null, List.of(file));
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree cu : task.parse()) {
                LineMap lines = cu.getLineMap();
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void scan(Tree tree, Void unused) {
                        if (tree == null) {
                            return null;
                        }
                        Tree.Kind kind = tree.getKind();
                        if (kind != Tree.Kind.COMPILATION_UNIT && kind != Tree.Kind.IMPORT && kind != Tree.Kind.PACKAGE) {
                            long pos = positions.getStartPosition(cu, tree);
                            int line = pos < 0 ? 0 : (int) lines.getLineNumber(pos);
                            tokens.add(new Token(kind.name(), line));
                        }
                        if (kind == Tree.Kind.IMPORT || kind == Tree.Kind.PACKAGE) {
                            return null;
                        }
                        return super.scan(tree, unused);
                    }
                }.scan(cu, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
