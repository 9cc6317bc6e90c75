package dojo.questions;

import java.util.Optional;

/**
 * The YAML front matter of a bank file, as far as it could be read.
 *
 * @param bank     bank id, when present and well formed
 * @param title    bank title, when present
 * @param lang     {@code en} or {@code zh}, when present and valid
 * @param pos      where the front matter starts (the file start when it is missing)
 * @param bankPos  where the bank id value is written (else {@code pos})
 * @param langPos  where the lang value is written (else {@code pos})
 */
public record FrontMatter(
        Optional<String> bank, Optional<String> title, Optional<String> lang,
        SourcePos pos, SourcePos bankPos, SourcePos langPos) {}
