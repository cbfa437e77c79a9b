package io.kogu.audience.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The probability that a comment is spam, from Apache OpenNLP's document categorizer (maximum entropy, trained
 * with GIS) over {@link SpamFeatures} of {@link SpamTokens}: words, word pairs, crude stems, the link and
 * promo-code tokens, and a prior.
 * The build trains it on the training split of {@link SpamExamples} and writes it next to this class
 * ({@link SpamModelFile}; the data and the model card are in the repository, docs/spam-model.md), so the model always
 * matches the data it ships with and a start only reads it. Without that file (an IDE's build) it is trained at
 * first use, which takes a few seconds of one core.
 */
@ApplicationScoped
public class SpamClassifier {

    static final String SPAM = "spam";
    static final String HAM = "ham";

    /**
     * Shared by all threads: scoring only reads the maximum-entropy model (its evaluation allocates its own
     * arrays), and the feature generators are stateless.
     */
    private volatile MaxentModel model;

    public double score(String text) {
        String[] tokens = SpamTokens.of(text);
        if (tokens.length == 0) {
            return 0;
        }
        MaxentModel trained = model();
        return trained.eval(SpamFeatures.of(tokens))[trained.getIndex(SPAM)];
    }

    /** Reads (or trains) the model now if it is not yet there (see SpamClassifierWarmUp). */
    void warmUp() {
        model();
    }

    private MaxentModel model() {
        MaxentModel trained = model;
        if (trained == null) {
            synchronized (this) {
                if (model == null) {
                    model = SpamModelFile.readBuilt().orElseGet(() -> train(SpamExamples.training()).getMaxentModel());
                }
                trained = model;
            }
        }
        return trained;
    }

    /** A model trained on the given examples (the model card's figures come from the training split). */
    public static DoccatModel train(List<SpamExamples.Example> examples) {
        List<DocumentSample> samples = examples.stream()
                .map(e -> new DocumentSample(e.spam() ? SPAM : HAM, SpamTokens.of(e.text())))
                .filter(s -> s.getText().length > 0)
                .toList();
        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
        parameters.put(TrainingParameters.ITERATIONS_PARAM, 300);
        parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
        parameters.put("PrintMessages", false);
        try {
            DoccatFactory factory = new DoccatFactory(SpamFeatures.GENERATORS);
            return DocumentCategorizerME.train("mul", new CollectionObjectStream<>(samples), parameters, factory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A classifier over a given model: for the model card's measurements and the benchmark. */
    public static SpamClassifier of(DoccatModel model) {
        return of(model.getMaxentModel());
    }

    static SpamClassifier of(MaxentModel model) {
        SpamClassifier classifier = new SpamClassifier();
        classifier.model = model;
        return classifier;
    }
}
