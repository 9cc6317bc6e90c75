package dojo.cli;

import dojo.DojoException;
import dojo.export.AnkiExporter;
import dojo.export.GiftExporter;
import dojo.export.HtmlHandout;
import dojo.export.JsonExporter;
import dojo.questions.Bank;
import dojo.questions.QuestionLibrary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dojo export}: handouts and files for other tools; see docs/export.md. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export question banks: a printable HTML handout, a compact answer key, Moodle GIFT, Anki TSV or JSON "
                + "of the whole model. Filter by bank, tag, difficulty or question id as quiz does.",
            "Writes to stdout unless --out is given. Questions with lint errors are left out (with a warning)."
        })
public final class ExportCommand implements Callable<Integer> {
    private static final List<String> FORMATS = List.of("html", "key", "gift", "anki", "json");

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "html, key (a compact answer key numbered like the handout), gift, anki or json.")
    String format;

    @Option(names = "--lang", paramLabel = "LANG",
            description = "en or zh. Default: en; for json, all languages.")
    String lang;

    @Option(names = "--answers", description = "html only: print the answer key (correct choices marked, answers, explanations).")
    boolean answers;

    @Option(names = "--bank", paramLabel = "ID", description = "Only this bank (repeatable). Default: every bank.")
    List<String> bankIds = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", split = ",", description = "Only questions with any of these tags (repeatable).")
    Set<String> tags = new LinkedHashSet<>();

    @Option(names = "--difficulty", paramLabel = "1..3", split = ",", description = "Only these difficulties (repeatable).")
    Set<Integer> difficulties = new LinkedHashSet<>();

    @Option(names = "--id", paramLabel = "ID", split = ",", description = "Only these question ids (repeatable).")
    Set<String> ids = new LinkedHashSet<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path out;

    @Option(names = "--title", paramLabel = "TEXT", description = "html only: the handout's title.")
    String title;

    @Option(names = "--questions", paramLabel = "PATH", arity = "1..*",
            description = "Bank files or directories to read (repeatable). Default: the project's questions/.")
    List<Path> sources = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        lang = dojo.terminal.UiLanguage.languageCode(lang);
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(fmt)) {
            throw DojoException.badInput("unknown format '" + format + "' (expected html, key, gift, anki or json)");
        }
        if (lang != null && !List.of("en", "zh").contains(lang)) {
            throw DojoException.badInput("unknown language '" + lang + "' (expected en or zh)");
        }
        if (answers && !fmt.equals("html")) {
            throw DojoException.badInput("--answers only applies to --format html (gift, anki and json always hold the answers)");
        }
        if (title != null && !fmt.equals("html")) {
            throw DojoException.badInput("--title only applies to --format html");
        }
        List<Path> from = sources.isEmpty() ? List.of(ProjectPaths.questions()) : sources;
        for (Path p : from) {
            if (!Files.exists(p)) throw DojoException.badInput("no such file or directory: " + p);
        }
        QuestionLibrary lib = QuestionLibrary.load(from);
        List<Bank> banks = select(lib, fmt);

        String text = switch (fmt) {
            case "html" -> new HtmlHandout().render(banks, banks.get(0).lang(), answers, title);
            case "key" -> new dojo.export.AnswerKey().render(banks);
            case "gift" -> new GiftExporter().render(banks);
            case "anki" -> new AnkiExporter().render(banks);
            default -> new JsonExporter().render(banks, ExportCommand::shown);
        };

        int leftOut = lib.questionCount() - lib.banks().stream().mapToInt(b -> b.questions().size()).sum();
        if (lib.hasErrors()) {
            err.println("export: warning: the banks have errors" + (leftOut > 0 ? "; " + leftOut + " question"
                    + (leftOut == 1 ? " was" : "s were") + " left out" : "") + " (run 'dojo lint' to see them)");
        }
        int count = banks.stream().mapToInt(b -> b.questions().size()).sum();
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(out, text, StandardCharsets.UTF_8);
            err.println("export: " + count + " questions from " + banks.size() + " bank" + (banks.size() == 1 ? "" : "s")
                    + " written to " + out + " (" + fmt + ")");
        } else {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        }
        err.flush();
        return 0;
    }

    private List<Bank> select(QuestionLibrary lib, String fmt) {
        String l = lang != null ? lang : fmt.equals("json") ? null : "en";
        List<Bank> inLang = lib.banks().stream().filter(b -> l == null || b.lang().equals(l)).collect(Collectors.toList());
        if (inLang.isEmpty()) {
            throw DojoException.badInput(l == null ? "no question banks found" : "no '" + l + "' question banks found"
                    + (lib.languages().isEmpty() ? "" : " (languages: " + String.join(", ", lib.languages()) + ")"));
        }
        return filterQuestions(selectBanks(inLang, l));
    }

    /** The --tag, --difficulty and --id filters, as quiz applies them; banks left empty are dropped. */
    private List<Bank> filterQuestions(List<Bank> banks) {
        for (int d : difficulties) {
            if (d < 1 || d > 3) throw DojoException.badInput("--difficulty must be 1, 2 or 3, got " + d);
        }
        Set<String> knownTags = new java.util.TreeSet<>();
        Set<String> knownIds = new java.util.TreeSet<>();
        for (Bank b : banks) for (dojo.questions.Question q : b.questions()) {
            knownTags.addAll(q.tags());
            knownIds.add(q.id());
        }
        for (String t : tags) {
            if (!knownTags.contains(t)) {
                throw DojoException.badInput("unknown tag '" + t + "'" + Suggestions.didYouMean(t, knownTags)
                        + " (" + knownTags.size() + " tags; 'dojo stats --tags all' lists them)");
            }
        }
        for (String id : ids) {
            if (!knownIds.contains(id)) throw DojoException.badInput("unknown question id '" + id + "'" + Suggestions.didYouMean(id, knownIds));
        }
        if (tags.isEmpty() && difficulties.isEmpty() && ids.isEmpty()) return banks;
        List<Bank> out = new ArrayList<>();
        for (Bank b : banks) {
            List<dojo.questions.Question> qs = b.questions().stream()
                    .filter(q -> tags.isEmpty() || q.tags().stream().anyMatch(tags::contains))
                    .filter(q -> difficulties.isEmpty() || difficulties.contains(q.difficulty()))
                    .filter(q -> ids.isEmpty() || ids.contains(q.id()))
                    .toList();
            if (!qs.isEmpty()) out.add(new Bank(b.id(), b.title(), b.lang(), b.file(), qs));
        }
        if (out.isEmpty()) throw DojoException.badInput("no questions match the filters");
        return out;
    }

    private List<Bank> selectBanks(List<Bank> inLang, String l) {
        if (bankIds.isEmpty()) return inLang;
        Set<String> wanted = new LinkedHashSet<>(bankIds);
        Set<String> known = inLang.stream().map(Bank::id).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String id : wanted) {
            if (!known.contains(id)) {
                throw DojoException.badInput("no bank '" + id + "'" + (l == null ? "" : " in " + l) + " (banks: "
                        + String.join(", ", known) + ")");
            }
        }
        return inLang.stream().filter(b -> wanted.contains(b.id())).collect(Collectors.toList());
    }

    /** Paths in the JSON: relative to the project when inside it, so exports do not depend on the checkout. */
    static String shown(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path project = ProjectPaths.projectDir();
        Path shown = abs.startsWith(project) ? project.relativize(abs) : file;
        return shown.toString().replace('\\', '/');
    }
}
