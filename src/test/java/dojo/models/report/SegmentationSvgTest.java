package dojo.models.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SegmentationSvgTest {

    static final List<String> CLASSES = List.of("background", "repeated <shape>", "single");

    static SegmentationSvg.Row row() {
        double[] px = {0, 0.5, 1, 0};
        int[] truth = {0, 1, 2, 0};
        int[] pred = {0, 1, 1, 2};   // two wrong pixels
        return new SegmentationSvg.Row(px, 2, 2, List.of(truth, pred), List.of("image 0", "2 wrong"));
    }

    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("draws well-formed SVG: a square per pixel per panel, a dot per wrong pixel, escaped legend text")
    void wellFormed() throws Exception {
        String svg = SegmentationSvg.render("t & t", List.of("input", "truth", "model"), CLASSES, 1, List.of(row(), row()));
        Document d = parse(svg);
        // background + 3 legend squares + per row: 3 panels x 4 pixels + 3 frames
        assertThat(d.getElementsByTagName("rect").getLength()).isEqualTo(1 + 3 + 2 * (3 * 4 + 3));
        assertThat(d.getElementsByTagName("circle").getLength()).isEqualTo(1 + 2 * 2);   // legend dot + 2 wrong pixels per row
        assertThat(svg).contains("repeated &lt;shape&gt;").contains("t &amp; t");
        assertThat(svg).contains(SegmentationSvg.COLOURS[2]);
    }

    @Test
    @DisplayName("input pixels are drawn dark where bright: 1 is black, 0 is white")
    void greyScale() {
        String svg = SegmentationSvg.render("t", List.of("input", "truth", "model"), CLASSES, 0, List.of(row()));
        assertThat(svg).contains("fill=\"#000000\"").contains("fill=\"#ffffff\"").contains("fill=\"#808080\"");
    }

    @Test
    @DisplayName("refuses rows that do not fit: wrong titles, unknown labels, mixed sizes")
    void refusesMismatches() {
        assertThatThrownBy(() -> SegmentationSvg.render("t", List.of("input", "truth"), CLASSES, 1, List.of(row())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column titles");
        SegmentationSvg.Row bad = new SegmentationSvg.Row(new double[4], 2, 2, List.of(new int[] {0, 0, 0, 3}, new int[4]), List.of("a", "b"));
        assertThatThrownBy(() -> SegmentationSvg.render("t", List.of("input", "truth", "model"), CLASSES, 1, List.of(bad)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3 at pixel 3");
        SegmentationSvg.Row small = new SegmentationSvg.Row(new double[1], 1, 1, List.of(new int[1], new int[1]), List.of("a", "b"));
        assertThatThrownBy(() -> SegmentationSvg.render("t", List.of("input", "truth", "model"), CLASSES, 1, List.of(row(), small)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
        assertThatThrownBy(() -> new SegmentationSvg.Row(new double[3], 2, 2, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
