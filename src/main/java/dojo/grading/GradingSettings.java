package dojo.grading;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The JUnit configuration parameters that steer grading (they can also be given as system properties, e.g.
 * {@code mvn test -Ddojo.grading.tree=solutions}).
 *
 * @param projectDir {@value #PROJECT_DIR}: the checkout (default: the working directory)
 * @param tree {@value #TREE}: the source tree to grade (default {@code <project>/exercises}; relative to the project)
 * @param timeout {@value #TIMEOUT}: time limit per test, e.g. {@code 5s}, {@code 500ms} (default 5 s)
 * @param exercises {@value #EXERCISES}: comma-separated ids to compile (default: all in the index)
 */
public record GradingSettings(Path projectDir, Path tree, Duration timeout, List<String> exercises) {
    public static final String PROJECT_DIR = "dojo.project.dir";
    public static final String TREE = "dojo.grading.tree";
    public static final String TIMEOUT = "dojo.grading.timeout";
    public static final String EXERCISES = "dojo.grading.exercises";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public GradingSettings {
        exercises = List.copyOf(exercises);
    }

    /** Reads the settings through a lookup such as {@code ExtensionContext::getConfigurationParameter}. */
    public static GradingSettings from(Function<String, java.util.Optional<String>> lookup) {
        Path project = lookup.apply(PROJECT_DIR).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(Path.of("")).toAbsolutePath().normalize();
        Path tree = lookup.apply(TREE).filter(s -> !s.isBlank()).map(s -> project.resolve(s).normalize())
                .orElse(project.resolve("exercises"));
        Duration timeout = lookup.apply(TIMEOUT).filter(s -> !s.isBlank()).map(GradingSettings::parseDuration)
                .orElse(DEFAULT_TIMEOUT);
        List<String> ids = lookup.apply(EXERCISES).filter(s -> !s.isBlank())
                .map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).collect(Collectors.toList()))
                .orElse(List.of());
        return new GradingSettings(project, tree, timeout, ids);
    }

    /**
     * Parses {@code 5}, {@code 5s}, {@code 1.5s}, {@code 500ms} or {@code 2m}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Duration parseDuration(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        try {
            if (s.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2))), text);
            }
            if (s.endsWith("m")) {
                return positive(Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 60_000)), text);
            }
            String num = s.endsWith("s") ? s.substring(0, s.length() - 1) : s;
            return positive(Duration.ofMillis(Math.round(Double.parseDouble(num) * 1000)), text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT + ": cannot read '" + text + "' as a duration (use e.g. 5s or 500ms)");
        }
    }

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(TIMEOUT + ": '" + text + "' must be more than 0");
        }
        return d;
    }

    /** "5 s" or "500 ms", as shown in timeout messages. */
    public static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
