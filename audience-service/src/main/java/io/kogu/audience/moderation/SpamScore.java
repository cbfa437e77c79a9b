package io.kogu.audience.moderation;

/**
 * The spam score of an item: the classifier's probability, combined with the evidence of repetition as two
 * independent signals (noisy-OR: {@code 1 - (1 - classifier) * (1 - repetition)}). Repetition is no evidence
 * below {@code duplicate-copies} earlier copies; from there it starts at 0.65 (over the threshold of 0.6:
 * that many copies alone make spam) and grows by 0.05 a copy up to 0.95.
 */
public final class SpamScore {

    private SpamScore() {
    }

    public static double of(double classifier, int earlierCopies, int copiesThatCount) {
        return 1 - (1 - classifier) * (1 - repetition(earlierCopies, copiesThatCount));
    }

    static double repetition(int earlierCopies, int copiesThatCount) {
        if (earlierCopies < copiesThatCount) {
            return 0;
        }
        return Math.min(0.95, 0.65 + 0.05 * (earlierCopies - copiesThatCount));
    }
}
