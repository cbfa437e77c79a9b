package io.kogu.content.rules;

/** One reason a network would refuse a post, with the figures a person needs to fix it. */
public record RuleProblem(String rule, Integer limit, Integer actual, String message) {
}
