package dojo.workshop.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which golden cases the public suites use: a case is public when a public suite names it in a string literal
 * ({@code "cross"}, {@code "cross.q"}, {@code @ValueSource(strings = {"self_e8_h2"})}). Every other case is used by
 * hidden suites only and is left out of a starter repo.
 */
public final class PublicGolden {
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private final Set<String> names;

    private PublicGolden(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** Reads the string literals of {@code <project>/src/test/java/exercises}. */
    public static PublicGolden scan(Path projectDir) {
        Set<String> names = new HashSet<>();
        Path suites = projectDir.resolve("src/test/java/exercises");
        if (Files.isDirectory(suites)) {
            try (Stream<Path> s = Files.walk(suites)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = LITERAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) {
                        String lit = m.group(1);
                        names.add(lit);
                        int dot = lit.indexOf('.');
                        if (dot > 0) {
                            names.add(lit.substring(0, dot));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new PublicGolden(names);
    }

    public boolean isPublic(String goldenCase) {
        return names.contains(goldenCase);
    }
}
