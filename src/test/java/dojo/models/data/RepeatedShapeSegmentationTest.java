package dojo.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RepeatedShapeSegmentationTest {

    static final Split<SegmentationExample> DATA = RepeatedShapeSegmentation.generate(5, 4, 4000, 300, 1000);

    /** One glyph found in an image: its cell, its on-pixel pattern, its class, its brightness. */
    record Glyph(int cell, String pattern, int label, double brightness) {
    }

    static List<Glyph> glyphs(SegmentationExample e) {
        int side = e.width() / 4;
        List<Glyph> out = new ArrayList<>();
        for (int cell = 0; cell < side * side; cell++) {
            int r0 = (cell / side) * 4, c0 = (cell % side) * 4;
            StringBuilder pattern = new StringBuilder();
            int label = -1;
            double brightness = 0;
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    boolean on = e.pixel(r0 + r, c0 + c) > 0;
                    pattern.append(on ? '#' : '.');
                    if (on) {
                        assertThat(label == -1 || label == e.label(r0 + r, c0 + c)).as("one class per glyph").isTrue();
                        label = e.label(r0 + r, c0 + c);
                        brightness = e.pixel(r0 + r, c0 + c);
                    } else {
                        assertThat(e.label(r0 + r, c0 + c)).as("off pixels are background").isEqualTo(RepeatedShapeSegmentation.BACKGROUND);
                    }
                }
            }
            if (label != -1) {
                out.add(new Glyph(cell, pattern.toString(), label, brightness));
            }
        }
        return out;
    }

    @Test
    @DisplayName("the same seed gives the same images and labels")
    void deterministic() {
        Split<SegmentationExample> again = RepeatedShapeSegmentation.generate(5, 4, 4000, 300, 1000);
        for (int i = 0; i < DATA.test().size(); i++) {
            assertThat(again.test().get(i).pixels()).isEqualTo(DATA.test().get(i).pixels());
            assertThat(again.test().get(i).labels()).isEqualTo(DATA.test().get(i).labels());
        }
        assertThat(RepeatedShapeSegmentation.generate(6, 4, 10, 0, 0).train().get(0).pixels()).isNotEqualTo(DATA.train().get(0).pixels());
    }

    @Test
    @DisplayName("an image layout never repeats within or across train, validation and test")
    void splitsDisjoint() {
        Set<String> seen = new HashSet<>();
        for (List<SegmentationExample> part : List.of(DATA.train(), DATA.validation(), DATA.test())) {
            for (SegmentationExample e : part) {
                assertThat(seen.add(Arrays.toString(e.labels()))).as("layout seen before").isTrue();
            }
        }
        assertThat(seen).hasSize(5300);
    }

    @Test
    @DisplayName("every image has four glyphs: one shape twice (repeated), two other shapes once each (single)")
    void labelsFollowTheDefinition() {
        for (SegmentationExample e : DATA.train()) {
            List<Glyph> g = glyphs(e);
            assertThat(g).hasSize(4);
            for (Glyph a : g) {
                long same = g.stream().filter(b -> b.pattern().equals(a.pattern())).count();
                assertThat(a.label()).isEqualTo(same == 2 ? RepeatedShapeSegmentation.REPEATED : RepeatedShapeSegmentation.SINGLE);
                assertThat(same).isIn(1L, 2L);
                assertThat(a.brightness()).isBetween(0.5, 1.0);
            }
            assertThat(g.stream().filter(x -> x.label() == RepeatedShapeSegmentation.REPEATED)).hasSize(2);
        }
    }

    @Test
    @DisplayName("a glyph's own pixels carry no information about its class: every shape is repeated half of the time, whatever its brightness")
    void ownPatchIsUninformative() {
        Map<String, int[]> byShape = new HashMap<>();
        double[] brightnessSum = new double[3];
        int[] count = new int[3];
        for (SegmentationExample e : DATA.train()) {
            for (Glyph g : glyphs(e)) {
                byShape.computeIfAbsent(g.pattern(), k -> new int[3])[g.label()]++;
                brightnessSum[g.label()] += g.brightness();
                count[g.label()]++;
            }
        }
        assertThat(byShape).hasSize(Glyphs.SHAPES);
        for (Map.Entry<String, int[]> s : byShape.entrySet()) {
            int[] c = s.getValue();
            double repeated = (double) c[RepeatedShapeSegmentation.REPEATED] / (c[RepeatedShapeSegmentation.REPEATED] + c[RepeatedShapeSegmentation.SINGLE]);
            assertThat(repeated).as("share of glyphs of shape %s labelled repeated (%s)", s.getKey(), Arrays.toString(c)).isBetween(0.45, 0.55);
        }
        assertThat(count[1]).isEqualTo(count[2]);
        assertThat(brightnessSum[1] / count[1]).as("mean brightness of repeated glyphs vs single ones")
                .isCloseTo(brightnessSum[2] / count[2], org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    @DisplayName("background is most of every image, and the two glyph classes have about the same number of pixels")
    void classBalance() {
        long[] pixels = new long[3];
        for (SegmentationExample e : DATA.train()) {
            for (int l : e.labels()) {
                pixels[l]++;
            }
        }
        double total = pixels[0] + pixels[1] + pixels[2];
        assertThat(pixels[0] / total).as("background share").isBetween(0.8, 0.9);
        assertThat((double) pixels[1] / pixels[2]).as("repeated / single pixels").isBetween(0.95, 1.05);
    }

    @Test
    @DisplayName("a grid too small for four glyphs, or more images than distinct layouts allow, is refused")
    void refusesImpossibleRequests() {
        assertThatThrownBy(() -> RepeatedShapeSegmentation.generate(1, 1, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no room");
        assertThatThrownBy(() -> RepeatedShapeSegmentation.generate(1, 2, 1000, 100, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2016 layouts");
        assertThat(RepeatedShapeSegmentation.generate(1, 2, 20, 0, 0).train()).hasSize(20);
    }
}
