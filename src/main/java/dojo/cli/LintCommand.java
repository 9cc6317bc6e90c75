package dojo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its owner lands it; see the issue tracker. */
@Command(name = "lint", mixinStandardHelpOptions = true, description = "(being built)")
public final class LintCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new DojoException(DojoException.BAD_INPUT, "'dojo lint' is not built yet");
    }
}
