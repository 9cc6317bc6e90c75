package dojo.models;

import dojo.exercise.api.RetrieverModel;
import dojo.models.data.LayoutPair;
import dojo.models.data.LayoutImage;
import dojo.models.data.LayoutCaptions;
import dojo.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Contrastive training and recall scoring of a {@link RetrieverModel} on caption pairs. A batch of pairs is
 * a batch of 2 x pairs images, each with its hard negative beside it; the loss is the model's own
 * {@link RetrieverModel#contrastiveLoss}. The metric embeds the whole gallery (chunks of 500) and scores
 * with the framework's {@link Retrieval#recallAtK}, ties counted against the query, so a learner's recall
 * code cannot flatter its own model: recall@1 in the worse of the two directions.
 */
public record CaptionRetrieval(RetrieverModel model) implements Objective<LayoutPair> {

    private static final int CHUNK = 500;

    /**
     * Recall@1 and @5 in both directions over one gallery, and the hard-negative accuracy: the fraction of
     * captions whose own image scores strictly higher than that image's hard negative (0.5 is a coin flip).
     */
    public record Scores(int gallery, double textToImageAt1, double imageToTextAt1, double textToImageAt5, double imageToTextAt5,
                         double hardNegativeAccuracy) {
        /** The worse direction's recall@1 (the experiment's metric). */
        public double worseAt1() {
            return Math.min(textToImageAt1, imageToTextAt1);
        }
    }

    @Override
    public Tensor loss(List<LayoutPair> batch) {
        List<LayoutImage> items = LayoutCaptions.flatten(batch);
        return model.contrastiveLoss(model.logits(Retrieval.images(items), Retrieval.captions(items)));
    }

    @Override
    public double metric(List<LayoutPair> examples) {
        return scores(examples).worseAt1();
    }

    /** Scores over the gallery of every image of {@code pairs} (call in eval mode, recording off). */
    public Scores scores(List<LayoutPair> pairs) {
        List<LayoutImage> items = LayoutCaptions.flatten(pairs);
        List<Tensor> img = new ArrayList<>(), txt = new ArrayList<>();
        for (int from = 0; from < items.size(); from += CHUNK) {
            List<LayoutImage> part = items.subList(from, Math.min(items.size(), from + CHUNK));
            img.add(model.encodeImages(Retrieval.images(part)));
            txt.add(model.encodeTexts(Retrieval.captions(part)));
        }
        Tensor imageToText = Tensor.cat(img, 0).matmul(Tensor.cat(txt, 0).t());   // cosine: the scale does not change ranks
        Tensor textToImage = imageToText.t();
        int n = items.size();
        double[] s = imageToText.toArray();
        int preferred = 0;
        for (int caption = 0; caption < n; caption++) {
            int partner = caption ^ 1;                          // flatten() puts each pair's images side by side
            if (s[caption * n + caption] > s[partner * n + caption]) preferred++;
        }
        return new Scores(n, Retrieval.recallAtK(textToImage, 1), Retrieval.recallAtK(imageToText, 1),
                Retrieval.recallAtK(textToImage, 5), Retrieval.recallAtK(imageToText, 5), (double) preferred / n);
    }
}
