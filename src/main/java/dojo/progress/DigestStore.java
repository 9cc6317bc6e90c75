package dojo.progress;

import dojo.review.Card;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The saved digest of the review log ({@code reviews.digest} beside {@code reviews.jsonl}): a cache, never the
 * source of truth. It records how many bytes and lines of the log it covers and checksums of the first and the
 * last 64 KiB of those bytes; it is used only while the log still starts with exactly those bytes, so an edited,
 * replaced or truncated log is read in full again. Unreadable, foreign or stale files are ignored, and failing to
 * write one is silent: the log alone always gives the same results, only slower.
 */
final class DigestStore {

    static final String FILE_NAME = "reviews.digest";
    private static final long MAGIC = 0x444f4a4f44494731L; // "DOJODIG1"
    static final int CHECK_BYTES = 64 * 1024;

    /** A saved digest and the part of the log it covers. */
    record Saved(long offset, int lines, long headCrc, long tailCrc, String fingerprint, LogDigest digest) {
    }

    private DigestStore() {
    }

    static Optional<Saved> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | SecurityException | OutOfMemoryError e) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readLong() != MAGIC) return Optional.empty();
            long offset = in.readLong();
            int lines = in.readInt();
            long headCrc = in.readLong();
            long tailCrc = in.readLong();
            String fingerprint = in.readUTF();
            int nProblems = in.readInt();
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < nProblems; i++) problems.add(in.readUTF());
            int nEntries = in.readInt();
            SortedMap<String, LogDigest.Entry> entries = new TreeMap<>();
            for (int i = 0; i < nEntries; i++) {
                String id = in.readUTF();
                Card.State state = Card.State.values()[in.readByte()];
                int step = in.readInt();
                Double stability = in.readBoolean() ? in.readDouble() : null;
                Double difficulty = in.readBoolean() ? in.readDouble() : null;
                Instant due = instant(in);
                Instant lastReview = in.readBoolean() ? instant(in) : null;
                int reps = in.readInt();
                int lapses = in.readInt();
                Card card = new Card(id, state, step, stability, difficulty, due, lastReview, reps, lapses);
                Instant lastEvent = instant(in);
                int answers = in.readInt();
                int correct = in.readInt();
                Instant latest = instant(in);
                boolean latestCorrect = in.readBoolean();
                entries.put(id, new LogDigest.Entry(card, lastEvent, answers, correct, latest, latestCorrect));
            }
            int count = in.readInt();
            long[] times = new long[Math.max(16, count)];
            for (int i = 0; i < count; i++) times[i] = in.readLong();
            int nWords = in.readInt();
            long[] words = new long[nWords];
            for (int i = 0; i < nWords; i++) words[i] = in.readLong();
            if (in.read() != -1) return Optional.empty();
            LogDigest d = new LogDigest(entries, times, BitSet.valueOf(words), count, problems);
            return Optional.of(new Saved(offset, lines, headCrc, tailCrc, fingerprint, d));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // truncated, foreign or from another version: read the log instead
        }
    }

    /** Writes atomically (a temporary file renamed over the old one); false when that was not possible. */
    static boolean write(Path file, Saved s) {
        Path tmp = null;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + s.digest().count() * 9 + s.digest().entries().size() * 96);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(MAGIC);
                out.writeLong(s.offset());
                out.writeInt(s.lines());
                out.writeLong(s.headCrc());
                out.writeLong(s.tailCrc());
                out.writeUTF(s.fingerprint());
                LogDigest d = s.digest();
                out.writeInt(d.problems().size());
                for (String p : d.problems()) out.writeUTF(p.length() > 8000 ? p.substring(0, 8000) : p);
                out.writeInt(d.entries().size());
                for (LogDigest.Entry e : d.entries().values()) {
                    Card c = e.card();
                    out.writeUTF(c.id());
                    out.writeByte(c.state().ordinal());
                    out.writeInt(c.step());
                    out.writeBoolean(c.stability() != null);
                    if (c.stability() != null) out.writeDouble(c.stability());
                    out.writeBoolean(c.difficulty() != null);
                    if (c.difficulty() != null) out.writeDouble(c.difficulty());
                    instant(out, c.due());
                    out.writeBoolean(c.lastReview() != null);
                    if (c.lastReview() != null) instant(out, c.lastReview());
                    out.writeInt(c.reps());
                    out.writeInt(c.lapses());
                    instant(out, e.lastEvent());
                    out.writeInt(e.answers());
                    out.writeInt(e.correct());
                    instant(out, e.latestTime());
                    out.writeBoolean(e.latestCorrect());
                }
                out.writeInt(d.count());
                long[] times = d.times();
                for (int i = 0; i < d.count(); i++) out.writeLong(times[i]);
                long[] words = d.correctBits().toLongArray();
                out.writeInt(words.length);
                for (long w : words) out.writeLong(w);
            }
            tmp = Files.createTempFile(file.getParent(), FILE_NAME + ".", ".tmp");
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless: the next write replaces the digest anyway
                }
            }
            return false;
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void instant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }
}
