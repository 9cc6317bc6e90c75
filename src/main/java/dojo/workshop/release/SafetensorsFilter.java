package dojo.workshop.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Keeps some cases of a golden-vector safetensors file. Tensors are named {@code <case>.<tensor>} and the metadata's
 * {@code cases} lists the cases (see scripts/golden/generate.py); a filtered file holds only the kept cases' tensors,
 * with fresh offsets and the {@code cases} list cut to match.
 */
public final class SafetensorsFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsFilter() {}

    /** The parsed header of a file: tensor names in file order and the metadata. */
    public record Header(List<String> tensors, Map<String, String> metadata) {}

    public static Header header(byte[] file, String source) {
        ObjectNode h = headerNode(file, source);
        List<String> names = new ArrayList<>();
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue().fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
            } else {
                names.add(e.getKey());
            }
        }
        return new Header(names, meta);
    }

    /** The case of a tensor name ({@code cross.q} belongs to {@code cross}). */
    public static String caseOf(String tensor) {
        int dot = tensor.indexOf('.');
        return dot < 0 ? tensor : tensor.substring(0, dot);
    }

    /** The file with only the tensors of cases {@code keep} accepts. */
    public static byte[] keep(byte[] file, String source, Predicate<String> keep) {
        ObjectNode h = headerNode(file, source);
        long headerLen = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int dataStart = (int) (8 + headerLen);
        ObjectNode out = JSON.createObjectNode();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Set<String> keptCases = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__") || !keep.test(caseOf(e.getKey()))) {
                continue;
            }
            keptCases.add(caseOf(e.getKey()));
            ObjectNode t = e.getValue().deepCopy();
            long b = t.get("data_offsets").get(0).asLong();
            long en = t.get("data_offsets").get(1).asLong();
            ArrayNode offsets = JSON.createArrayNode();
            offsets.add(data.size());
            data.write(file, (int) (dataStart + b), (int) (en - b));
            offsets.add(data.size());
            t.set("data_offsets", offsets);
            out.set(e.getKey(), t);
        }
        if (h.has("__metadata__")) {
            ObjectNode meta = h.get("__metadata__").deepCopy();
            if (meta.has("cases")) {
                List<String> cases = new ArrayList<>();
                for (String c : meta.get("cases").asText().split(",")) {
                    if (keptCases.contains(c)) {
                        cases.add(c);
                    }
                }
                meta.put("cases", String.join(",", cases));
            }
            ObjectNode withMeta = JSON.createObjectNode();
            withMeta.set("__metadata__", meta);
            withMeta.setAll(out);
            out = withMeta;
        }
        byte[] header;
        try {
            header = JSON.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int pad = (8 - header.length % 8) % 8;
        ByteArrayOutputStream file2 = new ByteArrayOutputStream();
        file2.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length + pad).array());
        file2.writeBytes(header);
        file2.writeBytes(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII));
        file2.writeBytes(data.toByteArray());
        return file2.toByteArray();
    }

    private static ObjectNode headerNode(byte[] file, String source) {
        if (file.length < 8) {
            throw new IllegalArgumentException(source + ": not a safetensors file (shorter than 8 bytes)");
        }
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n <= 0 || 8 + n > file.length) {
            throw new IllegalArgumentException(source + ": not a safetensors file (header length " + n + ")");
        }
        try {
            JsonNode node = JSON.readTree(new String(file, 8, (int) n, StandardCharsets.UTF_8));
            if (!(node instanceof ObjectNode o)) {
                throw new IllegalArgumentException(source + ": safetensors header is not a JSON object");
            }
            return o;
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": unreadable safetensors header: " + e.getMessage());
        }
    }
}
