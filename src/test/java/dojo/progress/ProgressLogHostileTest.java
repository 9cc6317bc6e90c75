package dojo.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.review.Rating;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review log under hostile conditions: a full disk, long and odd lines, large files, other writers. */
class ProgressLogHostileTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    @TempDir
    Path tmp;

    static ReviewEvent event(String id, int minutes) {
        return new ReviewEvent(id, "bank", "en", T0.plusSeconds(60L * minutes), Rating.GOOD, true, 1.0, 10, "practice");
    }

    /** Writes {@code okBytes} of the next write, then fails the way a full disk does. */
    static final class FullDisk extends FileChannel {
        private final FileChannel real;
        private final int okBytes;

        FullDisk(FileChannel real, int okBytes) {
            this.real = real;
            this.okBytes = okBytes;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + Math.min(okBytes, part.remaining()));
            int n = real.write(part);
            src.position(src.position() + n);
            throw new IOException("No space left on device");
        }

        @Override public int read(ByteBuffer dst) throws IOException { return real.read(dst); }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return real.read(dsts, offset, length); }
        @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { throw new IOException("No space left on device"); }
        @Override public long position() throws IOException { return real.position(); }
        @Override public FileChannel position(long p) throws IOException { real.position(p); return this; }
        @Override public long size() throws IOException { return real.size(); }
        @Override public FileChannel truncate(long size) throws IOException { real.truncate(size); return this; }
        @Override public void force(boolean metaData) throws IOException { real.force(metaData); }
        @Override public long transferTo(long p, long c, WritableByteChannel t) throws IOException { return real.transferTo(p, c, t); }
        @Override public long transferFrom(ReadableByteChannel s, long p, long c) throws IOException { return real.transferFrom(s, p, c); }
        @Override public int read(ByteBuffer dst, long p) throws IOException { return real.read(dst, p); }
        @Override public int write(ByteBuffer src, long p) throws IOException { throw new IOException("No space left on device"); }
        @Override public MappedByteBuffer map(MapMode m, long p, long s) throws IOException { return real.map(m, p, s); }
        @Override public FileLock lock(long p, long s, boolean shared) throws IOException { return real.lock(p, s, shared); }
        @Override public FileLock tryLock(long p, long s, boolean shared) throws IOException { return real.tryLock(p, s, shared); }
        @Override protected void implCloseChannel() throws IOException { real.close(); }
    }

    @Test
    void a_failed_write_cuts_the_log_back_to_its_last_whole_line_and_names_the_log() throws IOException {
        try (ProgressLog log = ProgressLog.open(tmp)) {
            log.append(event("kept", 0));
        }
        Path file = tmp.resolve(ProgressLog.FILE_NAME);
        byte[] before = Files.readAllBytes(file);
        FileChannel appender = new FullDisk(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND), 17);
        try (ProgressLog log = new ProgressLog(file, appender, FileChannel.open(file, StandardOpenOption.READ))) {
            assertThatThrownBy(() -> log.append(event("lost", 1)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining("cut back to its last whole line");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        LogRead read = ProgressLog.readOnly(tmp);
        assertThat(read.problems()).isEmpty();
        assertThat(read.events()).extracting(ReviewEvent::questionId).containsExactly("kept");
    }

    @Test
    void an_append_lands_after_lines_another_writer_added_since_the_log_was_opened() throws IOException {
        try (ProgressLog log = ProgressLog.open(tmp)) {
            log.append(event("first", 0));
            try (OutputStream other = Files.newOutputStream(tmp.resolve(ProgressLog.FILE_NAME), StandardOpenOption.APPEND)) {
                other.write((ReviewEventCodec.toJson(event("other", 1)) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            log.append(event("second", 2));
        }
        assertThat(ProgressLog.readOnly(tmp).events()).extracting(ReviewEvent::questionId)
                .containsExactly("first", "other", "second");
    }

    @Test
    void creating_the_log_leaves_an_empty_file_in_a_new_data_directory() throws IOException {
        Path dir = tmp.resolve("a/b/data");
        try (ProgressLog log = ProgressLog.open(dir)) {
            assertThat(log.read().events()).isEmpty();
        }
        assertThat(dir.resolve(ProgressLog.FILE_NAME)).exists().isEmptyFile();
    }

    @Test
    void lines_longer_than_a_read_block_and_lines_across_block_edges_are_read_whole() throws IOException {
        StringBuilder log = new StringBuilder();
        List<String> ids = new ArrayList<>();
        String padding = "p".repeat(3 << 20); // a valid line three read blocks long
        log.append(ReviewEventCodec.toJson(event("long", 0)).replace("}", ",\"note\":\"" + padding + "\"}")).append('\n');
        ids.add("long");
        for (int i = 0; i < 30_000; i++) { // ~5 MB of ordinary lines: many block edges fall mid-line
            ids.add("q" + i);
            log.append(ReviewEventCodec.toJson(event("q" + i, i))).append('\n');
        }
        Files.writeString(tmp.resolve(ProgressLog.FILE_NAME), log);
        LogRead read = ProgressLog.readOnly(tmp);
        assertThat(read.problems()).isEmpty();
        assertThat(read.events()).extracting(ReviewEvent::questionId).containsExactlyElementsOf(ids);
    }

    @Test
    void lines_parsed_on_several_cores_keep_file_order_and_line_numbers() throws IOException {
        StringBuilder log = new StringBuilder();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 100_000; i++) {
            if (i == 5_000 || i == 70_001) {
                log.append("garbage ").append(i).append('\n');
            } else {
                ids.add("q" + i);
                log.append(ReviewEventCodec.toJson(event("q" + i, i))).append('\n');
            }
        }
        Files.writeString(tmp.resolve(ProgressLog.FILE_NAME), log);
        LogRead read = ProgressLog.readOnly(tmp);
        assertThat(read.events()).extracting(ReviewEvent::questionId).containsExactlyElementsOf(ids);
        assertThat(read.problems()).hasSize(2);
        assertThat(read.problems().get(0)).contains("reviews.jsonl:5000: skipped unreadable review record (not valid JSON");
        assertThat(read.problems().get(1)).contains("reviews.jsonl:70001: skipped");
    }

    @Test
    void a_log_over_two_gigabytes_is_read_as_a_stream() throws IOException {
        Path file = tmp.resolve(ProgressLog.FILE_NAME);
        byte[] first = (ReviewEventCodec.toJson(event("first", 0)) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] last = ("\n" + ReviewEventCodec.toJson(event("last", 1)) + "\n").getBytes(StandardCharsets.UTF_8);
        long hole = (1L << 31) + 4096; // a sparse run of NUL bytes: one line far longer than any record
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(first), 0);
            ch.write(ByteBuffer.wrap(last), first.length + hole);
        }
        assertThat(Files.size(file)).isGreaterThan(Integer.MAX_VALUE);
        LogRead read = ProgressLog.readOnly(tmp);
        assertThat(read.events()).extracting(ReviewEvent::questionId).containsExactly("first", "last");
        assertThat(read.problems()).singleElement().asString()
                .contains("reviews.jsonl:2: skipped unreadable review record (line of " + hole + " bytes");
    }

    @Test
    void a_valid_line_nested_deeper_than_jackson_allows_by_default_is_read_not_called_torn() throws IOException {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        String line = ReviewEventCodec.toJson(event("deep", 0)).replace("}", ",\"extra\":" + deep + "}");
        Files.writeString(tmp.resolve(ProgressLog.FILE_NAME), line + "\n");
        LogRead read = ProgressLog.readOnly(tmp);
        assertThat(read.problems()).isEmpty();
        assertThat(read.events()).extracting(ReviewEvent::questionId).containsExactly("deep");
    }

    @Test
    void the_fast_path_reads_every_written_event_exactly_as_jackson_does() {
        Random rnd = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            Instant t = Instant.ofEpochSecond(rnd.nextInt(2_000_000_000), rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1_000_000_000));
            if (rnd.nextBoolean()) t = Instant.ofEpochMilli(t.toEpochMilli());
            double score = rnd.nextInt(3) / 2.0;
            ReviewEvent e = new ReviewEvent("id-" + i, rnd.nextBoolean() ? null : "b" + i, rnd.nextBoolean() ? "en" : null, t,
                    Rating.of(1 + rnd.nextInt(4)), rnd.nextBoolean(), rnd.nextInt(5) == 0 ? rnd.nextDouble() : score,
                    rnd.nextInt(100_000), rnd.nextBoolean() ? null : "exam");
            byte[] line = ReviewEventCodec.toJson(e).getBytes(StandardCharsets.UTF_8);
            ReviewEvent fast = FastEventParser.parse(line, 0, line.length);
            assertThat(fast).as(new String(line, StandardCharsets.UTF_8)).isEqualTo(e)
                    .isEqualTo(ReviewEventCodec.fromJson(new String(line, StandardCharsets.UTF_8)));
        }
    }

    @Test
    void the_fast_path_leaves_every_doubtful_line_to_the_full_reader() {
        String ok = ReviewEventCodec.toJson(event("a", 0));
        for (String bad : List.of(
                ok.replace("\"rating\":3", "\"rating\":9"),
                ok.replace("2026-01-05T09:00:00Z", "2026-02-30T09:00:00Z"),
                ok.replace("2026-01-05T09:00:00Z", "2026-01-05T09:00:00+01:00"),
                ok.replace("\"id\":\"a\"", "\"id\":\"\\u0061\""),
                ok.replace("\"score\":1.0", "\"score\":1.5"),
                ok.replace("\"v\":1", "\"v\":0"),
                ok.replace("\"correct\":true", "\"correct\":1"),
                ok + " trailing",
                ok.substring(0, ok.length() - 1))) {
            byte[] b = bad.getBytes(StandardCharsets.UTF_8);
            assertThat(FastEventParser.parse(b, 0, b.length)).as(bad).isNull();
        }
    }

    @Test
    void epoch_days_agree_with_java_time_across_leap_years_and_centuries() {
        for (int y : new int[] {1600, 1900, 1970, 1999, 2000, 2024, 2026, 2100, 9999}) {
            for (int m = 1; m <= 12; m++) {
                assertThat(FastEventParser.epochDay(y, m, 1)).isEqualTo(java.time.LocalDate.of(y, m, 1).toEpochDay());
                int last = java.time.YearMonth.of(y, m).lengthOfMonth();
                assertThat(FastEventParser.epochDay(y, m, last)).isEqualTo(java.time.LocalDate.of(y, m, last).toEpochDay());
            }
        }
    }
}
