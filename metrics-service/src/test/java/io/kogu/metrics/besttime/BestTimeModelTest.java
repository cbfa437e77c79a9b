package io.kogu.metrics.besttime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class BestTimeModelTest {

    @Test
    void aSlotIsTheWeightedMeanOfItsPostsAndTheChannelMean() {
        // Slot 0: 4 posts around 20, slot 1: 4 posts around 10; within variance 2/3, between-slot variance large.
        List<BestTimeModel.Post> posts = List.of(post(0, 19), post(0, 20), post(0, 21), post(0, 20),
                post(1, 9), post(1, 10), post(1, 11), post(1, 10));
        BestTimeModel.Fit fit = BestTimeModel.fit(posts, 3, 1, 50);
        assertThat(fit.mean()).isEqualTo(15);
        double k = fit.shrinkage();
        assertThat(fit.slots()[0].expected()).isCloseTo((4 * 20 + k * 15) / (4 + k), offset(1e-9));
        assertThat(fit.slots()[0].confidence()).isCloseTo(4 / (4 + k), offset(1e-9));
        assertThat(fit.slots()[2].expected()).isEqualTo(15);
        assertThat(fit.slots()[2].confidence()).isZero();
        assertThat(k).isEqualTo(1); // clear separation: k at its lower bound, slots keep their own means
    }

    @Test
    void noisySlotsAreShrunkHard() {
        List<BestTimeModel.Post> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            posts.add(post(0, i % 2 == 0 ? 0 : 40));
            posts.add(post(1, i % 2 == 0 ? 2 : 38));
        }
        BestTimeModel.Fit fit = BestTimeModel.fit(posts, 2, 1, 50);
        assertThat(fit.shrinkage()).isEqualTo(50);
        assertThat(fit.slots()[0].expected()).isCloseTo(fit.mean(), offset(0.01 * fit.mean()));
    }

    @Test
    void withoutPostsEverySlotIsZeroWithNoConfidence() {
        BestTimeModel.Fit fit = BestTimeModel.fit(List.of(), 168, 1, 50);
        assertThat(fit.slots()).allSatisfy(slot -> {
            assertThat(slot.expected()).isZero();
            assertThat(slot.confidence()).isZero();
        });
    }

    private static BestTimeModel.Post post(int slot, double engagements) {
        return new BestTimeModel.Post(slot, engagements);
    }
}
