package dojo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its owner lands it; see the issue tracker. */
@Command(name = "exercises", mixinStandardHelpOptions = true, description = "(being built)")
public final class ExercisesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new DojoException(DojoException.BAD_INPUT, "'dojo exercises' is not built yet");
    }
}
