package dojo.lint;

import dojo.questions.BankParser;
import dojo.questions.QuestionLibrary;
import dojo.questions.Bank;
import dojo.questions.ChoiceOrder;
import dojo.questions.Diagnostic;
import dojo.questions.SourcePos;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<Diagnostic> all = new ArrayList<>(lib.diagnostics());
        for (Bank b : lib.banks()) {
            all.addAll(AnswerSkew.of(b).findings(SourcePos.of(b.file())));
            if (b.lang().equals("zh")) all.addAll(ChineseStyle.check(b.file()));
        }
        all.sort(QuestionLibrary.ORDER);
        return new LintReport(lib.files().size(), lib.questionCount(), all, lib.unreadable());
    }

    /**
     * Answer-skew statistics of every bank that loaded, in bank order (for {@code dojo lint --stats}): of the
     * file order, or with {@code exportOrder} of the order the exports show (ChoiceOrder#forExport).
     */
    public List<AnswerSkew> skew(List<Path> paths, boolean exportOrder) {
        return QuestionLibrary.load(paths, parser).banks().stream()
                .map(b -> exportOrder ? new Bank(b.id(), b.title(), b.lang(), b.file(),
                        b.questions().stream().map(ChoiceOrder::forExport).toList()) : b)
                .map(AnswerSkew::of).toList();
    }
}
