package dojo.workshop;

import dojo.cli.Dojo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs {@code dojo workshop -C DIR ARGS...} in process, capturing standard output and error. */
final class WorkshopCli {
    private WorkshopCli() {}

    static int run(Path dir, StringWriter out, StringWriter err, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "workshop";
        all[1] = "-C";
        all[2] = dir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Dojo.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
