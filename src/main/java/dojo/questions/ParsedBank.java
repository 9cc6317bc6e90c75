package dojo.questions;

import java.util.List;
import java.util.Optional;

/**
 * What {@link BankParser#parse} returns: the bank (holding only questions without errors; empty when the
 * file has no usable bank id or language) and every problem found, in file order.
 */
public record ParsedBank(Optional<Bank> bank, List<Diagnostic> diagnostics) {
    public ParsedBank {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }
}
