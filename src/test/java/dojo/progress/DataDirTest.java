package dojo.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.DojoException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DataDirTest {

    private static final Map<String, String> ALL = Map.of(
            "DOJO_HOME", "/srv/dojo",
            "XDG_DATA_HOME", "/home/ada/.data",
            "HOME", "/home/ada");

    @Test
    @DisplayName("--data-dir wins over every environment variable")
    void cliOverrideFirst() {
        assertThat(DataDir.resolve(Path.of("/tmp/mine"), ALL)).isEqualTo(Path.of("/tmp/mine"));
        assertThat(DataDir.resolve(Path.of("rel/dir"), ALL)).isEqualTo(Path.of("rel/dir").toAbsolutePath());
    }

    @Test
    @DisplayName("DOJO_HOME comes next, then XDG_DATA_HOME/attention-dojo, then ~/.local/share/attention-dojo")
    void environmentOrder() {
        assertThat(DataDir.resolve(null, ALL)).isEqualTo(Path.of("/srv/dojo"));
        assertThat(DataDir.resolve(null, Map.of("XDG_DATA_HOME", "/home/ada/.data", "HOME", "/home/ada")))
                .isEqualTo(Path.of("/home/ada/.data/attention-dojo"));
        assertThat(DataDir.resolve(null, Map.of("HOME", "/home/ada")))
                .isEqualTo(Path.of("/home/ada/.local/share/attention-dojo"));
    }

    @Test
    @DisplayName("empty variables count as unset and a relative XDG_DATA_HOME is ignored, as the XDG spec says")
    void emptyAndRelativeIgnored() {
        assertThat(DataDir.resolve(null, Map.of("DOJO_HOME", "", "XDG_DATA_HOME", " ", "HOME", "/home/ada")))
                .isEqualTo(Path.of("/home/ada/.local/share/attention-dojo"));
        assertThat(DataDir.resolve(null, Map.of("XDG_DATA_HOME", "relative/data", "HOME", "/home/ada")))
                .isEqualTo(Path.of("/home/ada/.local/share/attention-dojo"));
    }

    @Test
    @DisplayName("with no variable at all, the error says what to set")
    void nothingSet() {
        assertThatThrownBy(() -> DataDir.resolve(null, Map.of()))
                .isInstanceOfSatisfying(DojoException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("--data-dir")
                .hasMessageContaining("DOJO_HOME");
    }
}
