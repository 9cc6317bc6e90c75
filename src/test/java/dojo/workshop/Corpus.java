package dojo.workshop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submissions of exercise 1 for workshop tests: the reference solution with a prologue put in front of
 * {@code softmaxRows} (good, wrong, and hostile ones), written as collected submissions of a workshop.
 */
final class Corpus {
    private Corpus() {}

    /** Marker files the write-outside submission tries to create. */
    static final String PWNED = "dojo-workshop-pwned.txt";

    /** Host-side paths the hostile submissions derive from the class path (the checkout's target/classes). */
    private static final String HOST = """
            String hostProject = null;
            for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (e.endsWith("target/classes") || e.endsWith("target/classes/")) {
                    hostProject = java.nio.file.Path.of(e).getParent().getParent().toString();
                }
            }
            """;

    /** Prologues by learner id; {@code calls} counts calls to softmaxRows (1 for the first). */
    static Map<String, String> prologues(int socketPort) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("good", "");
        m.put("wrong", "if (logits != null && logits.length > 0 && logits[0] != null && logits[0].length > 1) { return new float[logits.length][logits[0].length]; }");
        m.put("broken", "int x = \"does not compile\";");
        m.put("exit", "if (calls == 3) { System.exit(7); }");
        m.put("loop", "if (calls == 3) { while (true) { Thread.onSpinWait(); } }");
        m.put("unstoppable", "if (calls == 3) { while (true) { try { while (true) { Thread.onSpinWait(); } } catch (Throwable t) { } } }");
        m.put("oom", "if (calls == 3) { long[] hog = new long[512 << 20]; return new float[hog.length][]; }");
        m.put("stack", "if (calls == 3) { return new float[recurse(0)][]; }");
        m.put("threads", "if (calls == 3) { for (int i = 0; i < 100_000; i++) { Thread t = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } }); t.start(); } }");
        m.put("fork", "if (calls == 1) { try { new ProcessBuilder(\"sleep\", \"987654\").start(); } catch (java.io.IOException e) { } }");
        m.put("writer", "if (calls == 1) { " + HOST + " for (String p : new String[] {\"/tmp/" + PWNED + "\", hostProject + \"/" + PWNED
                + "\"}) { try { java.nio.file.Files.writeString(java.nio.file.Path.of(p), \"pwned\"); throw new IllegalStateException(\"WROTE \" + p); }"
                + " catch (java.io.IOException e) { } } }");
        m.put("reader", "if (calls == 1) { " + HOST + " for (String p : new String[] {hostProject + \"/solutions/ex01_softmax/StableSoftmax.java\","
                + " hostProject + \"/src/hidden/java/exercises/ex01_softmax/SoftmaxHiddenTest.java\"}) { try { String s = java.nio.file.Files.readString(java.nio.file.Path.of(p));"
                + " throw new IllegalStateException(\"LEAKED \" + p + \": \" + s.length()); } catch (java.io.IOException e) { } } }");
        m.put("socket", "if (calls == 1) { try (java.net.Socket s = new java.net.Socket()) { s.connect(new java.net.InetSocketAddress(\"127.0.0.1\", "
                + socketPort + "), 2000); throw new IllegalStateException(\"CONNECTED\"); } catch (java.io.IOException e) { } }");
        m.put("chatty", "if (calls == 2) { java.io.PrintStream raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));"
                + " byte[] line = new byte[1024]; java.util.Arrays.fill(line, (byte) 'x'); while (true) { raw.write(line, 0, line.length); } }");
        m.put("forger", "if (calls == 1) { java.io.PrintStream raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);"
                + " raw.println(\"{\\\"type\\\":\\\"done\\\"}\"); } if (logits != null && logits.length > 0 && logits[0] != null && logits[0].length > 1) { return new float[logits.length][logits[0].length]; }");
        return m;
    }

    /** The solution of ex01 with {@code prologue} in front of softmaxRows. */
    static String source(Path projectDir, String prologue) throws IOException {
        String solution = Files.readString(projectDir.resolve("solutions/ex01_softmax/StableSoftmax.java"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(@Override\\s+)?public float\\[\\]\\[\\] softmaxRows\\(").matcher(solution);
        if (!m.find()) {
            throw new IllegalStateException("solutions/ex01_softmax/StableSoftmax.java: softmaxRows not found");
        }
        String renamed = solution.substring(0, m.start()) + "private float[][] reference(" + solution.substring(m.end());
        int end = renamed.lastIndexOf('}');
        String added = """

                    private static int calls;

                    private static int recurse(int n) {
                        return recurse(n + 1) + 1;
                    }

                    @Override
                    public float[][] softmaxRows(float[][] logits) {
                        calls++;
                        %s
                        return reference(logits);
                    }
                """.formatted(prologue);
        return renamed.substring(0, end) + added + "}\n";
    }

    /** Writes a collected submission of ex01 for {@code learner}. */
    static void submit(Path workshop, Path projectDir, String learner, String prologue, String stamp) throws IOException {
        Path dir = workshop.resolve("submissions").resolve(learner).resolve(stamp);
        Path ex = Files.createDirectories(dir.resolve("exercises/ex01_softmax"));
        Files.writeString(ex.resolve("StableSoftmax.java"), source(projectDir, prologue), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("submission.json"), "{\"submitted_at\":\"2027-02-27T10:00:00Z\",\"source\":\"test\"}");
    }

    /** A workshop.yaml grading ex01 only, with the given learners. */
    static String config(List<String> learners, String limits) {
        StringBuilder b = new StringBuilder("""
                name: test
                assignment: a1
                due: "2027-03-01 23:59"
                timezone: Europe/Berlin
                late:
                  policy: percent-per-day
                  percent-per-day: 10
                  cap: 50
                """);
        b.append(limits);
        b.append("exercises:\n  - id: ex01_softmax\n    points: 10\nroster:\n");
        for (String l : learners) {
            b.append("  - id: ").append(l).append("\n    first: ").append(l).append("\n    team: ")
                    .append(l.hashCode() % 2 == 0 ? "red" : "blue").append('\n');
        }
        return b.toString();
    }
}
