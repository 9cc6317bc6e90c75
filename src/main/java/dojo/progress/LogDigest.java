package dojo.progress;

import dojo.review.Card;
import dojo.review.Scheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the commands derive from the review log, in a form that can be saved and extended by the lines
 * appended later ({@link DigestStore}): each question's replayed card and answer counts, its latest answer, and
 * the time and correctness of every answer in file order. Equal to replaying the whole log (the log stays the
 * source of truth; a digest is a cache of it).
 */
public final class LogDigest {

    /** Per question: its card after replay, its answers, and its latest answer (by time; later lines win ties). */
    public record Entry(Card card, Instant lastEvent, int answers, int correct, Instant latestTime, boolean latestCorrect) {
    }

    private final SortedMap<String, Entry> entries;
    private final long[] timesMillis;
    private final BitSet correct;
    private final int count;
    private final List<String> problems;

    LogDigest(SortedMap<String, Entry> entries, long[] timesMillis, BitSet correct, int count, List<String> problems) {
        this.entries = entries;
        this.timesMillis = timesMillis;
        this.correct = correct;
        this.count = count;
        this.problems = List.copyOf(problems);
    }

    /**
     * Identifies how a digest was made: the replayable scheduler's parameters and the code that replays (a
     * checksum of the scheduler's, the card's and this class's bytecode), so a digest saved by another version
     * or with other parameters is never used.
     */
    public static String fingerprint(dojo.review.SchedulerConfig cfg) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        for (Class<?> c : List.of(Scheduler.class, Card.class, LogDigest.class, DigestStore.class)) {
            try (var in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                if (in != null) crc.update(in.readAllBytes());
            } catch (java.io.IOException e) {
                crc.update(c.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return "replayable " + Arrays.toString(cfg.weights()) + " r=" + cfg.desiredRetention() + " learn=" + cfg.learningSteps()
                + " relearn=" + cfg.relearningSteps() + " max=" + cfg.maximumIntervalDays() + " fuzz=" + cfg.fuzz()
                + " code=" + Long.toHexString(crc.getValue());
    }

    /** The digest of a whole log: the events in file order, replayed per question in time order (ties: file order). */
    public static LogDigest of(List<ReviewEvent> events, List<String> problems, Scheduler scheduler) {
        List<ReviewEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(ReviewEvent::time)); // stable: equal instants keep file order
        SortedMap<String, Entry> entries = new TreeMap<>();
        for (ReviewEvent e : ordered) {
            Entry prev = entries.get(e.questionId());
            Card card = prev == null ? Card.fresh(e.questionId(), e.time()) : prev.card();
            card = scheduler.review(card, e.rating(), e.time());
            int answers = prev == null ? 1 : prev.answers() + 1;
            int right = (prev == null ? 0 : prev.correct()) + (e.correct() ? 1 : 0);
            // sorted by time with ties in file order, so this event is the latest one so far
            entries.put(e.questionId(), new Entry(card, e.time(), answers, right, e.time(), e.correct()));
        }
        long[] times = new long[Math.max(16, events.size())];
        BitSet correct = new BitSet(events.size());
        for (int i = 0; i < events.size(); i++) {
            times[i] = events.get(i).time().toEpochMilli();
            if (events.get(i).correct()) correct.set(i);
        }
        return new LogDigest(entries, times, correct, events.size(), problems);
    }

    /**
     * This digest followed by {@code tail} (lines appended to the log after the ones it covers), or empty when a
     * tail event is older than an answer already replayed for its question: that card must be replayed from the
     * start, so the caller reads the whole log.
     */
    public java.util.Optional<LogDigest> extend(List<ReviewEvent> tail, List<String> tailProblems, Scheduler scheduler) {
        if (tail.isEmpty() && tailProblems.isEmpty()) return java.util.Optional.of(this);
        SortedMap<String, Entry> next = new TreeMap<>(entries);
        List<ReviewEvent> ordered = new ArrayList<>(tail);
        ordered.sort(Comparator.comparing(ReviewEvent::time));
        for (ReviewEvent e : ordered) {
            Entry prev = next.get(e.questionId());
            if (prev != null && e.time().isBefore(prev.lastEvent())) return java.util.Optional.empty();
            Card card = prev == null ? Card.fresh(e.questionId(), e.time()) : prev.card();
            card = scheduler.review(card, e.rating(), e.time());
            next.put(e.questionId(), new Entry(card, e.time(), prev == null ? 1 : prev.answers() + 1,
                    (prev == null ? 0 : prev.correct()) + (e.correct() ? 1 : 0), e.time(), e.correct()));
        }
        long[] times = timesMillis.length >= count + tail.size() ? timesMillis.clone()
                : Arrays.copyOf(timesMillis, Math.max(2 * timesMillis.length, count + tail.size()));
        BitSet right = (BitSet) correct.clone();
        for (int i = 0; i < tail.size(); i++) {
            times[count + i] = tail.get(i).time().toEpochMilli();
            if (tail.get(i).correct()) right.set(count + i);
        }
        List<String> allProblems = new ArrayList<>(problems);
        allProblems.addAll(tailProblems);
        return java.util.Optional.of(new LogDigest(next, times, right, count + tail.size(), allProblems));
    }

    /** The replayed card of every question with at least one answer, by id (sorted). */
    public SortedMap<String, Card> cards() {
        SortedMap<String, Card> cards = new TreeMap<>();
        entries.forEach((id, e) -> cards.put(id, e.card()));
        return Collections.unmodifiableSortedMap(cards);
    }

    public SortedMap<String, Entry> entries() {
        return Collections.unmodifiableSortedMap(entries);
    }

    /** Number of answers (readable lines) in the log. */
    public int count() {
        return count;
    }

    /** Time of answer {@code i} (file order), in epoch milliseconds. */
    public long timeMillis(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException(i + " of " + count);
        return timesMillis[i];
    }

    /** Whether answer {@code i} (file order) counts as correct. */
    public boolean correct(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException(i + " of " + count);
        return correct.get(i);
    }

    /** One line per unreadable log line ({@code path:line: skipped unreadable review record (reason)}). */
    public List<String> problems() {
        return problems;
    }

    /** Each answered id and whether its latest answer (by time; later lines win ties) was correct. */
    public Map<String, Boolean> latestCorrect() {
        Map<String, Boolean> m = new HashMap<>();
        entries.forEach((id, e) -> m.put(id, e.latestCorrect()));
        return m;
    }

    long[] times() {
        return timesMillis;
    }

    BitSet correctBits() {
        return correct;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LogDigest d)) return false;
        return count == d.count && entries.equals(d.entries) && problems.equals(d.problems)
                && Arrays.equals(timesMillis, 0, count, d.timesMillis, 0, d.count) && correct.equals(d.correct);
    }

    @Override
    public int hashCode() {
        return entries.hashCode() * 31 + count;
    }

    @Override
    public String toString() {
        return "LogDigest[" + count + " answers, " + entries.size() + " questions, " + problems.size() + " problems]";
    }
}
