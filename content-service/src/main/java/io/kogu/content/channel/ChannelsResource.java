package io.kogu.content.channel;

import io.kogu.content.api.ChannelsApi;
import io.kogu.content.api.model.ChannelAuthorization;
import io.kogu.content.api.model.ChannelConnectionInput;
import io.kogu.content.api.model.ChannelInput;
import io.kogu.content.connect.ChannelConnections;
import io.kogu.content.api.model.ChannelLimits;
import io.kogu.content.api.model.ChannelPage;
import io.kogu.content.api.model.Network;
import io.kogu.content.api.model.PostingWindow;
import io.kogu.content.api.model.Weekday;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

public class ChannelsResource implements ChannelsApi {

    @Inject
    ChannelService channels;

    @Inject
    Idempotency idempotency;

    @Inject
    ChannelConnections connections;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response createChannel(ChannelInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createChannel", input, () -> {
            Channel channel = channels.create(caller.workspaceId(), settingsOf(input));
            return Response.created(uriInfo.getAbsolutePathBuilder().path(channel.id.toString()).build())
                    .tag(Versions.etag(channel.version)).entity(toApi(channel)).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getChannel(UUID channelId) {
        Channel channel = channels.get(caller.workspaceId(), channelId);
        return Response.ok(toApi(channel)).tag(Versions.etag(channel.version)).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response updateChannel(UUID channelId, ChannelInput input, String ifMatch) {
        Channel channel = channels.update(caller.workspaceId(), channelId, ifMatch, settingsOf(input));
        return Response.ok(toApi(channel)).tag(Versions.etag(channel.version)).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response deleteChannel(UUID channelId, String ifMatch) {
        channels.delete(caller.workspaceId(), channelId, ifMatch);
        return Response.noContent().build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listChannels(Integer limit, String cursor, Network network) {
        Page<io.kogu.content.api.model.Channel> page = channels
                .list(caller.workspaceId(), network == null ? null : network.toString(), Keyset.of(cursor, limit))
                .map(ChannelsResource::toApi);
        return Response.ok(new ChannelPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response connectChannel(UUID channelId) {
        ChannelConnections.Started started = connections.start(caller.workspaceId(), channelId, caller.subject());
        return Response.ok(new ChannelAuthorization().channelId(started.channelId())
                .network(Network.fromValue(started.network())).authorizationUrl(started.authorizationUrl())
                .state(started.state()).expiresAt(started.expiresAt().atOffset(ZoneOffset.UTC))).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response completeChannelConnection(ChannelConnectionInput input) {
        Channel channel = connections.complete(caller.workspaceId(), input.getState(), input.getCode(), input.getError(),
                input.getErrorDescription());
        return Response.ok(toApi(channel)).tag(Versions.etag(channel.version)).build();
    }

    private static ChannelSettings settingsOf(ChannelInput input) {
        List<Channel.PostingWindow> windows = input.getPostingWindows() == null ? List.of()
                : input.getPostingWindows().stream()
                        .map(w -> new Channel.PostingWindow(w.getWeekday().toString(), w.getStart(), w.getEnd())).toList();
        return new ChannelSettings(input.getNetwork().toString(), input.getHandle(), input.getDisplayName(),
                input.getCredentials(), input.getTimeZone(), windows,
                input.getLimits() == null ? null : input.getLimits().getMaxCharacters(), input.getConnection());
    }

    private static io.kogu.content.api.model.Channel toApi(Channel channel) {
        return new io.kogu.content.api.model.Channel()
                .id(channel.id)
                .network(Network.fromValue(channel.network))
                .handle(channel.handle)
                .displayName(channel.displayName)
                .hasCredentials(channel.credentials != null)
                .connection(channel.connection == null ? new java.util.HashMap<>() : new java.util.TreeMap<>(channel.connection))
                .status(io.kogu.content.api.model.Channel.StatusEnum.fromValue(channel.status))
                .lastError(channel.lastError)
                .lastSuccessAt(channel.lastSuccessAt == null ? null : channel.lastSuccessAt.atOffset(ZoneOffset.UTC))
                .expiresAt(channel.tokenExpiresAt == null ? null : channel.tokenExpiresAt.atOffset(ZoneOffset.UTC))
                .credentialsUpdatedAt(channel.credentialsUpdatedAt == null ? null
                        : channel.credentialsUpdatedAt.atOffset(ZoneOffset.UTC))
                .timeZone(channel.timeZone)
                .postingWindows(channel.postingWindows.stream()
                        .map(w -> new PostingWindow().weekday(Weekday.fromValue(w.weekday())).start(w.start()).end(w.end()))
                        .toList())
                .limits(new ChannelLimits().maxCharacters(channel.maxCharacters))
                .version(channel.version)
                .createdAt(channel.createdAt.atOffset(ZoneOffset.UTC))
                .updatedAt(channel.updatedAt.atOffset(ZoneOffset.UTC));
    }
}
