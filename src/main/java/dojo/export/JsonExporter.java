package dojo.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dojo.questions.Answer;
import dojo.questions.Bank;
import dojo.questions.Choice;
import dojo.questions.Question;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import com.google.re2j.Pattern;

/**
 * The whole question model as JSON (schema: docs/export.md): banks with their questions, every field,
 * each question with the file and line it comes from. Field order is fixed, so exports diff cleanly.
 */
public final class JsonExporter {
    public static final String FORMAT = "attention-dojo-questions";
    public static final int VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param path how file paths are written (e.g. relative to the project) */
    public String render(List<Bank> banks, Function<Path, String> path) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode langs = root.putArray("languages");
        banks.stream().map(Bank::lang).distinct().sorted().forEach(langs::add);
        root.put("questionCount", banks.stream().mapToInt(b -> b.questions().size()).sum());
        ArrayNode bankArray = root.putArray("banks");
        for (Bank b : banks) {
            ObjectNode bn = bankArray.addObject();
            bn.put("id", b.id());
            bn.put("title", b.title());
            bn.put("lang", b.lang());
            bn.put("file", path.apply(b.file()));
            ArrayNode qs = bn.putArray("questions");
            for (Question q : b.questions()) question(qs.addObject(), q, path);
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void question(ObjectNode n, Question q, Function<Path, String> path) {
        n.put("id", q.id());
        n.put("bank", q.bank());
        n.put("lang", q.lang());
        n.put("type", q.type().key());
        n.put("title", q.title());
        n.put("difficulty", q.difficulty());
        ArrayNode tags = n.putArray("tags");
        q.tags().forEach(tags::add);
        if (q.seedSource().isPresent()) n.put("source", q.seedSource().get());
        else n.putNull("source");
        n.put("prompt", q.prompt());
        ArrayNode choices = n.putArray("choices");
        for (Choice c : q.choices()) {
            ObjectNode cn = choices.addObject();
            cn.put("key", c.key());
            cn.put("markdown", c.markdown());
            cn.put("correct", c.correct());
        }
        answer(n.putObject("answer"), q.answer());
        n.put("explanation", q.explanation());
        ArrayNode hints = n.putArray("hints");
        q.hints().forEach(hints::add);
        ArrayNode refs = n.putArray("references");
        q.references().forEach(refs::add);
        n.put("file", path.apply(q.pos().file()));
        n.put("line", q.pos().line());
    }

    private static void answer(ObjectNode a, Answer answer) {
        if (answer instanceof Answer.Choices c) {
            ArrayNode keys = a.putArray("correct");
            new TreeSet<>(c.correctKeys()).forEach(keys::add);
        } else if (answer instanceof Answer.TrueFalse t) {
            a.put("value", t.value());
        } else if (answer instanceof Answer.Short s) {
            ArrayNode acc = a.putArray("accepted");
            s.accepted().forEach(acc::add);
            ArrayNode pats = a.putArray("patterns");
            for (Pattern p : s.patterns()) pats.add(p.pattern());
        } else if (answer instanceof Answer.Numeric num) {
            number(a, "value", num.value());
            number(a, "tolerance", num.tolerance());
            a.put("relative", num.relative());
            a.put("unit", num.unit());
        } else if (answer instanceof Answer.Ordering o) {
            ArrayNode items = a.putArray("items");
            o.items().forEach(items::add);
        } else if (answer instanceof Answer.Open o) {
            a.put("modelAnswer", o.modelAnswer());
            ArrayNode kp = a.putArray("keyPoints");
            o.keyPoints().forEach(kp::add);
        }
    }

    private static void number(ObjectNode n, String field, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) n.put(field, (long) v);
        else n.put(field, v);
    }
}
