package dojo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its owner lands it; see the issue tracker. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "(being built)")
public final class ExportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new DojoException(DojoException.BAD_INPUT, "'dojo export' is not built yet");
    }
}
