package dojo.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads {@code 90s}, {@code 20m}, {@code 1h30m}, {@code 1h} (or ISO-8601 {@code PT20M}) as a duration. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern HMS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt")) {
            try {
                return positive(Duration.parse(v.toUpperCase(Locale.ROOT)), value);
            } catch (DateTimeParseException e) {
                throw bad(value);
            }
        }
        Matcher m = HMS.matcher(v);
        if (v.isEmpty() || !m.matches()) throw bad(value);
        long h = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long min = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        long s = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        return positive(Duration.ofHours(h).plusMinutes(min).plusSeconds(s), value);
    }

    private static Duration positive(Duration d, String value) {
        if (d.isZero() || d.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
        }
        return d;
    }

    private static CommandLine.TypeConversionException bad(String value) {
        return new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration; write e.g. 90s, 20m or 1h30m");
    }
}
