package dojo.cli;

import dojo.DojoException;
import dojo.models.Experiment;
import dojo.models.ExperimentCatalog;
import dojo.models.TextClassifierExperiment;
import dojo.exercise.api.NotImplementedYet;
import dojo.exercise.api.TextClassifierConfig;
import dojo.exercise.api.TextClassifierModel;
import dojo.models.ExerciseModels;
import dojo.models.data.LastTokenRepeats;
import dojo.models.data.TextExample;
import dojo.models.viz.AttentionProbe;
import dojo.models.viz.AttentionView;
import dojo.models.viz.PatchAttentionView;
import dojo.models.viz.SvgPatchAttentionRenderer;
import dojo.models.viz.VizCase;
import dojo.models.viz.SvgAttentionRenderer;
import dojo.models.viz.TerminalAttentionRenderer;
import dojo.models.viz.TokenInput;
import dojo.nn.StateDicts;
import dojo.terminal.TerminalIO;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dojo viz <model>}: per-layer, per-head attention maps of a trained model on one example. */
@Command(name = "viz", mixinStandardHelpOptions = true,
        description = {"Show a trained model's attention on one example: every layer and head as a map.",
                "Query tokens down the side, key tokens across (a cross-attention map: caption words down, image patches "
                        + "across), with the predicted class and its probability. In the terminal (shaded cells; no escape "
                        + "codes with NO_COLOR or when not a terminal) or as a self-contained SVG or HTML page."},
        footer = {"", "Models: ${sys:dojo.models} (train one first: ./dojo train MODEL)", "",
                "Examples:",
                "  ./dojo viz text-classifier                  test example 0, all maps",
                "  ./dojo viz text-classifier --example 7 --layer 1 --head 2",
                "  ./dojo viz text-classifier --input \"3 7 12 5 9 3\" --pad-to 12",
                "  ./dojo viz text-classifier --format html --out attention.html",
                "  ./dojo viz multimodal-sentiment --layer 2  its cross-attention only"})
public final class VizCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Which model (see the list below).")
    String model;

    @Option(names = "--tree", paramLabel = "TREE", defaultValue = "solutions",
            description = "Whose model reads the checkpoint: solutions (the reference) or exercises (yours). Default: ${DEFAULT-VALUE}.")
    String tree;

    @Option(names = "--query", paramLabel = "TOKEN",
            description = "Image models, svg/html: whose attention to draw on the image: cls (default) or a patch cell like r1c2.")
    String query;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "A safetensors checkpoint written by dojo train. Default: target/train/MODEL/model.safetensors in the project.")
    Path checkpoint;

    static final class Source {
        @Option(names = "--input", paramLabel = "TOKENS", description = "Your own sequence: token ids 1..16 separated by spaces, e.g. \"3 7 12 5 3\".")
        String input;

        @Option(names = "--example", paramLabel = "N", description = "Example N of the test split (0-based). Default: 0.")
        Integer example;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Option(names = "--layer", paramLabel = "L",
            description = "Only layer L (0-based, as in encoder.layers.L; models with several attentions list theirs in the header, e.g. multimodal-sentiment's cross-attention is layer 2). Default: all.")
    Integer layer;

    @Option(names = "--head", paramLabel = "H", description = "Only head H (0-based). Default: all.")
    Integer head;

    @Option(names = "--pad-to", paramLabel = "N",
            description = "Pad the sequence to N positions, as in a training batch, to see the padding mask at work (default: no padding).")
    Integer padTo;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "terminal", description = "terminal, svg or html. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output (terminal format: plain shades, no colour).")
    Path out;

    @Option(names = "--width", paramLabel = "COLUMNS", description = "Terminal width to fit the maps into. Default: the terminal's (80 when not a terminal).")
    Integer width;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        ExperimentCatalog catalog = ExperimentCatalog.standard();
        Experiment exp = catalog.find(model).orElseThrow(() -> DojoException.badInput(
                "unknown model '" + model + "'; models: " + String.join(", ", catalog.names())));
        if (exp.vizExamples() == 0) {
            throw DojoException.badInput("dojo viz does not draw " + model + "; it draws: " + String.join(", ",
                    catalog.names().stream().filter(n -> catalog.find(n).orElseThrow().vizExamples() > 0).toList()));
        }
        if (!List.of("terminal", "svg", "html").contains(format)) {
            throw DojoException.badInput("--format must be terminal, svg or html, was '" + format + "'");
        }
        if (width != null && width < 20) throw DojoException.badInput("--width must be at least 20, was " + width);
        if (!(exp instanceof TextClassifierExperiment)) {
            Generic g = genericView(exp);
            if (g.image() != null && !format.equals("terminal")) return renderOnImage(g, stdout);
            if (query != null) throw DojoException.badInput("--query is for --format svg or html of an image model");
            return render(g.view(), stdout);
        }
        TextClassifierConfig cfg = TextClassifierExperiment.referenceConfig();
        if (layer != null && (layer < 0 || layer >= cfg.layers())) {
            throw DojoException.badInput("--layer " + layer + " does not exist; the model has layers 0.." + (cfg.layers() - 1));
        }
        if (head != null && (head < 0 || head >= cfg.heads())) {
            throw DojoException.badInput("--head " + head + " does not exist; the model has heads 0.." + (cfg.heads() - 1));
        }
        TextExample example;
        String from;
        boolean labelKnown;
        if (source != null && source.input != null) {
            try {
                example = new TextExample(TokenInput.parse(source.input, LastTokenRepeats.TYPES, cfg.maxLen()), 0);
            } catch (IllegalArgumentException e) {
                throw DojoException.badInput(e.getMessage());
            }
            from = "your input";
            labelKnown = false;
        } else {
            int n = source != null && source.example != null ? source.example : 0;
            List<TextExample> test = TextClassifierExperiment.data().test();
            if (n < 0 || n >= test.size()) {
                throw DojoException.badInput("--example " + n + " is out of range; the test split has examples 0.." + (test.size() - 1));
            }
            example = test.get(n);
            from = "test example " + n;
            labelKnown = true;
        }
        int pad = padTo == null ? example.length() : padTo;
        if (pad > cfg.maxLen()) throw DojoException.badInput("--pad-to " + pad + ": the model takes at most " + cfg.maxLen() + " positions");
        if (pad < example.length()) {
            throw DojoException.badInput("--pad-to " + pad + " is shorter than the sequence (" + example.length() + " tokens)");
        }
        Path ckpt = checkpoint != null ? checkpoint
                : ProjectPaths.projectDir().resolve("target").resolve("train").resolve(model).resolve("model.safetensors");
        if (!Files.exists(ckpt)) {
            throw DojoException.badInput(ckpt + ": no checkpoint; train one first with: ./dojo train " + model
                    + (tree.equals("exercises") ? " --tree exercises" : "")
                    + (checkpoint != null ? " --out " + (ckpt.getParent() == null ? "." : ckpt.getParent()) : ""));
        }
        if (!tree.equals("solutions") && !tree.equals("exercises")) {
            throw DojoException.badInput("--tree must be 'solutions' or 'exercises', was '" + tree + "'");
        }
        AttentionView view;
        try (ExerciseModels.Loaded impl = ExerciseModels.fromTree(ProjectPaths.projectDir(), tree, exp.exerciseId())) {
            TextClassifierModel net;
            try {
                net = (TextClassifierModel) exp.build(impl.implementation(), 0L);
            } catch (NotImplementedYet e) {
                throw DojoException.badInput(exp.exerciseId() + " in " + tree + "/ is not started yet; draw the reference with --tree solutions");
            }
            try {
                StateDicts.load(net, ckpt, true);
            } catch (NoSuchFileException e) {
                throw DojoException.badInput(ckpt + ": no such file");
            } catch (IOException | RuntimeException e) {
                String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                throw DojoException.badInput((msg.startsWith(ckpt.toString()) ? msg : ckpt + ": " + msg)
                        + " (is it a " + model + " checkpoint from dojo train?)");
            }
            view = AttentionProbe.textClassifier(net, cfg, model, from, example, labelKnown, pad,
                    layer == null ? -1 : layer, head == null ? -1 : head, AttentionProbe.LAST_TOKEN_CLASSES);
        } catch (ExerciseModels.NotLoadable e) {
            throw DojoException.badInput(e.getMessage());
        }
        return render(view, stdout);
    }

    private int render(AttentionView view, PrintWriter stdout) throws IOException {
        if (format.equals("terminal") && out == null && dojo.terminal.TerminalIO.redrawableTerminal()) {
            // Print while the JLine terminal is open: closing a system terminal can close standard output.
            try (Terminal t = TerminalBuilder.builder().system(true).dumb(true).build()) {
                boolean dumb = Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType());
                int cols = width != null ? width : t.getWidth() > 0 ? Math.max(20, t.getWidth() - 1) : TerminalIO.PLAIN_WIDTH;
                boolean color = !dumb && !System.getenv().containsKey("NO_COLOR");
                stdout.print(new TerminalAttentionRenderer(color, cols).render(view));
                stdout.flush();
            }
            return 0;
        }
        String rendered = switch (format) {
            case "svg" -> new SvgAttentionRenderer().svg(view);
            case "html" -> new SvgAttentionRenderer().html(view);
            default -> new TerminalAttentionRenderer(false, width != null ? width : TerminalIO.PLAIN_WIDTH).render(view);
        };
        return emit(rendered, stdout);
    }

    /** The rendered page or text on stdout, or into --out (parent folders made) with a "wrote" line. */
    private int emit(String rendered, PrintWriter stdout) {
        if (out == null) {
            stdout.print(rendered);
        } else {
            try {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.writeString(out, rendered);
            } catch (IOException e) {
                throw DojoException.badInput(out + ": cannot write (" + e.getMessage() + ")");
            }
            stdout.println("wrote " + out);
        }
        stdout.flush();
        return 0;
    }

    private record Generic(AttentionView view, VizCase.Image image) {
    }

    /** An image model in svg or html: each map drawn on the image, for the row of one query token. */
    private int renderOnImage(Generic g, PrintWriter stdout) throws IOException {
        VizCase.Image im = g.image();
        PatchAttentionView pv;
        try {
            pv = new PatchAttentionView(g.view(), im.pixels(), im.height(), im.width(), im.patch());
        } catch (IllegalArgumentException e) {
            throw DojoException.badInput(e.getMessage());
        }
        int q = 0;
        if (query != null && !query.equalsIgnoreCase("cls")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("r(\\d{1,3})c(\\d{1,3})").matcher(query);
            if (!m.matches()) throw DojoException.badInput("--query must be cls or a patch cell like r1c2, was '" + query + "'");
            try {
                q = pv.token(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            } catch (IllegalArgumentException e) {
                throw DojoException.badInput("--query " + query + ": " + e.getMessage());
            }
        }
        String rendered = format.equals("html") ? new SvgPatchAttentionRenderer().html(pv, q) : new SvgPatchAttentionRenderer().svg(pv, q);
        return emit(rendered, stdout);
    }

    /** Any other experiment: a test example through the trained model, self-attention maps over its positions. */
    private Generic genericView(Experiment exp) {
        if (source != null && source.input != null) throw DojoException.badInput("--input is for text-classifier; use --example N for " + model);
        if (padTo != null) throw DojoException.badInput("--pad-to is for text-classifier");
        if (!tree.equals("solutions") && !tree.equals("exercises")) {
            throw DojoException.badInput("--tree must be 'solutions' or 'exercises', was '" + tree + "'");
        }
        int n = source != null && source.example != null ? source.example : 0;
        if (n < 0 || n >= exp.vizExamples()) {
            throw DojoException.badInput("--example " + n + " is out of range; the test split has examples 0.." + (exp.vizExamples() - 1));
        }
        Path ckpt = checkpoint != null ? checkpoint
                : ProjectPaths.projectDir().resolve("target").resolve("train").resolve(model).resolve("model.safetensors");
        if (!Files.exists(ckpt)) {
            throw DojoException.badInput(ckpt + ": no checkpoint; train one first with: ./dojo train " + model
                    + (tree.equals("exercises") ? " --tree exercises" : "")
                    + (checkpoint != null ? " --out " + (ckpt.getParent() == null ? "." : ckpt.getParent()) : ""));
        }
        try (ExerciseModels.Loaded impl = ExerciseModels.fromTree(ProjectPaths.projectDir(), tree, exp.exerciseId())) {
            dojo.nn.Module net;
            try {
                net = exp.build(impl.implementation(), 0L);
            } catch (NotImplementedYet e) {
                throw DojoException.badInput(exp.exerciseId() + " in " + tree + "/ is not started yet; draw the reference with --tree solutions");
            }
            try {
                StateDicts.load(net, ckpt, true);
            } catch (IOException | RuntimeException e) {
                String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                throw DojoException.badInput((msg.startsWith(ckpt.toString()) ? msg : ckpt + ": " + msg)
                        + " (is it a " + model + " checkpoint from dojo train?)");
            }
            try {
                VizCase c = exp.vizCase(net, n);
                return new Generic(AttentionProbe.run(net, model, c, layer == null ? -1 : layer, head == null ? -1 : head), c.image());
            } catch (IllegalArgumentException e) {
                throw DojoException.badInput(e.getMessage());
            }
        } catch (ExerciseModels.NotLoadable e) {
            throw DojoException.badInput(e.getMessage());
        }
    }
}
