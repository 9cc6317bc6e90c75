package dojo.questions;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.ThematicBreak;

/**
 * Reads one {@code ##} question (its heading and the blocks up to the next {@code ##}) into a
 * {@link QuestionDraft}, reporting every problem and carrying on past it so that all problems of a
 * question are reported at once.
 */
final class QuestionReader {
    private static final Pattern META_LINE = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\s*([:：])\\s*(.*?)\\s*");
    private static final List<String> META_KEYS = List.of("id", "type", "difficulty", "tags", "source", "shuffle");
    private static final Pattern TAG = FrontMatterReader.ID;
    private static final Pattern SOURCE = Pattern.compile("seed-Q([1-9]|[12][0-9]|30)|seed-C([1-9]|10)");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern TASK_MARKER = Pattern.compile("^\\[[ xX]\\][ \\t]*");
    private static final String TYPES = "single, multiple, truefalse, short, numeric, ordering, open";

    private final SourceText src;
    private final String bankId;
    private final String lang;
    private final List<Diagnostic> diags;
    private int errors;

    QuestionReader(SourceText src, String bankId, String lang, List<Diagnostic> diags) {
        this.src = src;
        this.bankId = bankId;
        this.lang = lang;
        this.diags = diags;
    }

    private record Meta(String value, SourcePos keyPos, SourcePos valuePos) {}

    private record SectionBlock(Heading heading, String name, List<Node> content) {}

    /** A run of body blocks, or of list items that carry a task marker (the choices). */
    private record Part(List<Node> nodes, boolean choices) {}

    /** A bullet list is split where its task items begin: the items before are prompt, the rest choices. */
    private static void splitTaskItems(Node block, List<Part> parts) {
        if (!(block instanceof BulletList)) {
            parts.add(new Part(List.of(block), false));
            return;
        }
        List<Node> items = Nodes.children(block);
        int firstTask = 0;
        while (firstTask < items.size() && !Nodes.isTaskItem(items.get(firstTask))) firstTask++;
        if (firstTask == items.size()) {
            parts.add(new Part(List.of(block), false));
            return;
        }
        if (firstTask > 0) parts.add(new Part(items.subList(0, firstTask), false));
        parts.add(new Part(items.subList(firstTask, items.size()), true));
    }

    QuestionDraft read(Heading heading, List<Node> rawBlocks) {
        errors = 0;
        SourcePos headPos = Nodes.pos(src, heading);
        if (isSetext(heading)) {
            error(headPos, "a line of '---' or '===' under text makes it a heading: write questions as '## Title',"
                    + " and leave a blank line before a '---' separator");
        }
        String title = inlineMarkdown(heading);
        if (title.isBlank()) error(headPos, "question heading is empty: write the question title after '##'");

        List<Node> blocks = new ArrayList<>();
        for (Node b : rawBlocks) {
            if (Nodes.isComment(b) || b instanceof LinkReferenceDefinition) continue;
            if (b instanceof Heading h && h.getLevel() == 1) {
                error(b, "a '#' heading inside a question: use '##' for questions and '###' for sections");
                continue;
            }
            blocks.add(b);
        }
        while (!blocks.isEmpty() && blocks.get(blocks.size() - 1) instanceof ThematicBreak) {
            blocks.remove(blocks.size() - 1); // a '---' separator between questions
        }

        // metadata: the leading key: value items of a first bullet list. Choices written right after it
        // (even after a blank line) are items of the same Markdown list, so they are split off here.
        int i = 0;
        Map<String, Meta> meta = new LinkedHashMap<>();
        boolean hasMeta = false;
        List<Part> parts = new ArrayList<>();
        if (!blocks.isEmpty() && blocks.get(0) instanceof BulletList && !Nodes.isTaskList(blocks.get(0))) {
            List<Node> items = Nodes.children(blocks.get(0));
            int firstTask = 0;
            while (firstTask < items.size() && !Nodes.isTaskItem(items.get(firstTask))) firstTask++;
            readMeta(items.subList(0, firstTask), meta);
            if (firstTask < items.size()) parts.add(new Part(items.subList(firstTask, items.size()), true));
            hasMeta = true;
            i = 1;
        } else {
            error(blocks.isEmpty() ? headPos : Nodes.pos(src, blocks.get(0)),
                    "missing metadata list: start the question with '- id: ...', '- type: ...', '- difficulty: ...', '- tags: ...'");
        }

        Optional<String> id = Optional.empty();
        SourcePos idPos = headPos;
        Meta m = meta.get("id");
        if (m != null && !m.value.isEmpty()) {
            id = Optional.of(m.value);
            idPos = m.valuePos;
            if (!FrontMatterReader.ID.matcher(m.value).matches()) {
                error(m.valuePos, "bad id '" + m.value + "': use lowercase letters, digits and single '-' between them");
            }
        } else if (hasMeta) {
            error(m != null ? m.valuePos : headPos, "question has no id: add '- id: <lowercase-id>' to its metadata list");
        }

        Optional<QuestionType> type = Optional.empty();
        m = meta.get("type");
        if (m != null && !m.value.isEmpty()) {
            type = QuestionType.fromKey(m.value);
            if (type.isEmpty()) error(m.valuePos, "unknown type '" + m.value + "' (expected " + TYPES + ")");
        } else if (hasMeta) {
            error(m != null ? m.valuePos : headPos, "question has no type: add '- type: <" + TYPES.replace(", ", "|") + ">'");
        }

        int difficulty = 0;
        m = meta.get("difficulty");
        if (m != null && !m.value.isEmpty()) {
            if (m.value.matches("[123]")) difficulty = Integer.parseInt(m.value);
            else error(m.valuePos, "difficulty must be 1, 2 or 3, found '" + m.value + "'");
        } else if (hasMeta) {
            error(m != null ? m.valuePos : headPos, "question has no difficulty: add '- difficulty: 1|2|3'");
        }

        List<String> tags = new ArrayList<>();
        m = meta.get("tags");
        if (m != null && !m.value.isEmpty()) {
            tags = readTags(m);
        } else if (hasMeta) {
            error(m != null ? m.valuePos : headPos, "question has no tags: add '- tags: tag-one, tag-two'");
        }

        Optional<String> seedSource = Optional.empty();
        m = meta.get("source");
        if (m != null) {
            if (SOURCE.matcher(m.value).matches()) seedSource = Optional.of(m.value);
            else error(m.valuePos, "bad source '" + m.value
                    + "': use seed-Q1..seed-Q30 (a seed Q&A) or seed-C1..seed-C10 (a seed code answer)");
        }

        boolean shuffle = true;
        Meta shuffleMeta = meta.get("shuffle");
        if (shuffleMeta != null) {
            if (shuffleMeta.value.equalsIgnoreCase("false")) shuffle = false;
            else if (!shuffleMeta.value.equalsIgnoreCase("true")) {
                error(shuffleMeta.valuePos, "shuffle must be true or false, found '" + shuffleMeta.value + "'");
            }
        }

        // body (prompt + choices) and sections
        int firstSection = i;
        while (firstSection < blocks.size() && !isSection(blocks.get(firstSection))) firstSection++;
        for (Node b : blocks.subList(i, firstSection)) splitTaskItems(b, parts);
        boolean choiceType = type.isPresent() && (type.get() == QuestionType.SINGLE || type.get() == QuestionType.MULTIPLE);

        List<Integer> taskParts = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) if (parts.get(k).choices) taskParts.add(k);
        List<Node> promptNodes = new ArrayList<>();
        List<Node> choiceItems = null;
        if (!taskParts.isEmpty() && type.isPresent() && !choiceType) {
            for (int k : taskParts) {
                error(parts.get(k).nodes.get(0), "type '" + type.get().key() + "' does not use choices: remove the task list"
                        + " ('- [ ]' / '- [x]') or change the type");
            }
            for (Part p : parts) if (!p.choices) promptNodes.addAll(p.nodes);
        } else if (!taskParts.isEmpty()) {
            int last = taskParts.get(taskParts.size() - 1);
            choiceItems = parts.get(last).nodes;
            for (int k : taskParts.subList(0, taskParts.size() - 1)) {
                error(parts.get(k).nodes.get(0), "a second choice list: a question has one task list of choices, right before its '###' sections");
            }
            if (last != parts.size() - 1) {
                error(parts.get(last + 1).nodes.get(0), "text after the choices: move it above the choices or into a '###' section");
            }
            for (Part p : parts.subList(0, last)) if (!p.choices) promptNodes.addAll(p.nodes);
        } else {
            for (Part p : parts) promptNodes.addAll(p.nodes);
        }
        String prompt = Nodes.markdown(src, promptNodes);

        List<Choice> choices = new ArrayList<>();
        if (choiceItems != null) choices = readChoices(choiceItems);

        Map<Section, SectionBlock> sections = readSections(blocks.subList(firstSection, blocks.size()));
        if (shuffleMeta != null && type.isPresent() && !choiceType) {
            error(shuffleMeta.keyPos, "'shuffle' is only for single and multiple choice questions (this one is '"
                    + type.get().key() + "')");
        }

        // which sections belong to which type
        SectionBlock answerSec = sections.get(Section.ANSWER);
        if (type.isPresent()) {
            QuestionType t = type.get();
            if (answerSec != null && choiceType) {
                error(answerSec.heading, "type '" + t.key() + "' takes its answer from the [x] choices: remove '### "
                        + answerSec.name + "'");
            }
            if (answerSec != null && t == QuestionType.OPEN) {
                error(answerSec.heading, "type 'open' uses '### Model answer' and '### Key points', not '### "
                        + answerSec.name + "'");
            }
            for (Section s : List.of(Section.MODEL_ANSWER, Section.KEY_POINTS)) {
                SectionBlock sb = sections.get(s);
                if (sb != null && t != QuestionType.OPEN) {
                    error(sb.heading, "'### " + sb.name + "' is only for type 'open' (this question is '" + t.key() + "')");
                }
            }
        }

        String explanation = "";
        SectionBlock ex = sections.get(Section.EXPLANATION);
        if (ex == null) error(headPos, "missing '### Explanation' section: say why the answer is right");
        else explanation = Nodes.markdown(src, ex.content);

        List<String> hints = List.of();
        SectionBlock hs = sections.get(Section.HINTS);
        if (hs != null) hints = listItems(hs, "a list, gentlest hint first");
        List<String> references = List.of();
        SectionBlock rs = sections.get(Section.REFERENCES);
        if (rs != null) references = listItems(rs, "a bullet list: paper, section");

        // the answer
        Optional<Answer> answer = Optional.empty();
        if (type.isPresent()) {
            int before = errors;
            Answer a = readAnswer(type.get(), headPos, choiceItems, choices, sections);
            if (a != null && errors == before) answer = Optional.of(a);
        }

        Optional<Question> question = Optional.empty();
        if (errors == 0 && id.isPresent() && type.isPresent() && answer.isPresent()) {
            question = Optional.of(new Question(id.get(), bankId, lang, type.get(), title, difficulty, tags, prompt,
                    choices, answer.get(), explanation, hints, references, seedSource, headPos, shuffle));
        }
        return new QuestionDraft(id, type, difficulty, tags, answer, choices.size(), headPos, idPos, question);
    }

    // ---------------------------------------------------------------- metadata

    private void readMeta(List<Node> items, Map<String, Meta> meta) {
        for (Node item : items) {
            List<Node> kids = Nodes.itemBlocks(item);
            if (kids.size() != 1 || !(kids.get(0) instanceof Paragraph p)) {
                error(item, "metadata item must be one 'key: value' line");
                continue;
            }
            int s = Nodes.start(p);
            String raw = src.slice(s, Nodes.end(p));
            if (raw.indexOf('\n') >= 0) {
                error(item, "metadata item must be one 'key: value' line");
                continue;
            }
            Matcher mm = META_LINE.matcher(raw);
            if (!mm.matches()) {
                error(src.pos(s), "metadata item must be 'key: value', found '" + raw + "' (a list right after the"
                        + " metadata joins it: put a paragraph between them)");
                continue;
            }
            String key = mm.group(1);
            if (mm.group(2).equals("：")) {
                error(src.pos(s + mm.start(2)), "use an ASCII ':' after '" + key + "' (found a full-width '：')");
            }
            SourcePos keyPos = src.pos(s);
            if (!META_KEYS.contains(key)) {
                error(keyPos, "unknown metadata key '" + key + "' (expected id, type, difficulty, tags, source, shuffle)");
                continue;
            }
            if (meta.containsKey(key)) {
                error(keyPos, "duplicate metadata key '" + key + "' (first at line " + meta.get(key).keyPos.line() + ")");
                continue;
            }
            meta.put(key, new Meta(mm.group(3), keyPos, src.pos(s + mm.start(3))));
        }
    }

    private List<String> readTags(Meta m) {
        List<String> tags = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String v = m.value;
        int offset = 0;
        for (String part : v.split(",", -1)) {
            String tag = part.strip();
            int col = m.valuePos.column() + offset + (part.length() - part.stripLeading().length());
            SourcePos p = new SourcePos(m.valuePos.file(), m.valuePos.line(), col);
            offset += part.length() + 1;
            if (tag.isEmpty()) {
                error(p, "empty tag: separate tags with single commas");
            } else if (!TAG.matcher(tag).matches()) {
                error(p, "bad tag '" + tag + "': use lowercase letters, digits and '-', separated by ','"
                        + (tag.contains("，") || tag.contains("、") ? " (not '，' or '、')" : ""));
            } else if (!seen.add(tag)) {
                warning(p, "tag '" + tag + "' is listed twice");
            } else {
                tags.add(tag);
            }
        }
        return tags;
    }

    // ---------------------------------------------------------------- choices and sections

    private List<Choice> readChoices(List<Node> items) {
        List<Choice> choices = new ArrayList<>();
        int index = 0;
        for (Node item : items) {
            if (!Nodes.isTaskItem(item)) {
                error(item, "choice without '[ ]' or '[x]': every item of the choice list needs one");
                continue;
            }
            String md = TASK_MARKER.matcher(Nodes.markdown(src, Nodes.itemBlocks(item))).replaceFirst("");
            if (md.isBlank()) error(item, "empty choice: write its text after '[ ]'");
            if (index >= 26) {
                error(item, "too many choices: at most 26 (a..z)");
                continue;
            }
            choices.add(new Choice(String.valueOf((char) ('a' + index)), md, Nodes.isChecked(item)));
            index++;
        }
        return choices;
    }

    private static boolean isSection(Node n) {
        return n instanceof Heading h && h.getLevel() == 3;
    }

    private Map<Section, SectionBlock> readSections(List<Node> blocks) {
        Map<Section, SectionBlock> sections = new EnumMap<>(Section.class);
        Map<Section, Integer> firstLine = new HashMap<>();
        int k = 0;
        while (k < blocks.size()) {
            Heading h = (Heading) blocks.get(k);
            int next = k + 1;
            while (next < blocks.size() && !isSection(blocks.get(next))) next++;
            List<Node> content = List.copyOf(blocks.subList(k + 1, next));
            String name = Nodes.plainText(h);
            Optional<Section> s = Section.of(name);
            if (s.isEmpty()) {
                error(h, "unknown section '### " + name + "' (expected " + Section.expected() + ")");
            } else if (sections.containsKey(s.get())) {
                error(h, "duplicate section '### " + name + "' (first at line " + firstLine.get(s.get()) + ")");
            } else {
                if (content.isEmpty()) error(h, "empty section '### " + name + "'");
                sections.put(s.get(), new SectionBlock(h, name, content));
                firstLine.put(s.get(), Nodes.pos(src, h).line());
            }
            k = next;
        }
        return sections;
    }

    /** The items of a section that must be exactly one list, as Markdown; null when it is not a list. */
    private List<String> listItems(SectionBlock sb, String shape) {
        if (sb.content.isEmpty()) return null;
        Node first = sb.content.get(0);
        if (!Nodes.isList(first)) {
            error(first, "'### " + sb.name + "' must be " + shape);
            return null;
        }
        if (sb.content.size() > 1) {
            error(sb.content.get(1), "'### " + sb.name + "' must hold only " + shape + ": this block is outside the list");
        }
        List<String> items = new ArrayList<>();
        for (Node item : Nodes.children(first)) {
            String md = TASK_MARKER.matcher(Nodes.markdown(src, Nodes.itemBlocks(item))).replaceFirst("");
            if (md.isBlank()) error(item, "empty item in '### " + sb.name + "'");
            else items.add(md);
        }
        return items;
    }

    // ---------------------------------------------------------------- answers

    private Answer readAnswer(QuestionType t, SourcePos headPos, List<Node> choiceItems, List<Choice> choices,
            Map<Section, SectionBlock> sections) {
        switch (t) {
            case SINGLE:
            case MULTIPLE:
                return readChoiceAnswer(t, headPos, choiceItems, choices);
            case OPEN: {
                SectionBlock model = sections.get(Section.MODEL_ANSWER);
                SectionBlock points = sections.get(Section.KEY_POINTS);
                if (model == null) error(headPos, "open question has no '### Model answer' section");
                if (points == null) error(headPos, "open question has no '### Key points' section");
                if (model == null || points == null) return null;
                List<String> kp = listItems(points, "a bullet list of the points a good answer covers");
                if (kp == null) return null;
                return new Answer.Open(Nodes.markdown(src, model.content), kp);
            }
            default:
                break;
        }
        SectionBlock sec = sections.get(Section.ANSWER);
        if (sec == null) {
            error(headPos, "missing '### Answer' section (type '" + t.key() + "' needs one)");
            return null;
        }
        if (sec.content.isEmpty()) return null;
        switch (t) {
            case TRUE_FALSE:
                return readTrueFalse(sec);
            case SHORT:
                return readShort(sec);
            case NUMERIC:
                return readNumeric(sec);
            case ORDERING: {
                List<String> items = listItems(sec, "an ordered list of the items in their correct order");
                if (items == null) return null;
                if (items.size() < 2) {
                    error(sec.content.get(0), "ordering needs at least 2 items, found " + items.size());
                    return null;
                }
                if (!OrderingItems.distinct(src, sec.content.get(0), items, this::error)) return null;
                return new Answer.Ordering(items);
            }
            default:
                throw new IllegalStateException("unhandled type " + t);
        }
    }

    private Answer readChoiceAnswer(QuestionType t, SourcePos headPos, List<Node> choiceItems, List<Choice> choices) {
        if (choiceItems == null) {
            error(headPos, "missing choices: add a task list ('- [ ] wrong', '- [x] right') before the first '###' section");
            return null;
        }
        if (choices.size() < 2) {
            error(choiceItems.get(0), "a choice question needs at least 2 choices, found " + choices.size());
        }
        List<String> correct = choices.stream().filter(Choice::correct).map(Choice::key).collect(Collectors.toList());
        if (correct.isEmpty()) {
            error(choiceItems.get(0), "no correct choice: mark the right " + (t == QuestionType.SINGLE ? "one" : "ones") + " with [x]");
        } else if (t == QuestionType.SINGLE && correct.size() > 1) {
            error(choiceItems.get(0), "single choice question has " + correct.size() + " correct choices ("
                    + String.join(", ", correct) + "): mark only one, or use type 'multiple'");
        }
        return new Answer.Choices(new LinkedHashSet<>(correct));
    }

    private Answer readTrueFalse(SectionBlock sec) {
        Node first = sec.content.get(0);
        if (sec.content.size() != 1 || !(first instanceof Paragraph)) {
            error(first, "the answer of a truefalse question is one line: 'true' or 'false' (正确 / 错误)");
            return null;
        }
        String v = Nodes.plainText(first);
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true":
            case "正确":
                return new Answer.TrueFalse(true);
            case "false":
            case "错误":
                return new Answer.TrueFalse(false);
            default:
                error(first, "truefalse answer must be 'true' or 'false' (正确 / 错误), found '" + v + "'");
                return null;
        }
    }

    private Answer readShort(SectionBlock sec) {
        Node first = sec.content.get(0);
        if (!(first instanceof BulletList)) {
            error(first, "short answer has no accepted answers: write them as a bullet list ('- answer')");
            return null;
        }
        if (sec.content.size() > 1) {
            error(sec.content.get(1), "the answer of a short question holds only the list of accepted answers");
        }
        List<String> accepted = new ArrayList<>();
        List<com.google.re2j.Pattern> patterns = new ArrayList<>();
        boolean badItems = false;
        for (Node item : Nodes.children(first)) {
            List<Node> kids = Nodes.itemBlocks(item);
            if (kids.size() != 1 || !(kids.get(0) instanceof Paragraph p)) {
                error(item, "an accepted answer is one line of text");
                badItems = true;
                continue;
            }
            Node only = p.getFirstChild();
            if (only instanceof Code code && only.getNext() == null && code.getLiteral().strip().startsWith("regex:")) {
                com.google.re2j.Pattern pat = compileRegex(code);
                if (pat != null) patterns.add(pat);
                else badItems = true;
                continue;
            }
            String text = Nodes.plainText(p);
            if (text.startsWith("regex:")) {
                warning(Nodes.pos(src, p), "'regex:' outside inline code is taken literally: write `regex: ...` to match a pattern");
            }
            if (text.isEmpty()) {
                error(item, "empty accepted answer");
                badItems = true;
            } else {
                accepted.add(text);
            }
        }
        if (accepted.isEmpty() && patterns.isEmpty()) {
            if (badItems) return null;
            error(first, "short answer has no accepted answers: write them as a bullet list ('- answer')");
            return null;
        }
        return new Answer.Short(accepted, patterns);
    }

    private com.google.re2j.Pattern compileRegex(Code code) {
        int s = Nodes.start(code);
        String raw = src.slice(s, Nodes.end(code));
        int k = raw.indexOf("regex:") + "regex:".length();
        while (k < raw.length() && raw.charAt(k) == ' ') k++;
        String body = code.getLiteral().strip().substring("regex:".length()).strip();
        if (body.isEmpty()) {
            error(src.pos(s + k), "empty regex after 'regex:'");
            return null;
        }
        AnswerRegex.Compiled c = AnswerRegex.compile(body);
        if (c instanceof AnswerRegex.Ok ok) return ok.pattern();
        AnswerRegex.Bad bad = (AnswerRegex.Bad) c;
        error(src.pos(s + k + Math.min(bad.index(), body.length())), bad.reason());
        return null;
    }

    private Answer readNumeric(SectionBlock sec) {
        Node first = sec.content.get(0);
        if (!(first instanceof BulletList)) {
            error(first, "the answer of a numeric question is a bullet list: '- value: ...', '- tolerance: ...', '- unit: ...'");
            return null;
        }
        if (sec.content.size() > 1) {
            error(sec.content.get(1), "the answer of a numeric question holds only its 'value/tolerance/unit' list");
        }
        Map<String, Meta> kv = new LinkedHashMap<>();
        for (Node item : Nodes.children(first)) {
            List<Node> kids = Nodes.itemBlocks(item);
            Matcher mm = null;
            int s = Nodes.start(item);
            if (kids.size() == 1 && kids.get(0) instanceof Paragraph p) {
                s = Nodes.start(p);
                mm = META_LINE.matcher(src.slice(s, Nodes.end(p)));
            }
            if (mm == null || !mm.matches()) {
                error(item, "numeric answer items are 'value: <number>', 'tolerance: <number or n%>', 'unit: <text>'");
                continue;
            }
            String key = mm.group(1);
            SourcePos keyPos = src.pos(s);
            if (!List.of("value", "tolerance", "unit").contains(key)) {
                error(keyPos, "unknown numeric answer key '" + key + "' (expected value, tolerance, unit)");
            } else if (kv.containsKey(key)) {
                error(keyPos, "duplicate '" + key + "' in the numeric answer");
            } else {
                kv.put(key, new Meta(mm.group(3), keyPos, src.pos(s + mm.start(3))));
            }
        }
        Meta value = kv.get("value");
        if (value == null) {
            error(first, "numeric answer has no 'value: <number>'");
            return null;
        }
        double v = 0;
        boolean ok = true;
        if (!NUMBER.matcher(value.value).matches()) {
            error(value.valuePos, "bad numeric value '" + value.value + "': write a number like 42, -0.5 or 1e-3"
                    + (value.value.matches("[0-9,_ ]+") ? " (no thousands separators)" : ""));
            ok = false;
        } else {
            v = Double.parseDouble(value.value);
            if (Double.isInfinite(v)) {
                error(value.valuePos, "numeric value '" + value.value + "' is out of range");
                ok = false;
            }
        }
        double tol = 0;
        boolean relative = false;
        Meta tm = kv.get("tolerance");
        if (tm != null) {
            String t = tm.value;
            if (t.endsWith("%")) {
                relative = true;
                t = t.substring(0, t.length() - 1).strip();
            }
            if (!NUMBER.matcher(t).matches()) {
                error(tm.valuePos, "bad tolerance '" + tm.value + "': write an absolute amount like 0.01 or a percentage like 1%");
                ok = false;
            } else {
                tol = Double.parseDouble(t);
                if (!Double.isFinite(tol) || (relative && !Double.isFinite(tol / 100.0 * Math.abs(v)))) {
                    error(tm.valuePos, "tolerance '" + tm.value + "' is out of range (it would accept any number)");
                    ok = false;
                } else if (tol < 0) {
                    error(tm.valuePos, "tolerance must not be negative, found '" + tm.value + "'");
                    ok = false;
                }
                if (relative) tol /= 100.0;
            }
        }
        Meta unit = kv.get("unit");
        return ok ? new Answer.Numeric(v, tol, relative, unit == null ? "" : unit.value) : null;
    }

    // ---------------------------------------------------------------- helpers

    private boolean isSetext(Heading h) {
        int s = Nodes.start(h);
        if (s < 0) return false;
        return !src.line(src.lineOf(s)).stripLeading().startsWith("#");
    }

    /** The heading's inline Markdown as written (without the {@code ##} marker and closing hashes). */
    private String inlineMarkdown(Heading h) {
        if (h.getFirstChild() == null) return "";
        int s = Nodes.start(h.getFirstChild());
        int e = Nodes.end(h.getLastChild());
        if (s < 0 || e < s) return Nodes.plainText(h);
        return src.slice(s, e).replace('\n', ' ').strip();
    }

    private void error(Node n, String message) {
        error(Nodes.pos(src, n), message);
    }

    private void error(SourcePos pos, String message) {
        errors++;
        diags.add(Diagnostic.error(pos, message));
    }

    private void warning(SourcePos pos, String message) {
        diags.add(Diagnostic.warning(pos, message));
    }
}
