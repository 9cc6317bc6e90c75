package dojo.stats;

import java.util.Locale;

/**
 * Which tags the text report lists: the {@code limit} weakest reviewed tags (the default, so a long tail
 * of never-answered tags does not bury what needs work), or every tag by name ({@code --tags all}).
 *
 * @param all   every tag, reviewed or not, by name
 * @param limit with {@code all} false: at most this many reviewed tags, weakest first
 */
public record TagRows(boolean all, int limit) {

    /** Rows shown without {@code --tags}. */
    public static final int DEFAULT_LIMIT = 8;

    public TagRows {
        if (limit < 0) throw new IllegalArgumentException("the number of tag rows must be 0 or more, got " + limit);
    }

    public static TagRows weakest(int limit) {
        return new TagRows(false, limit);
    }

    public static TagRows everyTag() {
        return new TagRows(true, 0);
    }

    public static TagRows defaults() {
        return weakest(DEFAULT_LIMIT);
    }

    /**
     * The {@code --tags} value: {@code all} or a whole number of rows, 0 or more.
     *
     * @throws IllegalArgumentException with a one-line message naming the option and the value
     */
    public static TagRows parse(String value) {
        String v = value.strip();
        if (v.toLowerCase(Locale.ROOT).equals("all")) return everyTag();
        if (v.matches("[0-9]{1,6}")) return weakest(Integer.parseInt(v));
        throw new IllegalArgumentException("--tags must be a number of rows (0 or more) or 'all', got '" + value + "'");
    }
}
