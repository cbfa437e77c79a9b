package io.kogu.content.draft;

import io.kogu.content.api.model.ChannelValidation;
import io.kogu.content.api.model.DraftAction;
import io.kogu.content.approval.Workflow;
import io.kogu.content.api.model.DraftInput;
import io.kogu.content.api.model.DraftValidation;
import io.kogu.content.api.model.LengthUnit;
import io.kogu.content.rules.ChannelCheck;
import io.kogu.content.rules.RuleProblem;
import io.kogu.content.api.model.DraftStatus;
import io.kogu.content.api.model.MediaItem;
import io.kogu.content.api.model.MediaKind;
import io.kogu.content.api.model.Revision;
import io.kogu.content.api.model.Variant;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Between the contract's draft models and the service's content. */
public final class DraftMapper {

    private DraftMapper() {
    }

    static DraftContent contentOf(DraftInput input) {
        return new DraftContent(input.getTitle(), input.getBody(), listOf(input.getChannelIds()),
                input.getVariants() == null ? List.of()
                        : input.getVariants().stream().map(DraftMapper::variantOf).toList(),
                input.getMedia() == null ? List.of() : input.getMedia().stream().map(DraftMapper::mediaOf).toList(),
                input.getLink(), listOf(input.getTags()), input.getCampaign(), listOf(input.getTargetSegmentIds()),
                input.getNotes(), input.getPlannedAt() == null ? null : input.getPlannedAt().toInstant().toString());
    }

    public static io.kogu.content.api.model.Draft toApi(Draft draft) {
        return new io.kogu.content.api.model.Draft()
                .id(draft.id)
                .title(draft.title)
                .body(draft.body)
                .channelIds(new ArrayList<>(draft.channelIds))
                .variants(draft.variants.stream().map(DraftMapper::toApi).toList())
                .media(draft.media.stream().map(DraftMapper::toApi).toList())
                .link(draft.link)
                .tags(draft.tags)
                .campaign(draft.campaign)
                .targetSegmentIds(draft.targetSegmentIds)
                .notes(draft.notes)
                .plannedAt(draft.plannedAt == null ? null : draft.plannedAt.atOffset(ZoneOffset.UTC))
                .status(DraftStatus.fromValue(draft.status))
                .version(draft.version)
                .revision(draft.revision)
                .approvedBy(new ArrayList<>(draft.approvedBy))
                .allowedActions(Workflow.allowedActions(draft.status).stream().map(DraftAction::fromValue).toList())
                .createdAt(draft.createdAt.atOffset(ZoneOffset.UTC))
                .updatedAt(draft.updatedAt.atOffset(ZoneOffset.UTC))
                .createdBy(draft.createdBy);
    }

    static Revision toApi(DraftRevision revision) {
        DraftContent content = revision.content;
        DraftInput api = new DraftInput()
                .title(content.title())
                .body(content.body())
                .channelIds(new LinkedHashSet<>(content.channelIds()))
                .variants(content.variants().stream().map(DraftMapper::toApi).toList())
                .media(content.media().stream().map(DraftMapper::toApi).toList())
                .link(content.link())
                .tags(new LinkedHashSet<>(content.tags()))
                .campaign(content.campaign())
                .targetSegmentIds(new LinkedHashSet<>(content.targetSegmentIds()))
                .notes(content.notes())
                .plannedAt(content.plannedAt() == null ? null
                        : java.time.Instant.parse(content.plannedAt()).atOffset(ZoneOffset.UTC));
        return new Revision()
                .draftId(revision.draftId)
                .number(revision.number)
                .content(api)
                .restoredFrom(revision.restoredFrom)
                .createdAt(revision.createdAt.atOffset(ZoneOffset.UTC))
                .createdBy(revision.createdBy);
    }

    static DraftValidation toApi(Draft draft, List<ChannelCheck> checks) {
        return new DraftValidation()
                .draftId(draft.id)
                .version(draft.version)
                .valid(checks.stream().allMatch(check -> check.problems().stream().noneMatch(RuleProblem::isError)))
                .channels(checks.stream().map(DraftMapper::toApi).toList());
    }

    private static ChannelValidation toApi(ChannelCheck check) {
        return new ChannelValidation()
                .channelId(check.channelId())
                .network(check.network())
                .countedLength(check.countedLength())
                .lengthUnit(LengthUnit.fromValue(check.unit().name().toLowerCase(java.util.Locale.ROOT)))
                .maxLength(check.maxLength())
                .problems(check.problems().stream()
                        .map(p -> new io.kogu.content.api.model.RuleProblem().rule(p.rule())
                                .severity(io.kogu.content.api.model.RuleProblem.SeverityEnum.fromValue(
                                        p.severity().name().toLowerCase(java.util.Locale.ROOT)))
                                .limit(p.limit())
                                .actual(p.actual()).message(p.message()))
                        .toList());
    }

    private static DraftContent.Variant variantOf(Variant variant) {
        return new DraftContent.Variant(variant.getChannelId(), variant.getText(),
                variant.getMediaSelection() == null ? null : List.copyOf(variant.getMediaSelection()),
                variant.getFirstComment());
    }

    private static DraftContent.Media mediaOf(MediaItem media) {
        return new DraftContent.Media(media.getUrl(), media.getKind().toString(), media.getAltText(), media.getWidth(),
                media.getHeight(), media.getDurationSeconds());
    }

    private static Variant toApi(DraftContent.Variant variant) {
        return new Variant().channelId(variant.channelId()).text(variant.text())
                .mediaSelection(variant.mediaSelection() == null ? null : new ArrayList<>(variant.mediaSelection()))
                .firstComment(variant.firstComment());
    }

    private static MediaItem toApi(DraftContent.Media media) {
        return new MediaItem().url(media.url()).kind(MediaKind.fromValue(media.kind())).altText(media.altText())
                .width(media.width()).height(media.height()).durationSeconds(media.durationSeconds());
    }

    private static <T> List<T> listOf(java.util.Collection<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
