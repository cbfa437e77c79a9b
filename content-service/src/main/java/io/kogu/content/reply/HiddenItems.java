package io.kogu.content.reply;

import io.kogu.content.channel.Channel;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.publish.SendLoop;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.Connectors;
import io.kogu.content.publish.connector.Hiding;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.UUID;

/**
 * Hides an item on the network (or shows it again), where the channel's connector can ({@link Hiding}). The call
 * is made while the caller waits, outside any transaction; hiding is idempotent on every network that has it, so a
 * caller may simply repeat it. Refused for good (or not possible on the network): 409; not answered: 503.
 */
@ApplicationScoped
public class HiddenItems {

    @Inject
    ChannelService channels;

    @Inject
    Connectors connectors;

    @Inject
    HiddenItemsAccounts accounts;

    public boolean hide(String workspaceId, UUID channelId, String externalId, boolean hidden) {
        Account account = accounts.open(workspaceId, channelId);
        Connector connector = connectors.forNetwork(account.network()).orElse(null);
        if (!(connector instanceof Hiding hiding)) {
            throw new ProblemException(ProblemType.CONFLICT, "Kogu cannot hide items on " + account.network()
                    + ": the network offers no way to hide a comment or reply");
        }
        SendLoop.Outcome<Boolean> outcome = SendLoop.call(connector, account, "hiding " + externalId,
                () -> hiding.hide(account, externalId, hidden));
        if (account.credentialsReplaced()) {
            accounts.keep(account);
        }
        if (outcome.failure() == null) {
            return outcome.value();
        }
        PublishFailure failure = outcome.failure();
        if (failure.outcome() == PublishFailure.Outcome.REJECTED || failure.outcome() == PublishFailure.Outcome.UNAUTHORIZED) {
            throw new ProblemException(ProblemType.CONFLICT, account.network() + " refused: " + failure.reason());
        }
        throw ProblemException.unavailable(account.network() + " did not answer: " + failure.reason() + "; try again");
    }

    /** The short transactions around the call: the channel's account opened, renewed credentials stored. */
    @ApplicationScoped
    public static class HiddenItemsAccounts {

        @Inject
        ChannelService channels;

        @Transactional
        public Account open(String workspaceId, UUID channelId) {
            Channel channel = channels.get(workspaceId, channelId);
            return channels.account(channel);
        }

        @Transactional
        public void keep(Account account) {
            Channel channel = Channel.findById(account.channelId());
            if (channel != null) {
                channels.replaceCredentials(channel, account.credentials());
            }
        }
    }
}
