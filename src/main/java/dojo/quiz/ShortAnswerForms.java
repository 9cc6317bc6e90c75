package dojo.quiz;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways one short answer can be read. Chinese engineers write a term with its English name in brackets,
 * {@code 张量并行（TP）}, {@code 残差连接 (residual connection)}, and English writers the reverse; such an
 * answer is right when the whole of it, or either part, is an accepted answer (docs/scoring.md).
 */
final class ShortAnswerForms {
    private ShortAnswerForms() {}

    /** {@code X (Y)} or {@code X（Y）}, full-width brackets folded by NFKC; the bracket ends the answer. */
    private static final Pattern GLOSSED = Pattern.compile("^\\s*([^()]*[^()\\s])\\s*\\(\\s*([^()]*[^()\\s])\\s*\\)\\s*$");

    /** The whole answer first, then the part outside and the part inside the brackets, if it has that form. */
    static List<String> readings(String input) {
        List<String> out = new ArrayList<>();
        out.add(input);
        Matcher m = GLOSSED.matcher(Normalizer.normalize(input, Normalizer.Form.NFKC));
        if (m.matches()) {
            out.add(m.group(1));
            out.add(m.group(2));
        }
        return out;
    }
}
