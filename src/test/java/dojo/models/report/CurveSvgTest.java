package dojo.models.report;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.models.TrainResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class CurveSvgTest {

    private static TrainResult result(double test) {
        return new TrainResult(List.of(new TrainResult.Point(1, 0.7, Double.NaN), new TrainResult.Point(2, 0.6, 0.55),
                new TrainResult.Point(3, 0.4, 0.9)), 3, false, 0.9, test, Duration.ofSeconds(1));
    }

    @Test
    void theCurveIsWellFormedSvgWithOneLegendLinePerRunAndTheTarget() throws Exception {
        String svg = CurveSvg.render("text <model>", "accuracy", 0.95,
                List.of(new CurveSvg.Series("reference", result(0.97)), new CurveSvg.Series("baseline", result(0.5))));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains("text &lt;model&gt;", "reference: test accuracy 0.97 after 3 steps",
                "baseline: test accuracy 0.5 after 3 steps", "target 0.95");
        // three polylines per run: raw loss, smoothed loss, validation
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(6);
    }
}
