package io.kogu.metrics.besttime;

import java.util.List;

/**
 * Expected engagement per weekly slot from past posts, shrunk toward the channel mean (empirical Bayes,
 * normal–normal): a slot with n posts of mean ȳ gets (n·ȳ + k·μ) / (n + k), where μ is the mean of all posts
 * and k = σ²/τ² (within-slot variance over between-slot variance, method of moments) is bounded by
 * configuration. Confidence is n / (n + k). See docs/best-time-model.md.
 */
public final class BestTimeModel {

    /** One past post: its slot (0 = Monday 00:00) and the engagements it earned. */
    public record Post(int slot, double engagements) {
    }

    /** The estimate of one slot. */
    public record Estimate(double expected, int posts, double confidence) {
    }

    public record Fit(double mean, double shrinkage, Estimate[] slots) {
    }

    private BestTimeModel() {
    }

    public static Fit fit(List<Post> posts, int slotCount, double minShrinkage, double maxShrinkage) {
        int[] n = new int[slotCount];
        double[] sum = new double[slotCount];
        double total = 0;
        for (Post post : posts) {
            n[post.slot()]++;
            sum[post.slot()] += post.engagements();
            total += post.engagements();
        }
        double mean = posts.isEmpty() ? 0 : total / posts.size();
        double within = 0;
        int occupied = 0;
        for (Post post : posts) {
            double slotMean = sum[post.slot()] / n[post.slot()];
            within += (post.engagements() - slotMean) * (post.engagements() - slotMean);
        }
        for (int count : n) {
            occupied += count > 0 ? 1 : 0;
        }
        double sigma2 = posts.size() > occupied ? within / (posts.size() - occupied) : Double.NaN;
        // Between-slot variance of the slot means, less the part that sampling noise explains.
        double between = 0;
        double noise = 0;
        for (int s = 0; s < slotCount; s++) {
            if (n[s] > 0) {
                double slotMean = sum[s] / n[s];
                between += (slotMean - mean) * (slotMean - mean);
                noise += Double.isNaN(sigma2) ? 0 : sigma2 / n[s];
            }
        }
        double tau2 = occupied > 1 ? (between - noise) / (occupied - 1) : Double.NaN;
        double k;
        if (Double.isNaN(sigma2) || Double.isNaN(tau2)) {
            k = maxShrinkage;
        } else if (tau2 <= 0) {
            k = maxShrinkage;
        } else {
            k = Math.max(minShrinkage, Math.min(maxShrinkage, sigma2 / tau2));
        }
        Estimate[] slots = new Estimate[slotCount];
        for (int s = 0; s < slotCount; s++) {
            double expected = (sum[s] + k * mean) / (n[s] + k);
            slots[s] = new Estimate(expected, n[s], n[s] / (n[s] + k));
        }
        return new Fit(mean, k, slots);
    }
}
