package dojo.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The trainable seed models by name (what {@code dojo train <model>} accepts). */
public final class ExperimentCatalog {

    private final Map<String, Experiment> byName = new LinkedHashMap<>();

    public ExperimentCatalog(List<Experiment> experiments) {
        for (Experiment e : experiments) {
            if (byName.put(e.name(), e) != null) throw new IllegalArgumentException("two experiments named " + e.name());
        }
    }

    public static ExperimentCatalog standard() {
        return new ExperimentCatalog(List.of(
                new TextClassifierExperiment(),
                new ImageClassifierExperiment(),
                new MultimodalClassifierExperiment(),
                new TextGeneratorExperiment(),
                new SpeechRecognizerExperiment(),
                new ImageSegmenterExperiment(),
                new RetrieverExperiment(),
                new MultiTaskExperiment(),
                new MultimodalSentimentExperiment()));
    }

    /** By name ({@code text-classifier}) or by exercise id ({@code ex11_text_classifier}). */
    public Optional<Experiment> find(String name) {
        Experiment e = byName.get(name);
        if (e != null) return Optional.of(e);
        return byName.values().stream().filter(x -> x.exerciseId().equals(name)).findFirst();
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
