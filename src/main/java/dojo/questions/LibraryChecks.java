package dojo.questions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that need several files: a bank id used twice in a language, a question id used in two files of
 * a language, and English and Chinese banks that disagree on ids, types or correct answers. A question
 * whose id is already taken is left out of the model; disagreements are reported but keep both questions.
 */
final class LibraryChecks {
    private LibraryChecks() {}

    private record Located(BankFile file, int index, QuestionDraft draft) {}

    static void run(List<BankFile> files, List<Diagnostic> diags) {
        duplicateBanks(files, diags);
        duplicateIds(files, diags);
        languagesAgree(files, diags);
    }

    static Optional<String> langOf(BankFile f) {
        return f.frontMatter().lang().or(() -> BankParser.directoryLang(f.file()));
    }

    /** {@code en/10-fundamentals.md:12}: short enough to read in a message. */
    static String where(Path file, SourcePos pos) {
        Path parent = file.getParent();
        String dir = parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/";
        return dir + file.getFileName() + ":" + pos.line();
    }

    private static void duplicateBanks(List<BankFile> files, List<Diagnostic> diags) {
        Map<String, BankFile> first = new LinkedHashMap<>();
        for (BankFile f : files) {
            FrontMatter fm = f.frontMatter();
            if (fm.bank().isEmpty() || fm.lang().isEmpty()) continue;
            String key = fm.lang().get() + "/" + fm.bank().get();
            BankFile prev = first.putIfAbsent(key, f);
            if (prev != null) {
                diags.add(Diagnostic.error(fm.bankPos(), "bank id '" + fm.bank().get() + "' is also used by "
                        + where(prev.file(), prev.frontMatter().bankPos()) + " (one file per bank and language)"));
            }
        }
    }

    private static void duplicateIds(List<BankFile> files, List<Diagnostic> diags) {
        Map<String, Located> first = new LinkedHashMap<>();
        for (int fi = 0; fi < files.size(); fi++) {
            BankFile f = files.get(fi);
            Optional<String> lang = langOf(f);
            if (lang.isEmpty()) continue;
            Set<Integer> rejected = new HashSet<>();
            for (int i = 0; i < f.drafts().size(); i++) {
                QuestionDraft d = f.drafts().get(i);
                if (d.id().isEmpty()) continue;
                Located prev = first.putIfAbsent(lang.get() + "/" + d.id().get(), new Located(f, i, d));
                if (prev != null && !prev.file().file().equals(f.file())) {
                    diags.add(Diagnostic.error(d.idPos(), "duplicate id '" + d.id().get() + "': also used in "
                            + where(prev.file().file(), prev.draft().idPos())
                            + " (ids are unique across all banks of a language)"));
                    rejected.add(i);
                }
            }
            if (!rejected.isEmpty()) files.set(fi, reject(f, rejected));
        }
    }

    private static BankFile reject(BankFile f, Set<Integer> indices) {
        List<QuestionDraft> drafts = new ArrayList<>(f.drafts());
        for (int i : indices) drafts.set(i, drafts.get(i).rejected());
        Optional<Bank> bank = f.bank().map(b -> new Bank(b.id(), b.title(), b.lang(), b.file(),
                drafts.stream().flatMap(d -> d.question().stream()).toList()));
        return new BankFile(f.file(), f.frontMatter(), drafts, bank, f.diagnostics(), f.unreadable());
    }

    private static Map<String, Located> byId(List<BankFile> files, String lang) {
        Map<String, Located> out = new LinkedHashMap<>();
        for (BankFile f : files) {
            if (!langOf(f).map(lang::equals).orElse(false)) continue;
            for (int i = 0; i < f.drafts().size(); i++) {
                QuestionDraft d = f.drafts().get(i);
                if (d.id().isPresent()) out.putIfAbsent(d.id().get(), new Located(f, i, d));
            }
        }
        return out;
    }

    private static void languagesAgree(List<BankFile> files, List<Diagnostic> diags) {
        Map<String, Located> en = byId(files, "en");
        Map<String, Located> zh = byId(files, "zh");
        boolean enFiles = files.stream().anyMatch(f -> langOf(f).map("en"::equals).orElse(false));
        boolean zhFiles = files.stream().anyMatch(f -> langOf(f).map("zh"::equals).orElse(false));
        if (!enFiles || !zhFiles) return; // only one language loaded: nothing to compare with
        for (Located e : en.values()) {
            if (!zh.containsKey(e.draft().id().get())) {
                diags.add(Diagnostic.error(e.draft().idPos(), "id '" + e.draft().id().get()
                        + "' is in en but not in zh (every question needs both languages)"));
            }
        }
        for (Located z : zh.values()) {
            Located e = en.get(z.draft().id().get());
            if (e == null) {
                diags.add(Diagnostic.error(z.draft().idPos(), "id '" + z.draft().id().get()
                        + "' is in zh but not in en (every question needs both languages)"));
                continue;
            }
            compare(e, z, diags);
        }
    }

    private static void compare(Located enQ, Located zhQ, List<Diagnostic> diags) {
        QuestionDraft e = enQ.draft();
        QuestionDraft z = zhQ.draft();
        String ref = " (en: " + where(enQ.file().file(), e.pos()) + ")";
        SourcePos at = z.pos();
        if (e.type().isPresent() && z.type().isPresent() && e.type().get() != z.type().get()) {
            diags.add(Diagnostic.error(at, "type differs between languages: en has '" + e.type().get().key()
                    + "', zh has '" + z.type().get().key() + "'" + ref));
            return;
        }
        boolean choiceType = z.type().map(t -> t == QuestionType.SINGLE || t == QuestionType.MULTIPLE).orElse(false);
        if (choiceType && e.choiceCount() != z.choiceCount()) {
            diags.add(Diagnostic.error(at, "number of choices differs: en has " + e.choiceCount() + ", zh has "
                    + z.choiceCount() + ref));
        }
        if (e.answer().isPresent() && z.answer().isPresent()) {
            Answer a = e.answer().get();
            Answer b = z.answer().get();
            if (a instanceof Answer.Choices ca && b instanceof Answer.Choices cb) {
                if (!ca.correctKeys().equals(cb.correctKeys())) {
                    diags.add(Diagnostic.error(at, "correct choices differ: en marks " + keys(ca) + ", zh marks "
                            + keys(cb) + ref));
                }
            } else if (a instanceof Answer.TrueFalse ta && b instanceof Answer.TrueFalse tb) {
                if (ta.value() != tb.value()) {
                    diags.add(Diagnostic.error(at, "true/false answer differs: en says " + ta.value() + ", zh says "
                            + tb.value() + ref));
                }
            } else if (a instanceof Answer.Numeric na && b instanceof Answer.Numeric nb) {
                if (na.value() != nb.value() || na.tolerance() != nb.tolerance() || na.relative() != nb.relative()) {
                    diags.add(Diagnostic.error(at, "numeric answer differs: en is " + numeric(na) + ", zh is "
                            + numeric(nb) + ref));
                }
            } else if (a instanceof Answer.Ordering oa && b instanceof Answer.Ordering ob) {
                if (oa.items().size() != ob.items().size()) {
                    diags.add(Diagnostic.error(at, "ordering length differs: en has " + oa.items().size()
                            + " items, zh has " + ob.items().size() + ref));
                }
            }
        }
        if (e.difficulty() != 0 && z.difficulty() != 0 && e.difficulty() != z.difficulty()) {
            diags.add(Diagnostic.warning(at, "difficulty differs: en has " + e.difficulty() + ", zh has "
                    + z.difficulty() + ref));
        }
        if (!new TreeSet<>(e.tags()).equals(new TreeSet<>(z.tags()))) {
            diags.add(Diagnostic.warning(at, "tags differ: en has " + String.join(", ", e.tags()) + "; zh has "
                    + String.join(", ", z.tags()) + ref));
        }
        Optional<String> eb = enQ.file().frontMatter().bank();
        Optional<String> zb = zhQ.file().frontMatter().bank();
        if (eb.isPresent() && zb.isPresent() && !Objects.equals(eb, zb)) {
            diags.add(Diagnostic.warning(at, "bank differs: en has it in '" + eb.get() + "', zh in '" + zb.get() + "'" + ref));
        }
    }

    private static String keys(Answer.Choices c) {
        return c.correctKeys().isEmpty() ? "none" : String.join(", ", new TreeSet<>(c.correctKeys()));
    }

    private static String numeric(Answer.Numeric n) {
        String tol = n.relative() ? fmt(n.tolerance() * 100) + "%" : fmt(n.tolerance());
        return fmt(n.value()) + " ± " + tol;
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%d", (long) d);
        return String.format(Locale.ROOT, "%s", d);
    }
}
