package dojo.models.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SvgAttentionRendererTest {

    private static final String HOSTILE = "<script>alert(\"x&y\")</script>'";

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document d) {
        NodeList nodes = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
        return out;
    }

    @Test
    void theSvgIsWellFormedXmlWithOnePanelPerLayerAndHead() throws Exception {
        Document d = parse(new SvgAttentionRenderer().svg(Views.of(List.of("3", "7", "12", "3", "pad"), 1, 2, 4)));
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
        List<String> texts = texts(d);
        for (int l = 0; l < 2; l++) for (int h = 0; h < 4; h++) assertThat(texts).contains("layer " + l + " · head " + h);
        assertThat(texts).contains("attention weight", "padding key (masked, weight 0)");
    }

    @Test
    void aHostileTokenLabelIsEscapedAndReadsBackAsWritten() throws Exception {
        String svg = new SvgAttentionRenderer().svg(Views.of(List.of("3", HOSTILE, "3"), 0, 1, 1));
        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;");
        Document d = parse(svg);
        assertThat(texts(d)).contains(HOSTILE.substring(0, 7) + "…");         // axis labels are cut at 8 characters
        assertThat(texts(d)).anyMatch(t -> t.contains(HOSTILE));               // the header keeps it whole
        assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "script").getLength()).isZero();
    }

    @Test
    void everyCellCarriesItsWeightAndPaddedKeysAreHatched() throws Exception {
        Document d = parse(new SvgAttentionRenderer().svg(Views.of(List.of("3", "7", "3", "pad"), 1, 1, 1)));
        NodeList rects = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        int cells = 0, hatched = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            var r = (org.w3c.dom.Element) rects.item(i);
            if (!"c".equals(r.getAttribute("class"))) continue;
            cells++;
            if (r.getAttribute("fill").equals("url(#pad)")) hatched++;
        }
        assertThat(cells).isEqualTo(16);
        assertThat(hatched).isEqualTo(4);
        assertThat(new SvgAttentionRenderer().svg(Views.of(List.of("3", "7", "3", "pad"), 1, 1, 1)))
                .contains("query 0 &apos;3&apos; -&gt; key 0 &apos;3&apos;: 0.6000");
    }

    @Test
    void theHtmlPageIsSelfContained() {
        String html = new SvgAttentionRenderer().html(Views.of(List.of("3", "7", "3"), 0, 2, 4));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</html>");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).as("no external assets")
                .doesNotContain("http://", "https://", "href=", "src=")
                .doesNotContain("<script", "<link", "<img", "@import");
    }
}
