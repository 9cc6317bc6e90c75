package dojo.questions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonmark.ext.front.matter.YamlFrontMatterBlock;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Parses one Markdown bank file (format: {@code docs/question-format.md}) into the question model. Never
 * throws for bad content: every problem becomes a {@link Diagnostic} with its line and column, and a
 * question with an error is reported and left out of the model, never dropped silently. Thread-safe: one
 * instance may parse several files at once.
 */
public final class BankParser {
    private final Parser markdown;
    private final FrontMatterReader frontMatter = new FrontMatterReader();

    public BankParser() {
        this.markdown = Parser.builder()
                .extensions(List.of(YamlFrontMatterExtension.create(), TaskListItemsExtension.create(),
                        TablesExtension.create()))
                .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
                .build();
    }

    /** Reads and parses a file; an unreadable file gives an error diagnostic, not an exception. */
    public ParsedBank parse(Path file) {
        return parseFile(file).toParsedBank();
    }

    /** Parses {@code content} as if it were the contents of {@code file} (which need not exist). */
    public ParsedBank parse(Path file, String content) {
        return parseFile(file, content).toParsedBank();
    }

    /** Like {@link #parse(Path)}, with the question drafts that cross-file checks need. */
    public BankFile parseFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return unreadable(file, "no such file");
        } catch (IOException | SecurityException e) {
            return unreadable(file, "cannot read file: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            out.flip();
            SourceText prefix = new SourceText(file, SourceText.normalize(out.toString()));
            SourcePos pos = prefix.pos(prefix.text().length());
            FrontMatter none = new FrontMatter(Optional.empty(), Optional.empty(), Optional.empty(), pos, pos, pos);
            return new BankFile(file, none, List.of(), Optional.empty(),
                    List.of(Diagnostic.error(pos, "the file is not valid UTF-8 (bad byte at offset " + in.position() + ")")),
                    false);
        }
        dec.flush(out);
        out.flip();
        return parseFile(file, out.toString());
    }

    /**
     * Like {@link #parseFile(Path)}, but a failure inside the parser (a bug, or a limit this parser does not
     * know about) becomes an error on the file instead of ending the caller: one bad file never stops a lint
     * run over many.
     */
    public BankFile parseFileSafely(Path file) {
        // commonmark parses some nestings recursively; how deep a given stack reaches depends on whether the JIT
        // has compiled the parser yet, so parse on a thread with a stack large enough for any depth the depth
        // guard reports as an error (thousands of levels), the same on every run
        BankFile[] result = new BankFile[1];
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = parseFileOnThisThread(file);
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "bank-parser", PARSER_STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(file, "cannot check this file: interrupted");
        }
        if (thrown[0] instanceof Error err && !(err instanceof StackOverflowError) && !(err instanceof OutOfMemoryError)) throw err;
        return result[0] != null ? result[0] : thrown[0] instanceof StackOverflowError
                ? failed(file, "cannot check this file: its Markdown is nested too deeply to read")
                : failed(file, "cannot check this file: " + thrown[0].getClass().getSimpleName()
                        + (thrown[0].getMessage() == null ? "" : ": " + thrown[0].getMessage()));
    }

    /** Stack of the parsing thread (reserved, committed only as used): room for any nesting a real or hostile bank has. */
    private static final long PARSER_STACK_BYTES = 256L * 1024 * 1024;

    private BankFile parseFileOnThisThread(Path file) {
        try {
            return parseFile(file);
        } catch (StackOverflowError e) {
            return failed(file, "cannot check this file: its Markdown is nested too deeply to read");
        } catch (RuntimeException | OutOfMemoryError e) {
            return failed(file, "cannot check this file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static BankFile failed(Path file, String message) {
        SourcePos pos = SourcePos.of(file);
        FrontMatter none = new FrontMatter(Optional.empty(), Optional.empty(), Optional.empty(), pos, pos, pos);
        return new BankFile(file, none, List.of(), Optional.empty(), List.of(Diagnostic.error(pos, message)), false);
    }

    private static BankFile unreadable(Path file, String message) {
        SourcePos pos = SourcePos.of(file);
        FrontMatter none = new FrontMatter(Optional.empty(), Optional.empty(), Optional.empty(), pos, pos, pos);
        return new BankFile(file, none, List.of(), Optional.empty(), List.of(Diagnostic.error(pos, message)), true);
    }

    /** Like {@link #parse(Path, String)}, with the question drafts that cross-file checks need. */
    public BankFile parseFile(Path file, String content) {
        List<Diagnostic> diags = new ArrayList<>();
        List<SourcePos> hazards = new ArrayList<>(); // problems that leave the question holding them out
        SourceText src = BankStructure.neutralizeControls(new SourceText(file, SourceText.normalize(content)), diags, hazards);
        Node doc = markdown.parse(src.text());

        Optional<FrontMatterReader.Location> loc = frontMatter.locate(src, doc, diags);
        if (loc.isPresent() && !takenByExtension(doc, loc.get())) {
            doc = markdown.parse(blankLines(src.text(), src, loc.get()));
        }
        DepthGuard.check(src, doc, diags, hazards);
        BankStructure.checkBlocks(src, doc, loc.map(l -> l.close() + 1).orElse(0), diags, hazards);
        FrontMatter fm = frontMatter.read(src, loc, directoryLang(file), diags);
        String bankId = fm.bank().orElse("");
        String lang = fm.lang().orElse("");

        List<Node> blocks = new ArrayList<>();
        for (Node n : Nodes.children(doc)) {
            if (!(n instanceof YamlFrontMatterBlock)) blocks.add(n);
        }
        int k = 0;
        checkPreamble(src, blocks, diags);
        while (k < blocks.size() && !isQuestionHeading(blocks.get(k))) k++;

        List<QuestionDraft> drafts = new ArrayList<>();
        QuestionReader reader = new QuestionReader(src, bankId, lang, diags);
        while (k < blocks.size()) {
            Heading h = (Heading) blocks.get(k);
            int next = k + 1;
            while (next < blocks.size() && !isQuestionHeading(blocks.get(next))) next++;
            drafts.add(reader.read(h, blocks.subList(k + 1, next)));
            k = next;
        }

        if (drafts.isEmpty()) {
            diags.add(Diagnostic.error(fm.pos(), "bank has no questions: add one '## Question title' section per question"));
        }
        BankStructure.rejectAt(drafts, hazards);
        rejectDuplicateIds(drafts, diags);

        Optional<Bank> bank = Optional.empty();
        if (fm.bank().isPresent() && fm.lang().isPresent()) {
            List<Question> questions = new ArrayList<>();
            for (QuestionDraft d : drafts) d.question().ifPresent(questions::add);
            bank = Optional.of(new Bank(bankId, fm.title().orElse(bankId), lang, file, questions));
        }
        diags.sort(Comparator.comparingInt((Diagnostic d) -> d.pos().line()).thenComparingInt(d -> d.pos().column()));
        return new BankFile(file, fm, drafts, bank, diags, false);
    }

    private static boolean takenByExtension(Node doc, FrontMatterReader.Location loc) {
        if (!loc.closed() || !(doc.getFirstChild() instanceof YamlFrontMatterBlock b)) return false;
        var spans = b.getSourceSpans();
        return spans.get(spans.size() - 1).getLineIndex() == loc.close();
    }

    /** The text with the front matter lines turned into spaces: same offsets, nothing left for Markdown to parse. */
    private static String blankLines(String text, SourceText src, FrontMatterReader.Location loc) {
        int lastLine = loc.closed() ? loc.close() : loc.close() - 1;
        int from = src.lineStart(loc.open());
        int to = lastLine + 1 < src.lineCount() ? src.lineStart(lastLine + 1) : text.length();
        StringBuilder sb = new StringBuilder(text);
        for (int i = from; i < to; i++) {
            if (sb.charAt(i) != '\n') sb.setCharAt(i, ' ');
        }
        return sb.toString();
    }

    /** en or zh when the file sits directly in a directory of that name. */
    static Optional<String> directoryLang(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent == null || parent.getFileName() == null) return Optional.empty();
        String name = parent.getFileName().toString();
        return FrontMatterReader.LANGS.contains(name) ? Optional.of(name) : Optional.empty();
    }

    private static boolean isQuestionHeading(Node n) {
        return n instanceof Heading h && h.getLevel() == 2;
    }

    /** Before the first question only a '#' title, paragraphs, comments and separators are allowed. */
    private static void checkPreamble(SourceText src, List<Node> blocks, List<Diagnostic> diags) {
        int titles = 0;
        for (Node b : blocks) {
            if (isQuestionHeading(b)) return;
            if (b instanceof Paragraph || b instanceof ThematicBreak || b instanceof LinkReferenceDefinition
                    || Nodes.isComment(b)) {
                continue;
            }
            SourcePos pos = Nodes.pos(src, b);
            if (b instanceof Heading h && h.getLevel() == 1) {
                if (++titles > 1) diags.add(Diagnostic.error(pos, "a second '#' title: a bank has one '#' title at the top"));
            } else if (b instanceof Heading h && h.getLevel() == 3) {
                diags.add(Diagnostic.error(pos, "section '### " + Nodes.plainText(h)
                        + "' outside any question: put it under a '## Question' heading"));
            } else {
                diags.add(Diagnostic.error(pos, "text outside any question: a " + describe(b)
                        + " before the first '##' question heading (only a '#' title and paragraphs may come first)"));
            }
        }
    }

    private static String describe(Node b) {
        if (b instanceof ListBlock) return "list";
        if (b instanceof org.commonmark.node.FencedCodeBlock || b instanceof org.commonmark.node.IndentedCodeBlock) return "code block";
        if (b instanceof BlockQuote) return "block quote";
        if (b instanceof HtmlBlock) return "HTML block";
        if (b instanceof Heading h) return "level-" + h.getLevel() + " heading";
        if (b instanceof org.commonmark.ext.gfm.tables.TableBlock) return "table";
        return b.getClass().getSimpleName();
    }

    private static void rejectDuplicateIds(List<QuestionDraft> drafts, List<Diagnostic> diags) {
        Map<String, QuestionDraft> first = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            QuestionDraft d = drafts.get(i);
            if (d.id().isEmpty()) continue;
            QuestionDraft prev = first.putIfAbsent(d.id().get(), d);
            if (prev != null) {
                diags.add(Diagnostic.error(d.idPos(), "duplicate id '" + d.id().get() + "' (first used at line "
                        + prev.idPos().line() + ")"));
                drafts.set(i, d.rejected());
            }
        }
    }
}
