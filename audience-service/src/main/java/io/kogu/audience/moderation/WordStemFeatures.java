package io.kogu.audience.moderation;

import opennlp.tools.doccat.FeatureGenerator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The first five letters of every long word, as a feature next to the word itself: Estonian and Russian inflect
 * heavily ({@code kasiino, kasiinos, kasiinost}; {@code казино, выиграл, выиграли}), and a crude stem lets one
 * form learned in training count for the others.
 */
final class WordStemFeatures implements FeatureGenerator {

    static final int STEM = 5;

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>();
        for (String token : tokens) {
            if (token.length() > STEM + 1 && !token.startsWith("_")) {
                features.add("stem=" + token.substring(0, STEM));
            }
        }
        return features;
    }
}
