package dojo.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad usage of {@code workshop live} and {@code workshop join}: one line, exit 2, before anything listens. */
class WorkshopLiveCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WorkshopCli.run(dir, out, err, args);
    }

    @Test
    @DisplayName("live with an unknown bank names the banks there are")
    void unknownBank() {
        assertThat(run("live", "--port", "0", "--bank", "nope", "--questions", Path.of("questions").toAbsolutePath().toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown bank 'nope'; banks: ").contains("fundamentals").doesNotContain("Exception");
    }

    @Test
    @DisplayName("live refuses a time per question outside 1 s to 1 h")
    void badTime() {
        assertThat(run("live", "--port", "0", "--time", "2h")).isEqualTo(2);
        assertThat(err.toString()).contains("--time must be between 1s and 1h");
    }

    @Test
    @DisplayName("live refuses --review-dirs without {id}")
    void reviewDirsNeedId() {
        assertThat(run("live", "--port", "0", "--review-dirs", "/home/x")).isEqualTo(2);
        assertThat(err.toString()).contains("--review-dirs must contain {id}");
    }

    @Test
    @DisplayName("join without a code in the options or the URL is bad usage")
    void joinNeedsCode() {
        assertThat(run("join", "http://127.0.0.1:1/", "--name", "ada")).isEqualTo(2);
        assertThat(err.toString()).contains("no join code: use --code or a URL with ?code=");
    }

    @Test
    @DisplayName("join to an address where no quiz listens says it cannot reach it")
    void joinUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(run("join", "http://127.0.0.1:" + port + "/?code=123456", "--name", "ada")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot reach http://127.0.0.1:" + port + "/").doesNotContain("Exception");
    }
}
