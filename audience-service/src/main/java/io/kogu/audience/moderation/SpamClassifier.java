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
 * It is trained at first use from the training split of {@link SpamExamples} (about a second; the data and the
 * model card are in the repository, docs/spam-model.md), so the model always matches the data it ships with.
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

    /** Trains the model now if it is not yet trained (see SpamClassifierWarmUp). */
    void warmUp() {
        model();
    }

    private MaxentModel model() {
        MaxentModel trained = model;
        if (trained == null) {
            synchronized (this) {
                if (model == null) {
                    model = train(SpamExamples.training()).getMaxentModel();
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
        SpamClassifier classifier = new SpamClassifier();
        classifier.model = model.getMaxentModel();
        return classifier;
    }
}
