package io.kogu.audience.moderation;

import opennlp.tools.doccat.FeatureGenerator;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One feature that every comment has, so that the maximum-entropy model learns the prior (most comments are not
 * spam): without it, a comment whose words the model never saw scores 0.5, halfway to spam.
 */
final class PriorFeature implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        return List.of("prior");
    }
}
