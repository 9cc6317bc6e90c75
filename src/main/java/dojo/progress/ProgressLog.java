package dojo.progress;

import dojo.review.Scheduler;

import dojo.ControlChars;
import dojo.DojoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The append-only review log {@code <dataDir>/reviews.jsonl} (docs/progress-log.md).
 *
 * <p>Durability: each event is one line written with one write on a channel opened with {@code
 * O_APPEND} and made durable with {@code FileChannel.force(true)} before {@link #append} returns, so a
 * crash loses at most the answer being written; when the log is created, its directory is forced too so
 * the file itself survives a power cut. If a write fails (a full disk), the file is cut back to the size it
 * had before the write, so no partial line stays behind, and the error names the log. Concurrency: an
 * exclusive lock on the whole file is held around each append (a shared one around each read), so
 * concurrent sessions in different processes never interleave or lose lines. A torn last line (a crash
 * mid-write) is skipped and reported by {@link #read}; the next append first ends it with a newline so it
 * stays a line of its own. History is never rewritten or deleted.
 *
 * <p>Reading streams the file in blocks (any size, also over 2 GB) and reads the lines this class writes
 * through a fast path ({@link FastEventParser}); any other line goes through Jackson.
 *
 * <p>One instance serves one thread at a time (its methods are synchronized); two instances on the
 * same file in one JVM also work (the file lock is retried).
 */
public final class ProgressLog implements AutoCloseable {

    public static final String FILE_NAME = "reviews.jsonl";

    /** Longest line read; a longer one is skipped with a problem naming its length (it is no review record). */
    static final int MAX_LINE_BYTES = 64 << 20;
    private static final int BLOCK = 1 << 20;

    private final Path file;
    /** Opened with O_APPEND: every write lands at the end, whatever another process wrote before. */
    private final FileChannel appender;
    /** For reading and the shared lock (a channel cannot be both READ and APPEND). */
    private final FileChannel reader;

    ProgressLog(Path file, FileChannel appender, FileChannel reader) {
        this.file = file;
        this.appender = appender;
        this.reader = reader;
    }

    /**
     * Opens (creating if needed) the data directory and its review log for appending.
     *
     * @throws DojoException (exit 2) naming the path and the reason if the directory or the log
     *     cannot be created or written
     */
    public static ProgressLog open(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        boolean newDir = !Files.isDirectory(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw unusable(dir, e);
        }
        Path file = dir.resolve(FILE_NAME);
        FileChannel appender = null;
        try {
            boolean created = !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            appender = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            FileChannel reader = FileChannel.open(file, StandardOpenOption.READ);
            if (created) {
                appender.force(true);
                forceDirectory(dir);
                if (newDir && dir.getParent() != null) forceDirectory(dir.getParent());
            }
            return new ProgressLog(file, appender, reader);
        } catch (IOException e) {
            if (appender != null) {
                try {
                    appender.close();
                } catch (IOException ignored) {
                    // already failing; the first error is the one to report
                }
            }
            throw unusable(file, e);
        }
    }

    /** Makes a new directory entry durable (POSIX: fsync on the directory); a no-op where that is not possible. */
    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms (Windows) cannot open a directory; the file itself was forced
        }
    }

    /** Reads the log in a data directory without creating anything (no log yet: no events). */
    public static LogRead readOnly(Path dataDir) throws IOException {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readLocked(file, ch);
        } catch (NoSuchFileException e) {
            return new LogRead(List.of(), List.of());
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one event as one line and forces it to disk before returning.
     *
     * @throws IOException naming the log when the line could not be written; the file is then cut back to
     *     its size before the write, so it still ends with a whole line
     */
    public synchronized void append(ReviewEvent e) throws IOException {
        byte[] line = (ReviewEventCodec.toJson(e) + "\n").getBytes(StandardCharsets.UTF_8);
        FileLock lock = lock(appender, false);
        try {
            long end = appender.size();
            boolean tornTail = end > 0 && lastByte(end) != '\n';
            ByteBuffer buf = ByteBuffer.allocate(line.length + (tornTail ? 1 : 0));
            if (tornTail) {
                buf.put((byte) '\n');
            }
            buf.put(line).flip();
            try {
                while (buf.hasRemaining()) {
                    appender.write(buf);
                }
                appender.force(true);
            } catch (IOException ex) {
                throw new IOException(ControlChars.quote(file.toString()) + ": could not write: " + reason(ex)
                        + cutBack(end), ex);
            }
        } finally {
            lock.release();
        }
    }

    /** Truncates to {@code size} after a failed write; says whether that worked. */
    private String cutBack(long size) {
        try {
            if (appender.size() > size) {
                appender.truncate(size);
                appender.force(true);
            }
            return " (the log was cut back to its last whole line)";
        } catch (IOException again) {
            return " (and cutting the partial line off failed too: " + reason(again) + ")";
        }
    }

    /** Every readable event in file order, and one problem line for each line skipped. */
    public synchronized LogRead read() throws IOException {
        return readLocked(file, reader);
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            appender.close();
        } finally {
            reader.close();
        }
    }

    private byte lastByte(long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        while (one.hasRemaining()) {
            if (reader.read(one, size - 1 + one.position()) < 0) {
                throw new IOException(file + ": changed size while locked");
            }
        }
        return one.get(0);
    }

    private static FileLock lock(FileChannel ch, boolean shared) throws IOException {
        while (true) {
            try {
                return ch.lock(0L, Long.MAX_VALUE, shared);
            } catch (OverlappingFileLockException sameJvm) {
                // another ProgressLog in this JVM holds it; the OS lock only excludes other processes
                Thread.onSpinWait();
            }
        }
    }

    /** Streams the file under a shared lock, block by block, so any size can be read. */
    private static LogRead readLocked(Path file, FileChannel ch) throws IOException {
        FileLock lock = lock(ch, true);
        try {
            return readRange(file, ch, 0, ch.size(), 0);
        } finally {
            lock.release();
        }
    }

    /**
     * The digest of the log in {@code dataDir} (empty when there is no log): the saved digest
     * ({@value DigestStore#FILE_NAME}) extended by the lines appended since, when the log still starts with the
     * bytes it covers; else the whole log, replayed. A fresh digest is saved when the log was read in full or
     * the unsaved tail has grown; writing it is best effort (a read-only data directory just reads more).
     *
     * @param fingerprint identifies the scheduler's parameters: a digest made with others is not used
     */
    public static LogDigest digest(Path dataDir, Scheduler scheduler, String fingerprint) throws IOException {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return digestLocked(file, ch, scheduler, fingerprint);
        } catch (NoSuchFileException e) {
            return LogDigest.of(List.of(), List.of(), scheduler);
        }
    }

    /** {@link #digest(Path, Scheduler, String)} of this open log. */
    public synchronized LogDigest digest(Scheduler scheduler, String fingerprint) throws IOException {
        return digestLocked(file, reader, scheduler, fingerprint);
    }

    /** Tail bytes beyond the saved digest that make it worth saving a new one. */
    private static final long RESAVE_TAIL_BYTES = 256 * 1024;

    private static LogDigest digestLocked(Path file, FileChannel ch, Scheduler scheduler, String fingerprint) throws IOException {
        Path store = file.resolveSibling(DigestStore.FILE_NAME);
        FileLock lock = lock(ch, true);
        LogDigest digest = null;
        long size;
        long covered = 0;
        int coveredLines = 0;
        LineParser tail = null;
        try {
            size = ch.size();
            var saved = DigestStore.read(store);
            if (saved.isPresent() && matches(ch, saved.get(), size, fingerprint)) {
                var s = saved.get();
                tail = new LineParser(file, s.lines());
                LogRead more = readRange(tail, ch, s.offset(), size);
                digest = s.digest().extend(more.events(), more.problems(), scheduler).orElse(null);
                covered = s.offset();
                coveredLines = s.lines();
            }
            if (digest == null) {
                tail = new LineParser(file, 0);
                LogRead all = readRange(tail, ch, 0, size);
                digest = LogDigest.of(all.events(), all.problems(), scheduler);
                covered = 0;
                coveredLines = 0;
            }
            // save when it saves work next time; only a log ending in a whole line (a torn last line is re-read)
            if (size - covered >= RESAVE_TAIL_BYTES || (covered == 0 && size > 0)) {
                if (tail.endsWithWholeLine()) {
                    DigestStore.write(store, new DigestStore.Saved(size, tail.lineCount(), crc(ch, 0, Math.min(size, DigestStore.CHECK_BYTES)),
                            crc(ch, Math.max(0, size - DigestStore.CHECK_BYTES), size), fingerprint, digest));
                }
            }
            return digest;
        } finally {
            lock.release();
        }
    }

    private static boolean matches(FileChannel ch, DigestStore.Saved s, long size, String fingerprint) throws IOException {
        if (!s.fingerprint().equals(fingerprint) || s.offset() > size || s.offset() <= 0) return false;
        return crc(ch, 0, Math.min(s.offset(), DigestStore.CHECK_BYTES)) == s.headCrc()
                && crc(ch, Math.max(0, s.offset() - DigestStore.CHECK_BYTES), s.offset()) == s.tailCrc();
    }

    private static long crc(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) (to - from));
        while (buf.hasRemaining()) {
            if (ch.read(buf, from + buf.position()) < 0) break;
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(buf.array(), 0, buf.position());
        return crc.getValue() ^ ((long) buf.position() << 32);
    }

    private static LogRead readRange(Path file, FileChannel ch, long from, long to, int lineBase) throws IOException {
        return readRange(new LineParser(file, lineBase), ch, from, to);
    }

    private static LogRead readRange(LineParser lines, FileChannel ch, long from, long to) throws IOException {
        {
            // up to the size seen under the lock: writers wait for it, and a device posing as the log
            // (/dev/zero) cannot feed the reader forever
            long size = to;
            long pos = from;
            while (pos < size) {
                // a fresh block each time: the parser keeps the lines of a batch where they are
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BLOCK, size - pos));
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, pos + buf.position());
                    if (n < 0) break;
                }
                if (buf.position() == 0) break;
                pos += buf.position();
                lines.feed(buf.array(), buf.position());
            }
            return lines.finish();
        }
    }

    static LogRead parse(Path file, byte[] data) {
        LineParser lines = new LineParser(file, 0);
        lines.feed(data, data.length);
        return lines.finish();
    }

    /**
     * Splits bytes fed in blocks into lines (a line may span blocks) and parses them in batches, the lines
     * of a batch on all cores; events and problems come out in file order. Each block fed must be a fresh
     * array: a batch keeps references to the blocks its lines are in until it is parsed.
     */
    private static final class LineParser {
        private static final int BATCH_LINES = 1 << 16;

        private record Line(byte[] data, int start, int end, int number, boolean terminated, long tooLong) {}

        private final Path file;
        private final List<ReviewEvent> events = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final List<Line> batch = new ArrayList<>();
        private byte[] partial = new byte[256];
        private int partialLen;
        private long partialTotal; // bytes of the current line, also those dropped past MAX_LINE_BYTES
        private int lineNo;

        private boolean endsWithWholeLine = true;

        /** @param lineBase lines before the first byte fed (numbers in problems continue from it) */
        LineParser(Path file, int lineBase) {
            this.file = file;
            this.lineNo = lineBase;
        }

        /** The lines seen so far, the base included (after {@link #finish()}: a torn last line counts). */
        int lineCount() {
            return lineNo;
        }

        /** Whether everything fed ended with a newline (no torn last line). */
        boolean endsWithWholeLine() {
            return endsWithWholeLine;
        }

        void feed(byte[] data, int len) {
            int start = 0;
            while (start < len) {
                int nl = start;
                while (nl < len && data[nl] != '\n') nl++;
                if (nl == len) { // no end of line in this block: keep the piece for the next
                    keep(data, start, len);
                    return;
                }
                if (partialTotal > 0) {
                    keep(data, start, nl);
                    line(java.util.Arrays.copyOf(partial, partialLen), 0, partialLen, true);
                    partialLen = 0;
                    partialTotal = 0;
                } else {
                    line(data, start, nl, true);
                }
                start = nl + 1;
            }
        }

        LogRead finish() {
            if (partialTotal > 0) endsWithWholeLine = false;
            if (partialTotal > 0) line(java.util.Arrays.copyOf(partial, partialLen), 0, partialLen, false);
            parseBatch();
            return new LogRead(events, problems);
        }

        private void keep(byte[] data, int from, int to) {
            int n = to - from;
            partialTotal += n;
            if (partialTotal > MAX_LINE_BYTES) return; // counted, not kept
            if (partialLen + n > partial.length) {
                partial = java.util.Arrays.copyOf(partial, Math.max(partial.length * 2, partialLen + n));
            }
            System.arraycopy(data, from, partial, partialLen, n);
            partialLen += n;
        }

        private void line(byte[] data, int start, int end, boolean terminated) {
            lineNo++;
            long tooLong = partialTotal > MAX_LINE_BYTES ? partialTotal : 0;
            if (end > start && data[end - 1] == '\r') end--;
            if (end <= start && tooLong == 0) return;
            batch.add(new Line(data, start, end, lineNo, terminated, tooLong));
            if (batch.size() >= BATCH_LINES) parseBatch();
        }

        private void parseBatch() {
            Object[] out = new Object[batch.size()];
            IntStream range = IntStream.range(0, out.length);
            (out.length >= 4096 ? range.parallel() : range).forEach(k -> out[k] = parseLine(batch.get(k)));
            for (Object o : out) {
                if (o instanceof ReviewEvent e) events.add(e);
                else if (o instanceof String problem) problems.add(problem);
            }
            batch.clear();
        }

        /** The event, a problem line, or null for a blank line. */
        private Object parseLine(Line l) {
            if (l.tooLong > 0) {
                return problem(file, l.number, "line of " + l.tooLong + " bytes, longer than any review record"
                        + " can be (" + MAX_LINE_BYTES + " bytes)", l.terminated);
            }
            ReviewEvent fast = FastEventParser.parse(l.data, l.start, l.end);
            if (fast != null) return fast;
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(l.data, l.start, l.end - l.start))
                        .toString();
                return text.isBlank() ? null : ReviewEventCodec.fromJson(text);
            } catch (CharacterCodingException e) {
                return problem(file, l.number, "not valid UTF-8", l.terminated);
            } catch (IllegalArgumentException e) {
                return problem(file, l.number, e.getMessage(), l.terminated);
            }
        }
    }

    private static String problem(Path file, int line, String reason, boolean terminated) {
        String why = terminated ? reason : "torn last line, " + reason;
        return ControlChars.quote(file.toString()) + ":" + line + ": skipped unreadable review record ("
                + ControlChars.escape(why) + ")";
    }

    private static DojoException unusable(Path path, IOException e) {
        return new DojoException(DojoException.BAD_INPUT,
                "cannot use data directory for progress " + path + ": " + reason(e)
                        + " (choose another with --data-dir or DOJO_HOME)", e);
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a file is in the way where a directory should be";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().substring(0, 1).toLowerCase() + f.getReason().substring(1);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
