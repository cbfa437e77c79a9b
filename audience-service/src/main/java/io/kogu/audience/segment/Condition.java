package io.kogu.audience.segment;

import java.util.List;

/**
 * A segment's rule as stored (JSONB): a condition on a member field. The first form is {@code country in
 * [...]}; nested groups and more operators extend it.
 */
public record Condition(String field, String operator, List<String> values) {
}
