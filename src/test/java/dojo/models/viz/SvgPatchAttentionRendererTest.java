package dojo.models.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgPatchAttentionRendererTest {

    private static final String SVG = "http://www.w3.org/2000/svg";

    /** An 8x8 image in 4x4 patches (2 x 2 grid, 5 tokens); in every map, token q gives weight (k + 1) / 15 to key k. */
    private static PatchAttentionView view(String title, int layers, int heads) {
        int n = 5;
        List<AttentionMap> maps = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                double[][] w = new double[n][n];
                for (int q = 0; q < n; q++) for (int k = 0; k < n; k++) w[q][k] = (k + 1) / 15.0;
                maps.add(new AttentionMap(l, h, w));
            }
        }
        double[] px = new double[64];
        px[0] = 1;
        px[63] = 0.5;
        AttentionView a = new AttentionView(title, "test example 0", PatchAttentionView.tokenLabels(2, 2), new boolean[n], layers, heads,
                maps, List.of("different", "same"), new double[] {0.2, 0.8}, 1);
        return new PatchAttentionView(a, px, 8, 8, 4);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> patchRects(Document d) {
        NodeList nodes = d.getElementsByTagNameNS(SVG, "rect");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if ("p".equals(e.getAttribute("class"))) out.add(e);
        }
        return out;
    }

    private static List<String> texts(Document d) {
        NodeList nodes = d.getElementsByTagNameNS(SVG, "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
        return out;
    }

    @Test
    void everyPanelTintsEveryPatchWithTheQueryRowsExactWeightInItsTooltip() throws Exception {
        Document d = parse(new SvgPatchAttentionRenderer().svg(view("image-classifier", 2, 3), 0));
        List<Element> rects = patchRects(d);
        assertThat(rects).hasSize(2 * 3 * 4);
        assertThat(rects.get(0).getTextContent()).isEqualTo(String.format(Locale.ROOT, "[CLS] -> patch (0, 0): %.4f", 2 / 15.0));
        assertThat(rects.get(3).getTextContent()).isEqualTo(String.format(Locale.ROOT, "[CLS] -> patch (1, 1): %.4f", 5 / 15.0));
        for (int l = 0; l < 2; l++) for (int h = 0; h < 3; h++) assertThat(texts(d)).contains("layer " + l + " · head " + h);
    }

    @Test
    void theStrongestPatchIsTheMostOpaqueAndCarriesItsWeightInPercent() throws Exception {
        Document d = parse(new SvgPatchAttentionRenderer().svg(view("v", 1, 1), 0));
        List<Element> rects = patchRects(d);
        double strongest = Double.parseDouble(rects.get(3).getAttribute("fill-opacity"));
        for (int i = 0; i < 3; i++) assertThat(Double.parseDouble(rects.get(i).getAttribute("fill-opacity"))).isLessThan(strongest);
        assertThat(texts(d)).contains("13", "20", "27", "33", "[CLS] gets 7% · top: patch (1, 1)");
    }

    @Test
    void aPatchQueryIsOutlinedAndNamedWhileTheClsQueryIsNot() {
        SvgPatchAttentionRenderer r = new SvgPatchAttentionRenderer();
        PatchAttentionView v = view("v", 1, 2);
        String cls = r.svg(v, 0), patch = r.svg(v, v.token(1, 0));
        assertThat(cls).doesNotContain("stroke-dasharray");
        assertThat(patch).contains("stroke-dasharray").contains("query: patch (1, 0)");
        assertThat(patch).contains("patch (1, 0) -&gt; patch (0, 1)");
    }

    @Test
    void theImageIsDrawnPixelByPixelInGrey() {
        String svg = new SvgPatchAttentionRenderer().svg(view("v", 1, 1), 0);
        assertThat(svg).contains("fill=\"#ffffff\"/>").contains("fill=\"#808080\"/>");
    }

    @Test
    void hostileTitlesAreEscapedAndThePageIsSelfContained() throws Exception {
        String html = new SvgPatchAttentionRenderer().html(view("<script>alert(\"x&y\")</script>", 1, 1), 0);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(html).doesNotContain("href=", "src=", "@import", "url(http");
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
        assertThat(parse(svg).getDocumentElement().getLocalName()).isEqualTo("svg");
    }

    @Test
    void aQueryThatIsNoTokenIsRejected() {
        assertThatThrownBy(() -> new SvgPatchAttentionRenderer().svg(view("v", 1, 1), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query token 5 does not exist (0 = [CLS], 1..4 = patches)");
    }

    @Test
    void aViewWhoseMapsDoNotCoverClsAndEveryPatchIsRejected() {
        AttentionView a = new AttentionView("v", "s", List.of("[CLS]", "r0c0", "r0c1"), new boolean[3], 1, 1,
                List.of(new AttentionMap(0, 0, new double[3][3])), List.of("a", "b"), new double[] {0.5, 0.5}, -1);
        assertThatThrownBy(() -> new PatchAttentionView(a, new double[64], 8, 8, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 tokens for [CLS] + 4 patches");
        assertThatThrownBy(() -> new PatchAttentionView(a, new double[64], 8, 8, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not cut into 3x3 patches");
    }
}
