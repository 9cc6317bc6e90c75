package dojo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its owner lands it; see the issue tracker. */
@Command(name = "hint", mixinStandardHelpOptions = true, description = "(being built)")
public final class HintCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new DojoException(DojoException.BAD_INPUT, "'dojo hint' is not built yet");
    }
}
