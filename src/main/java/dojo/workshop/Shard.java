package dojo.workshop;

/**
 * One slice of the roster: shard {@code index} of {@code count} (1-based) takes the learners at positions
 * {@code index-1, index-1+count, ...} of the roster, so every learner is in exactly one shard.
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is out of range: use I/N with 1 <= I <= N");
        }
    }

    public static Shard all() {
        return new Shard(1, 1);
    }

    /** Parses {@code I/N}, e.g. {@code 2/4}. */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a shard: use I/N, e.g. 2/4");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a shard: use I/N, e.g. 2/4");
        }
    }

    public boolean includes(int rosterPosition) {
        return rosterPosition % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
