package dojo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one-line summaries 'dojo --help' and 'dojo workshop --help' list: whole sentences, never cut mid-phrase. */
class CommandSummariesTest {

    private static void collect(CommandLine cl, List<CommandLine> out) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (out.stream().noneMatch(c -> c.getCommandSpec() == sub.getCommandSpec())) {
                out.add(sub);
                collect(sub, out);
            }
        }
    }

    @Test
    @DisplayName("every command's summary (the first line of its description) is a sentence that ends")
    void summariesAreWholeSentences() {
        List<CommandLine> all = new ArrayList<>();
        collect(Dojo.commandLine(new String[0]), all);
        assertThat(all).hasSizeGreaterThan(20);
        for (CommandLine c : all) {
            String[] d = c.getCommandSpec().usageMessage().description();
            if (d.length == 0) continue;
            assertThat(d[0].strip()).as(c.getCommandSpec().qualifiedName()).matches("(?s).*[.!?)]$");
        }
    }
}
