package dojo.progress;

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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only review log {@code <dataDir>/reviews.jsonl} (docs/progress-log.md).
 *
 * <p>Durability: each event is one line written with one positioned write and made durable with
 * {@code FileChannel.force(true)} before {@link #append} returns, so a crash loses at most the
 * answer being written. Concurrency: an exclusive lock on the whole file is held around each
 * append (a shared one around each read), so concurrent sessions in different processes never
 * interleave or lose lines. A torn last line (a crash mid-write) is skipped and reported by
 * {@link #read}; the next append first ends it with a newline so it stays a line of its own.
 * History is never rewritten, truncated or deleted.
 *
 * <p>One instance serves one thread at a time (its methods are synchronized); two instances on the
 * same file in one JVM also work (the file lock is retried).
 */
public final class ProgressLog implements AutoCloseable {

    public static final String FILE_NAME = "reviews.jsonl";

    private final Path file;
    private final FileChannel channel;

    private ProgressLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens (creating if needed) the data directory and its review log for appending.
     *
     * @throws DojoException (exit 2) naming the path and the reason if the directory or the log
     *     cannot be created or written
     */
    public static ProgressLog open(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw unusable(dir, e);
        }
        Path file = dir.resolve(FILE_NAME);
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            return new ProgressLog(file, ch);
        } catch (IOException e) {
            throw unusable(file, e);
        }
    }

    /** Reads the log in a data directory without creating anything (no log yet: no events). */
    public static LogRead readOnly(Path dataDir) throws IOException {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(file, readLocked(ch));
        } catch (NoSuchFileException e) {
            return new LogRead(List.of(), List.of());
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one event as one line and forces it to disk before returning. */
    public synchronized void append(ReviewEvent e) throws IOException {
        byte[] line = (ReviewEventCodec.toJson(e) + "\n").getBytes(StandardCharsets.UTF_8);
        FileLock lock = lock(channel, false);
        try {
            long end = channel.size();
            boolean tornTail = end > 0 && lastByte(end) != '\n';
            ByteBuffer buf = ByteBuffer.allocate(line.length + (tornTail ? 1 : 0));
            if (tornTail) {
                buf.put((byte) '\n');
            }
            buf.put(line).flip();
            long pos = end;
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
            channel.force(true);
        } finally {
            lock.release();
        }
    }

    /** Every readable event in file order, and one problem line for each line skipped. */
    public synchronized LogRead read() throws IOException {
        return parse(file, readLocked(channel));
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private byte lastByte(long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        while (one.hasRemaining()) {
            if (channel.read(one, size - 1) < 0) {
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

    private static byte[] readLocked(FileChannel ch) throws IOException {
        FileLock lock = lock(ch, true);
        try {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("review log is too large to read (" + size + " bytes)");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            long pos = 0;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) break;
                pos += n;
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        } finally {
            lock.release();
        }
    }

    static LogRead parse(Path file, byte[] data) {
        List<ReviewEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start < data.length) {
            int nl = start;
            while (nl < data.length && data[nl] != '\n') nl++;
            lineNo++;
            boolean terminated = nl < data.length;
            int end = nl;
            if (end > start && data[end - 1] == '\r') end--;
            if (end > start) {
                try {
                    String text = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(data, start, end - start))
                            .toString();
                    if (!text.isBlank()) {
                        events.add(ReviewEventCodec.fromJson(text));
                    }
                } catch (CharacterCodingException e) {
                    problems.add(problem(file, lineNo, "not valid UTF-8", terminated));
                } catch (IllegalArgumentException e) {
                    problems.add(problem(file, lineNo, e.getMessage(), terminated));
                }
            }
            start = nl + 1;
        }
        return new LogRead(events, problems);
    }

    private static String problem(Path file, int line, String reason, boolean terminated) {
        String why = terminated ? reason : "torn last line, " + reason;
        return file + ":" + line + ": skipped unreadable review record (" + why + ")";
    }

    private static DojoException unusable(Path path, IOException e) {
        return new DojoException(DojoException.BAD_INPUT,
                "cannot use data directory for progress " + path + ": " + reason(e)
                        + " (choose another with --data-dir or DOJO_HOME)", e);
    }

    private static String reason(IOException e) {
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
