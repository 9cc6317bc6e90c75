package dojo.models.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Rectangular (cross-attention) maps in SVG: caption words down the side, patch cells along the top. */
class CrossAttentionSvgRendererTest {

    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final Pattern TIP = Pattern.compile("query (\\d+) '([^']*)' -> key (\\d+) '([^']*)': ([0-9.]+)");

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document d, String tag) {
        NodeList nodes = d.getElementsByTagNameNS(SVG, tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add((Element) nodes.item(i));
        return out;
    }

    /** The cells of the panel titled {@code title}: the cell rects between it and the next panel title. */
    private static List<Element> panelCells(Document d, String title) {
        List<Element> out = new ArrayList<>();
        boolean in = false;
        NodeList all = d.getDocumentElement().getChildNodes();
        for (int i = 0; i < all.getLength(); i++) {
            if (!(all.item(i) instanceof Element e)) continue;
            if (e.getLocalName().equals("text") && "bold".equals(e.getAttribute("font-weight"))) in = e.getTextContent().equals(title);
            else if (in && e.getLocalName().equals("rect") && "c".equals(e.getAttribute("class"))) out.add(e);
        }
        return out;
    }

    /** The labels of the panel titled {@code title}: rotated ones (columns) and right-aligned ones (rows). */
    private static Map<String, List<String>> panelLabels(Document d, String title) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("columns", new ArrayList<>());
        out.put("rows", new ArrayList<>());
        boolean in = false;
        NodeList all = d.getDocumentElement().getChildNodes();
        for (int i = 0; i < all.getLength(); i++) {
            if (!(all.item(i) instanceof Element e) || !e.getLocalName().equals("text")) continue;
            if ("bold".equals(e.getAttribute("font-weight"))) {
                in = e.getTextContent().equals(title);
            } else if (in && e.getAttribute("transform").startsWith("rotate(-90")) {
                out.get("columns").add(e.getTextContent());
            } else if (in && "end".equals(e.getAttribute("text-anchor"))) {
                out.get("rows").add(e.getTextContent());
            }
        }
        return out;
    }

    @Test
    void aCrossAttentionPanelHasTheCaptionWordsDownTheSideAndThePatchCellsAlongTheTop() throws Exception {
        Document d = parse(new SvgAttentionRenderer().svg(Views.cross(2, 1, -1)));
        Map<String, List<String>> labels = panelLabels(d, "layer 1 · head 1 · cross-attention");
        assertThat(labels.get("columns")).containsExactly("r0c0", "r0c1", "r1c0", "r1c1");
        assertThat(labels.get("rows")).containsExactly("the", "square", "is", "awful", "pad");
        assertThat(panelLabels(d, "layer 0 · head 0 · caption self-attn").get("columns")).containsExactly("the", "square", "is", "awful", "pad");
    }

    @Test
    void aCrossAttentionPanelHasOneCellPerQueryAndKeyAndEveryRowSumsToOne() throws Exception {
        Document d = parse(new SvgAttentionRenderer().svg(Views.cross(1, 1, -1)));
        List<Element> cells = panelCells(d, "layer 1 · head 0 · cross-attention");
        assertThat(cells).hasSize(5 * 4);
        double[] sums = new double[5];
        for (Element c : cells) {
            Matcher m = TIP.matcher(c.getTextContent());
            assertThat(m.matches()).as(c.getTextContent()).isTrue();
            assertThat(m.group(4)).matches("r[01]c[01]");
            sums[Integer.parseInt(m.group(1))] += Double.parseDouble(m.group(5));
        }
        for (double s : sums) assertThat(s).isCloseTo(1.0, within(1e-3));
        // the cells form a 5-row, 4-column grid
        assertThat(cells.stream().map(c -> c.getAttribute("y")).distinct()).hasSize(5);
        assertThat(cells.stream().map(c -> c.getAttribute("x")).distinct()).hasSize(4);
    }

    @Test
    void aPaddedKeyOfACrossAttentionPanelIsHatchedInEveryRowAndItsLabelGreyed() throws Exception {
        Document d = parse(new SvgAttentionRenderer().svg(Views.cross(1, 1, 2)));
        List<Element> cells = panelCells(d, "layer 1 · head 0 · cross-attention");
        assertThat(cells.stream().filter(c -> c.getAttribute("fill").equals("url(#pad)")))
                .hasSize(5).allSatisfy(c -> assertThat(c.getTextContent()).contains("-> key 2 'r1c0': 0.0000"));
        assertThat(elements(d, "text").stream().filter(t -> t.getTextContent().equals("r1c0")))
                .singleElement().satisfies(t -> assertThat(t.getAttribute("fill")).isEqualTo("#888"));
    }

    @Test
    void theHeaderListsTheLayersAndTheHtmlPageCarriesTheSameSvg() throws Exception {
        AttentionView v = Views.cross(2, 1, -1);
        Document d = parse(new SvgAttentionRenderer().svg(v));
        assertThat(elements(d, "text").stream().map(Element::getTextContent)).contains(
                "layers (queries x keys):", "  0  5 x 5  caption self-attn  text_encoder.layers.0.self_attn",
                "  1  5 x 4  cross-attention    cross_attn");
        assertThat(new SvgAttentionRenderer().html(v)).contains(new SvgAttentionRenderer().svg(v));
    }

    @Test
    void panelsAreWideEnoughForTheirNamedHeadlines() throws Exception {
        Document d = parse(new SvgAttentionRenderer().svg(Views.cross(2, 1, -1)));
        List<Integer> titleX = elements(d, "text").stream().filter(t -> "bold".equals(t.getAttribute("font-weight")))
                .filter(t -> t.getTextContent().startsWith("layer 0 · head")).map(t -> Integer.parseInt(t.getAttribute("x"))).toList();
        assertThat(titleX).hasSize(2);
        // 13 px bold: about 7 px a character; the next panel starts after the longer headline
        assertThat(titleX.get(1) - titleX.get(0)).isGreaterThanOrEqualTo(7 * "layer 0 · head 0 · caption self-attn".length());
    }

    @Test
    void aLongHeadingIsSetSmallerAndThePageWidenedRatherThanCut() throws Exception {
        AttentionView v = Views.cross(1, 0, -1);
        String source = "test caption 0; its image: plus r0c2, cross r1c1, square r2c0; hard negative: cross r0c2, plus r1c1, square r2c0";
        AttentionView longer = new AttentionView(v.title(), source, v.tokens(), v.padding(), v.layers(), v.heads(), v.maps(), v.classes(),
                v.probabilities(), v.trueLabel(), v.described());
        Document d = parse(new SvgAttentionRenderer().svg(longer));
        Element heading = elements(d, "text").get(0);
        assertThat(heading.getTextContent()).isEqualTo("multimodal-sentiment · " + source);
        assertThat(heading.getAttribute("font-size")).isEqualTo("16");
        int width = Integer.parseInt(d.getDocumentElement().getAttribute("width"));
        assertThat(width).as("about 9 px a character at 16 px bold").isGreaterThanOrEqualTo(2 * 24 + 9 * heading.getTextContent().length());
        assertThat(elements(parse(new SvgAttentionRenderer().svg(v)), "text").get(0).getAttribute("font-size")).isEqualTo("20");
    }
}
