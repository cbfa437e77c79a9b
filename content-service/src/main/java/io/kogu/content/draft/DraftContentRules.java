package io.kogu.content.draft;

import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How the parts of a draft must fit together, beyond what the contract's schema says of each field: a variant
 * is for one of the draft's channels, one per channel, and selects media the draft has.
 */
final class DraftContentRules {

    private DraftContentRules() {
    }

    static void requireConsistent(DraftContent content) {
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < content.variants().size(); i++) {
            DraftContent.Variant variant = content.variants().get(i);
            String field = "variants[" + i + "]";
            if (!content.channelIds().contains(variant.channelId())) {
                errors.add(new FieldError(field + ".channelId", "is not one of the draft's channelIds; add it there first"));
            }
            if (!seen.add(variant.channelId())) {
                errors.add(new FieldError(field + ".channelId", "has a variant already; one variant per channel"));
            }
            List<Integer> selection = variant.mediaSelection();
            if (selection != null) {
                for (int j = 0; j < selection.size(); j++) {
                    Integer position = selection.get(j);
                    if (position == null || position >= content.media().size()) {
                        errors.add(new FieldError(field + ".mediaSelection[" + j + "]",
                                "must be a position in media (0 to " + (content.media().size() - 1) + ")"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
