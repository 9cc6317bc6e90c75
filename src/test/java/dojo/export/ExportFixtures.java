package dojo.export;

import dojo.questions.Bank;
import dojo.questions.QuestionLibrary;
import java.nio.file.Path;
import java.util.List;

/** Banks the export tests render: the all-types fixture in both languages and a bank of nasty characters. */
final class ExportFixtures {
    private ExportFixtures() {}

    static final Path VALID = Path.of("src/test/resources/banks/valid");
    static final Path NASTY = Path.of("src/test/resources/export");

    static List<Bank> banks(Path dir, String lang) {
        QuestionLibrary lib = QuestionLibrary.load(List.of(dir));
        if (!lib.diagnostics().isEmpty()) throw new AssertionError("fixture has problems: " + lib.diagnostics());
        return lib.banks().stream().filter(b -> b.lang().equals(lang)).toList();
    }

    static List<Bank> allTypes(String lang) {
        return banks(VALID, lang);
    }

    static List<Bank> nasty() {
        return banks(NASTY, "en");
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) n++;
        return n;
    }
}
