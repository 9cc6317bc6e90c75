package dojo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its owner lands it; see the issue tracker. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "(being built)")
public final class StatsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new DojoException(DojoException.BAD_INPUT, "'dojo stats' is not built yet");
    }
}
