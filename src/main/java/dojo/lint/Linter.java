package dojo.lint;

import dojo.questions.BankParser;
import dojo.questions.QuestionLibrary;
import java.nio.file.Path;
import java.util.List;

/** Loads banks from files and directories and collects every problem: per file and across files. */
public final class Linter {
    private final BankParser parser;

    public Linter() {
        this(new BankParser());
    }

    public Linter(BankParser parser) {
        this.parser = parser;
    }

    public LintReport lint(List<Path> paths) {
        QuestionLibrary lib = QuestionLibrary.load(paths, parser);
        return new LintReport(lib.files().size(), lib.questionCount(), lib.diagnostics(), lib.unreadable());
    }
}
