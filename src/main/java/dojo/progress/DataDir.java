package dojo.progress;

import dojo.DojoException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a user's progress lives: {@code --data-dir}, else {@code $DOJO_HOME}, else
 * {@code $XDG_DATA_HOME/attention-dojo}, else {@code $HOME/.local/share/attention-dojo}.
 */
public final class DataDir {

    public static final String APP_DIR = "attention-dojo";

    private DataDir() {}

    /**
     * The data directory (not created here; {@link ProgressLog#open} creates it).
     *
     * @param cliOverride the {@code --data-dir} option, or null
     * @param env         the environment ({@code System.getenv()} in the application); empty values count as unset
     * @throws DojoException (exit 2) if no location can be derived or a value is not a valid path
     */
    public static Path resolve(Path cliOverride, Map<String, String> env) {
        if (cliOverride != null) {
            return cliOverride.toAbsolutePath().normalize();
        }
        String dojoHome = value(env, "DOJO_HOME");
        if (dojoHome != null) {
            return path("DOJO_HOME", dojoHome).toAbsolutePath().normalize();
        }
        String xdg = value(env, "XDG_DATA_HOME");
        // the XDG spec says relative values are invalid and must be ignored
        if (xdg != null && path("XDG_DATA_HOME", xdg).isAbsolute()) {
            return path("XDG_DATA_HOME", xdg).resolve(APP_DIR).normalize();
        }
        String home = value(env, "HOME");
        if (home != null) {
            return path("HOME", home).toAbsolutePath().resolve(".local/share").resolve(APP_DIR).normalize();
        }
        throw DojoException.badInput(
                "cannot tell where to keep your progress: HOME is not set; use --data-dir DIR or set DOJO_HOME");
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static Path path(String name, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw DojoException.badInput(name + "=" + value + " is not a valid path: " + e.getReason());
        }
    }
}
