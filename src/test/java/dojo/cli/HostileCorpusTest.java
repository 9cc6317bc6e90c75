package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus (src/test/resources/hostile/, written by scripts/hostile-corpus.py): banks, answers,
 * file trees and progress logs an attacker or a careless author could produce. Each case names the command
 * to run, its exit code and message fragments that must (and must not) appear; and no command, run on any
 * case, may hang, print a stack trace or pass a control character through.
 */
class HostileCorpusTest {
    static final Path CORPUS = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath()
            .resolve("src/test/resources/hostile");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(rep|chr|nest):([^}]*)}}");

    @TempDir
    Path tmp;

    private final InputStream originalIn = System.in;

    @AfterEach
    void restore() throws IOException {
        System.setIn(originalIn);
        // let @TempDir clean up a directory a case made unreadable
        try (Stream<Path> all = Files.walk(tmp, 1)) {
            for (Path p : all.toList()) {
                if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) p.toFile().setReadable(true, false);
                if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) p.toFile().setExecutable(true, false);
            }
        }
    }

    record Case(String name, Properties props) {
        String get(String key) {
            return props.getProperty(key);
        }

        List<String> list(String prefix) {
            List<String> out = new ArrayList<>();
            for (int i = 1; props.getProperty(prefix + "." + i) != null; i++) out.add(props.getProperty(prefix + "." + i));
            return out;
        }

        @Override
        public String toString() {
            return get("kind") + "/" + name;
        }
    }

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            for (Path d : dirs.sorted().toList()) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(d.resolve("case.properties"), StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                out.add(Arguments.of(new Case(d.getFileName().toString(), p)));
            }
        }
        return out.stream();
    }

    @Test
    void the_corpus_has_at_least_forty_cases_covering_every_kind() throws IOException {
        List<Case> all = cases().map(a -> (Case) a.get()[0]).toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        assertThat(all.stream().map(c -> c.get("kind")).distinct())
                .containsExactlyInAnyOrder("regex", "depth", "number", "count", "control", "files", "ordering", "url", "log");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_case_exits_with_its_code_and_says_what_it_expects(Case c) throws IOException {
        Path root = install(c);
        Run r = run(c.get("command"), root, c);
        assertThat(r.exit).as("exit code of %s\n--- out:\n%s\n--- err:\n%s", c, r.out, r.err)
                .isEqualTo(Integer.parseInt(c.get("exit")));
        for (String e : c.list("expect")) {
            assertThat(r.all()).as("output of %s", c).contains(expand(e));
        }
        for (String a : c.list("absent")) {
            assertThat(r.all()).as("output of %s", c).doesNotContain(a);
        }
        assertNoStackTraceOrControls(c, r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void no_command_prints_a_stack_trace_or_a_control_character_on_any_case(Case c) throws IOException {
        Path root = install(c);
        for (String command : List.of("lint", "quiz", "export-html", "export-gift", "export-anki", "export-json", "stats")) {
            Run r = run(command, root, c);
            assertThat(r.exit).as("%s on %s:\n%s", command, c, r.err).isBetween(0, 2);
            assertNoStackTraceOrControls(c, r);
        }
    }

    private static void assertNoStackTraceOrControls(Case c, Run r) {
        assertThat(r.all()).as("output of %s", c)
                .doesNotContain("\tat ", "Exception", "StackOverflowError", "--verbose for the stack trace",
                        "\u001b", "\u009b", "\u0000", "\u202e");
    }

    // ------------------------------------------------------------------ running

    private Run run(String command, Path root, Case c) {
        String extra = c.get("args") == null ? "" : c.get("args");
        List<String> args = new ArrayList<>();
        Path data = root.resolve("data");
        switch (command) {
            case "lint" -> args.addAll(List.of("lint", root.toString()));
            case "quiz" -> args.addAll(List.of("quiz", "--questions", root.toString(), "--data-dir", data.toString(),
                    "--lang", "en", "--ui-lang", "en", "--seed", "1", "--count", "5"));
            case "stats" -> args.addAll(List.of("stats", "--questions", root.toString(), "--data-dir", data.toString(),
                    "--ui-lang", "en"));
            case "export" -> args.addAll(List.of("export", "--questions", root.toString()));
            default -> {
                // export-<format>: the sweep over every command
                args.addAll(List.of("export", "--questions", root.toString(), "--format", command.substring(7)));
                extra = "";
            }
        }
        if (!extra.isBlank()) args.addAll(List.of(expand(extra).split(" ")));
        String stdin = c.get("stdin") == null ? "" : expand(c.get("stdin"));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Dojo.run(args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    // ------------------------------------------------------------------ installing a case

    /** Copies the case into a fresh directory with its placeholders expanded, then runs its setup. */
    private Path install(Case c) throws IOException {
        Path from = CORPUS.resolve(c.name);
        Path root = tmp.resolve("case");
        Files.createDirectories(root);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (rel.toString().equals("case.properties")) continue;
                Path to = root.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.writeString(to, expand(Files.readString(f, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                }
            }
        }
        String setup = c.get("setup");
        if (setup != null) setUp(root, setup);
        return root;
    }

    private static void setUp(Path root, String setup) throws IOException {
        String[] parts = setup.split(":", 2);
        switch (parts[0]) {
            case "symlink-loop" -> Files.createSymbolicLink(root.resolve(parts[1]), Path.of(parts[1]));
            case "dangling-link" -> Files.createSymbolicLink(root.resolve(parts[1]), Path.of("nowhere.md"));
            case "newline-name" -> Files.writeString(root.resolve("bad\nname.md"),
                    "---\nbank: forged\ntitle: Forged\nlang: en\n---\n\n## Q\n\n- id: q-forged\n- type: truefalse\n"
                            + "- difficulty: 9\n- tags: demo\n\nBody.\n\n### Answer\n\ntrue\n\n### Explanation\n\nE.\n");
            case "unreadable-dir" -> {
                assumeTrue(!"root".equals(System.getProperty("user.name")),
                        "root reads every directory: an unreadable directory cannot be made");
                Path d = Files.createDirectories(root.resolve(parts[1]));
                Files.writeString(d.resolve("hidden.md"), "# nothing\n");
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("---------"));
            }
            case "device-log" -> { // the log is a device: /dev/full fails every write, /dev/zero never ends
                assumeTrue(Files.exists(Path.of(parts[1])), parts[1] + " exists on Linux only");
                Files.createDirectories(root.resolve("data"));
                Files.createSymbolicLink(root.resolve("data").resolve("reviews.jsonl"), Path.of(parts[1]));
            }
            default -> throw new IllegalArgumentException("unknown setup " + setup);
        }
    }

    /** {@code {{rep:TEXT:N}}}, {@code {{chr:HEX}}}, {@code {{nest:N}}} (N list items, each inside the one before). */
    static String expand(String s) {
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String arg = m.group(2);
            String value = switch (m.group(1)) {
                case "rep" -> {
                    int colon = arg.lastIndexOf(':');
                    yield arg.substring(0, colon).repeat(Integer.parseInt(arg.substring(colon + 1)));
                }
                case "chr" -> new String(Character.toChars(Integer.parseInt(arg, 16)));
                default -> "- ".repeat(Integer.parseInt(arg)) + "x";
            };
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        m.appendTail(b);
        return b.toString();
    }
}
