// Draws test images of the image-segmenter experiment with their truth and the predictions of the trained
// reference and baseline checkpoints (./dojo train image-segmenter writes them) as an SVG.
// Run through scripts/models/segmenter-picture.sh (it sets the classpath).
// Usage: SegmenterPicture PROJECT_DIR CHECKPOINT_DIR IMAGES OUT.svg
import dojo.exercise.api.ImageSegmenterModel;
import dojo.models.ExerciseModels;
import dojo.models.ImageSegmenterExperiment;
import dojo.models.Segmentation;
import dojo.models.SegmentationScore;
import dojo.models.data.RepeatedShapeSegmentation;
import dojo.models.data.SegmentationExample;
import dojo.models.report.SegmentationSvg;
import dojo.nn.StateDicts;
import dojo.tensor.Autograd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

public class SegmenterPicture {
    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]), dir = Path.of(args[1]), out = Path.of(args[3]);
        int n = Integer.parseInt(args[2]);
        ImageSegmenterExperiment e = new ImageSegmenterExperiment();
        try (ExerciseModels.Loaded solution = ExerciseModels.fromTree(project, "solutions", e.exerciseId())) {
            ImageSegmenterModel reference = (ImageSegmenterModel) e.build(solution.implementation(), 1);
            ImageSegmenterModel baseline = (ImageSegmenterModel) e.buildBaseline(1);
            StateDicts.load(reference, dir.resolve("model.safetensors"), true);
            StateDicts.load(baseline, dir.resolve("baseline.safetensors"), true);
            reference.eval();
            baseline.eval();
            List<SegmentationExample> test = ImageSegmenterExperiment.data().test().subList(0, n);
            int hw = 16 * 16;
            int[] refAll, baseAll;
            try (var off = Autograd.noGrad()) {
                refAll = Segmentation.predict(reference, test);
                baseAll = Segmentation.predict(baseline, test);
            }
            List<SegmentationSvg.Row> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SegmentationExample ex = test.get(i);
                int[] ref = Arrays.copyOfRange(refAll, i * hw, (i + 1) * hw);
                int[] base = Arrays.copyOfRange(baseAll, i * hw, (i + 1) * hw);
                rows.add(new SegmentationSvg.Row(ex.pixels(), ex.height(), ex.width(), List.of(ex.labels(), ref, base),
                        List.of("test image " + i, caption(ref, ex.labels()), caption(base, ex.labels()))));
            }
            String svg = SegmentationSvg.render("image-segmenter: the first " + n + " test images (16x16, 4x4 patches)",
                    List.of("input", "truth", "transformer (reference)", "per-patch MLP (baseline)"),
                    Arrays.asList(RepeatedShapeSegmentation.CLASS_NAMES), RepeatedShapeSegmentation.CELL, rows);
            Files.writeString(out, svg);
            System.out.println("wrote " + out);
        }
    }

    static String caption(int[] predicted, int[] truth) {
        SegmentationScore s = SegmentationScore.of(predicted, truth, RepeatedShapeSegmentation.CLASSES);
        long wrong = s.pixels() - s.correct();
        return String.format(Locale.ROOT, "mIoU %.2f, %d wrong pixel%s", s.meanIoU(), wrong, wrong == 1 ? "" : "s");
    }
}
