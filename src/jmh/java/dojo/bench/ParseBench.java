package dojo.bench;

import dojo.questions.BankParser;
import dojo.questions.QuestionLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long loading banks takes: parsing Markdown with source spans, validating front matter with a YAML
 * parser, building the records, and the cross-file checks ({@link QuestionLibrary#load}). Budget: all
 * shipped banks in well under 200 ms, so {@code dojo quiz} starts instantly.
 *
 * <p>Three directories: the test fixtures (every question type, en + zh), a generated bank of 250
 * questions (the all-types questions repeated with new ids), and the shipped {@code questions/} when the
 * checkout has it (or the directory in {@code -Ddojo.bench.questions=DIR}).
 *
 * <p>Run (after {@code mvn -o -q -B -DskipTests test-compile}):
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/classpath.txt) org.openjdk.jmh.Main ParseBench -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 * or, for one quick number without JMH (cold and warm times):
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/classpath.txt) dojo.bench.ParseBench [DIR...]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBench {
    static final Path PROJECT = Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize();
    static final Path FIXTURES = PROJECT.resolve("src/test/resources/banks/valid");

    Path generated;
    Path shipped;
    BankParser parser;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        parser = new BankParser();
        generated = generate(250);
        Path q = Path.of(System.getProperty("dojo.bench.questions", PROJECT.resolve("questions").toString()));
        shipped = Files.isDirectory(q) ? q : FIXTURES;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        delete(generated);
    }

    @Benchmark
    public QuestionLibrary fixtures() {
        return QuestionLibrary.load(List.of(FIXTURES), parser);
    }

    @Benchmark
    public QuestionLibrary generated250() {
        return QuestionLibrary.load(List.of(generated), parser);
    }

    @Benchmark
    public QuestionLibrary shippedBanks() {
        return QuestionLibrary.load(List.of(shipped), parser);
    }

    /** A temp dir with en/generated.md: the all-types questions repeated until there are {@code n}. */
    static Path generate(int n) throws IOException {
        String src = Files.readString(FIXTURES.resolve("en/all-types.md"));
        int first = src.indexOf("\n## ");
        String head = src.substring(0, first + 1).replace("bank: all-types", "bank: generated");
        String[] questions = src.substring(first + 1).split("\n(?=## )");
        StringBuilder sb = new StringBuilder(head);
        for (int i = 0; i < n; i++) {
            String q = questions[i % questions.length];
            sb.append(q.replaceFirst("- id: ([a-z0-9-]+)", "- id: $1-" + i)).append('\n');
        }
        Path dir = Files.createTempDirectory("dojo-parse-bench");
        Files.createDirectories(dir.resolve("en"));
        Files.writeString(dir.resolve("en/generated.md"), sb.toString());
        return dir;
    }

    static void delete(Path dir) throws IOException {
        if (dir == null) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * A quick measurement without JMH, per directory: wall time of the first (cold) {@link QuestionLibrary#load}
     * and the best of 20 warm ones, plus the CPU time of this thread parsing the files one after the
     * other (cold, then best warm): CPU time does not grow when other processes share the machine.
     */
    public static void main(String[] args) throws IOException {
        Path gen = generate(250);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try {
            List<Path> dirs = args.length > 0 ? Stream.of(args).map(Path::of).toList()
                    : Stream.of(FIXTURES, gen, PROJECT.resolve("questions")).filter(Files::isDirectory).toList();
            for (Path dir : dirs) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(dir)) {
                    files = walk.filter(p -> p.toString().endsWith(".md")).sorted().toList();
                }
                BankParser parser = new BankParser();
                long c0 = cpu.getCurrentThreadCpuTime();
                for (Path f : files) parser.parseFile(f);
                long cpuCold = cpu.getCurrentThreadCpuTime() - c0;
                long t0 = System.nanoTime();
                QuestionLibrary lib = QuestionLibrary.load(List.of(dir), parser);
                long wallFirst = System.nanoTime() - t0;
                long cpuWarm = Long.MAX_VALUE;
                long wallWarm = Long.MAX_VALUE;
                for (int i = 0; i < 20; i++) {
                    long c = cpu.getCurrentThreadCpuTime();
                    for (Path f : files) parser.parseFile(f);
                    cpuWarm = Math.min(cpuWarm, cpu.getCurrentThreadCpuTime() - c);
                    long s = System.nanoTime();
                    QuestionLibrary.load(List.of(dir), parser);
                    wallWarm = Math.min(wallWarm, System.nanoTime() - s);
                }
                System.out.printf("%-45s %3d files %4d questions | cpu: cold %6.1f ms, warm %6.2f ms"
                        + " | wall: 2nd load %6.1f ms, warm %6.2f ms%n",
                        dir.equals(gen) ? "generated 250-question bank" : dir.toString(), lib.files().size(),
                        lib.questionCount(), cpuCold / 1e6, cpuWarm / 1e6, wallFirst / 1e6, wallWarm / 1e6);
            }
        } finally {
            delete(gen);
        }
    }
}
