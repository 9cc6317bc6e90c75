package dojo.questions;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The full result of parsing one bank file: the model part ({@link #bank()}), every question as far as it
 * could be read ({@link #drafts()}) and every problem found.
 *
 * @param file        the file as it was given
 * @param frontMatter the front matter, as far as it could be read
 * @param drafts      one per {@code ##} question heading, in file order
 * @param bank        the bank with its error-free questions; empty when the bank id or language is unusable
 * @param diagnostics problems found in this file, in file order
 * @param unreadable  true when the file could not be read at all (I/O error)
 */
public record BankFile(
        Path file,
        FrontMatter frontMatter,
        List<QuestionDraft> drafts,
        Optional<Bank> bank,
        List<Diagnostic> diagnostics,
        boolean unreadable) {

    public BankFile {
        drafts = List.copyOf(drafts);
        diagnostics = List.copyOf(diagnostics);
    }

    public ParsedBank toParsedBank() {
        return new ParsedBank(bank, diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }
}
