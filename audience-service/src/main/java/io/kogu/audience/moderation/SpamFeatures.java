package io.kogu.audience.moderation;

import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.InvalidFormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The features the classifier learns and scores from, computed from {@link SpamTokens}: OpenNLP's bag of words and
 * word pairs, plus {@link WordStemFeatures} and {@link PriorFeature}. One list for training and scoring, so both
 * always see the same features (OpenNLP's own categorizer would re-create the generators by class name, which
 * Quarkus' class loading does not allow).
 */
final class SpamFeatures {

    static final FeatureGenerator[] GENERATORS = generators();

    private SpamFeatures() {
    }

    static String[] of(String[] tokens) {
        List<String> features = new ArrayList<>();
        for (FeatureGenerator generator : GENERATORS) {
            features.addAll(generator.extractFeatures(tokens, Map.of()));
        }
        return features.toArray(String[]::new);
    }

    private static FeatureGenerator[] generators() {
        try {
            return new FeatureGenerator[] {new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator(2, 2),
                    new WordStemFeatures(), new PriorFeature()};
        } catch (InvalidFormatException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
