package io.kogu.metrics.event;

import io.kogu.metrics.api.model.EventRejection;
import io.kogu.metrics.api.model.IngestResult;

import java.util.ArrayList;
import java.util.List;

/** Counts what became of the events of one request; lists rejection reasons up to a bound. */
final class Tally {

    private final int maxListed;
    private final List<EventRejection> rejections = new ArrayList<>();
    private int accepted;
    private int duplicates;
    private int rejected;

    Tally(int maxListed) {
        this.maxListed = maxListed;
    }

    void accepted(int n) {
        accepted += n;
    }

    void duplicates(int n) {
        duplicates += n;
    }

    void reject(int index, String eventId, String reason) {
        rejected++;
        if (rejections.size() < maxListed) {
            rejections.add(new EventRejection().index(index).eventId(eventId).reason(reason));
        }
    }

    IngestResult result() {
        rejections.sort(java.util.Comparator.comparing(EventRejection::getIndex));
        return new IngestResult().accepted(accepted).duplicates(duplicates).rejected(rejected).rejections(rejections);
    }
}
