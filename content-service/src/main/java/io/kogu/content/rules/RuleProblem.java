package io.kogu.content.rules;

/** One reason a network would refuse a post (or, as a warning, would take it badly), with the figures to fix it. */
public record RuleProblem(String rule, Severity severity, Integer limit, Integer actual, String message) {

    public enum Severity {
        /** The network refuses the post: the draft cannot be submitted or scheduled. */
        ERROR,
        /** The network takes the post, but it should be fixed (an image without alt text). */
        WARNING
    }

    public static RuleProblem error(String rule, Integer limit, Integer actual, String message) {
        return new RuleProblem(rule, Severity.ERROR, limit, actual, message);
    }

    public static RuleProblem warning(String rule, String message) {
        return new RuleProblem(rule, Severity.WARNING, null, null, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
