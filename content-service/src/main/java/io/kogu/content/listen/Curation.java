package io.kogu.content.listen;

import io.kogu.content.draft.Draft;
import io.kogu.content.draft.DraftContent;
import io.kogu.content.draft.DraftService;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Curate: one call turns a story into a draft (title, link, a quote of the summary, credit to the source that
 * carried it first, the monitor's tags), which then follows the usual review and publishing path.
 */
@ApplicationScoped
public class Curation {

    static final int QUOTE_CHARS = 280;

    @Inject
    Stories stories;

    @Inject
    Monitors monitors;

    @Inject
    DraftService drafts;

    @Transactional
    public Draft curate(String workspaceId, String subject, UUID storyId, UUID monitorId) {
        StoryView story = stories.get(workspaceId, subject, storyId);
        List<String> tags = List.of();
        if (monitorId != null) {
            Monitor monitor = monitors.get(workspaceId, monitorId);
            if (!story.monitorIds().contains(monitorId)) {
                throw ProblemException.unprocessable("the monitor did not match this story", List.of());
            }
            tags = monitor.tags;
        }
        return drafts.create(workspaceId, subject, content(story, tags));
    }

    static DraftContent content(StoryView story, List<String> tags) {
        StoryView.Item first = story.items().isEmpty() ? null : story.items().get(0);
        String credit = first == null ? null : first.sourceTitle() != null ? first.sourceTitle()
                : first.author();
        String quote = PlainText.of(story.summary(), QUOTE_CHARS);
        StringBuilder body = new StringBuilder();
        if (!quote.isEmpty()) {
            body.append('“').append(quote).append('”');
        }
        if (credit != null) {
            body.append(body.length() > 0 ? "\n\n" : "").append("Via ").append(credit);
        }
        body.append(body.length() > 0 ? "\n" : "").append(story.url());
        String title = story.title().isBlank() ? story.url() : story.title();
        return new DraftContent(ListeningWork.trim(title, 300), body.toString(), null, null, null,
                story.url().length() <= 2000 ? story.url() : null, tags, null, null,
                "Curated from story " + story.id(), null);
    }
}
