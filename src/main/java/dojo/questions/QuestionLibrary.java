package dojo.questions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * All banks loaded from files and directories, with the problems found in each file and across files
 * (duplicate ids, a bank id used twice, English and Chinese banks that disagree). Only questions without
 * errors are served; every question left out has an error in {@link #diagnostics()}.
 */
public final class QuestionLibrary {
    private final List<BankFile> files;
    private final List<Bank> banks;
    private final List<Diagnostic> diagnostics;
    private final List<Path> unreadable;

    private QuestionLibrary(List<BankFile> files, List<Bank> banks, List<Diagnostic> diagnostics, List<Path> unreadable) {
        this.files = List.copyOf(files);
        this.banks = List.copyOf(banks);
        this.diagnostics = List.copyOf(diagnostics);
        this.unreadable = List.copyOf(unreadable);
    }

    /**
     * Loads files and directories (searched recursively for {@code *.md}, skipping {@code README.md} and
     * hidden entries), in a deterministic order: the paths in the order given, each directory's files
     * sorted by relative path. A path that does not exist gives an error diagnostic.
     */
    public static QuestionLibrary load(List<Path> paths) {
        return load(paths, new BankParser());
    }

    public static QuestionLibrary load(List<Path> paths, BankParser parser) {
        List<Diagnostic> diags = new ArrayList<>();
        List<Path> unreadable = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> toParse = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                for (Path f : markdownFiles(p, diags, unreadable)) {
                    if (seen.add(f.toAbsolutePath().normalize())) toParse.add(f);
                }
            } else if (Files.exists(p)) {
                if (seen.add(p.toAbsolutePath().normalize())) toParse.add(p);
            } else {
                String why = Files.isSymbolicLink(p) ? BankFinder.brokenLink(p) : null;
                diags.add(Diagnostic.error(SourcePos.of(p), why == null || why.isEmpty() ? "no such file or directory" : why));
                unreadable.add(p);
            }
        }
        // files are independent: parse them on all cores (BankParser is thread-safe); order is kept
        List<BankFile> parsed = toParse.size() > 1
                ? toParse.parallelStream().map(parser::parseFileSafely).collect(Collectors.toList())
                : toParse.stream().map(parser::parseFileSafely).collect(Collectors.toList());
        for (BankFile bf : parsed) {
            if (bf.unreadable()) unreadable.add(bf.file());
        }
        return assemble(parsed, diags, unreadable);
    }

    /** Builds a library from files already parsed (tests, tools that parse in-memory content). */
    public static QuestionLibrary of(List<BankFile> parsed) {
        List<Path> unreadable = parsed.stream().filter(BankFile::unreadable).map(BankFile::file).collect(Collectors.toList());
        return assemble(parsed, new ArrayList<>(), unreadable);
    }

    private static QuestionLibrary assemble(List<BankFile> parsed, List<Diagnostic> diags, List<Path> unreadable) {
        List<BankFile> checked = new ArrayList<>(parsed);
        for (BankFile bf : parsed) diags.addAll(bf.diagnostics());
        LibraryChecks.run(checked, diags);
        List<Bank> banks = new ArrayList<>();
        for (BankFile bf : checked) bf.bank().ifPresent(banks::add);
        diags.sort(ORDER);
        return new QuestionLibrary(checked, banks, diags, unreadable);
    }

    /** Diagnostics sorted by file, line, column. */
    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.pos().file().toString())
            .thenComparingInt(d -> d.pos().line())
            .thenComparingInt(d -> d.pos().column());

    private static List<Path> markdownFiles(Path dir, List<Diagnostic> diags, List<Path> unreadable) {
        BankFinder.Found found = BankFinder.find(dir);
        for (BankFinder.Problem p : found.problems()) {
            diags.add(Diagnostic.error(SourcePos.of(p.path()), p.message()));
            unreadable.add(p.path());
        }
        return found.files();
    }

    /** The banks with their error-free questions, in load order. */
    public List<Bank> banks() {
        return banks;
    }

    /** Every problem, from parsing and cross-file checks, sorted by file, line, column. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** Every error-free question of one language, in bank load order then file order. */
    public List<Question> questions(String lang) {
        return banks.stream().filter(b -> b.lang().equals(lang)).flatMap(b -> b.questions().stream())
                .collect(Collectors.toUnmodifiableList());
    }

    public Optional<Question> find(String lang, String id) {
        return questions(lang).stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public Optional<Bank> bank(String lang, String bankId) {
        return banks.stream().filter(b -> b.lang().equals(lang) && b.id().equals(bankId)).findFirst();
    }

    /** Languages that have at least one bank, sorted. */
    public List<String> languages() {
        return List.copyOf(banks.stream().map(Bank::lang).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Every file parsed, with its drafts (also the questions left out because of errors). */
    public List<BankFile> files() {
        return files;
    }

    /** Paths that do not exist or could not be read. */
    public List<Path> unreadable() {
        return unreadable;
    }

    /** Number of {@code ##} questions in all files, including those with errors. */
    public int questionCount() {
        return files.stream().mapToInt(f -> f.drafts().size()).sum();
    }

    /** Questions per language, for summaries. */
    public Map<String, Integer> questionCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String l : languages()) out.put(l, questions(l).size());
        return out;
    }
}
