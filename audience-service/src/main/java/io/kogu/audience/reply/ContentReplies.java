package io.kogu.audience.reply;

import io.kogu.audience.client.content.ApiException;
import io.kogu.audience.client.content.RepliesApi;
import io.kogu.audience.client.content.model.HiddenItem;
import io.kogu.audience.client.content.model.Reply;
import io.kogu.audience.client.content.model.ReplyInput;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Asks content-service to post a reply or hide an item on the network (INTERFACES.md B), as the caller (the REST
 * client forwards the caller's token, ForwardCallerToken). Bounded like content-service's calls to audience-service:
 * each attempt times out after 2.5 s, one retry (both operations are idempotent: the reply on its id, hiding on its
 * target state), a circuit breaker, and a 503 when content-service does not answer. What content-service refuses
 * (4xx) is not retried: it is answered as a problem the caller can act on.
 */
@ApplicationScoped
public class ContentReplies {

    private static final Logger LOG = Logger.getLogger(ContentReplies.class);

    @Inject
    @RestClient
    RepliesApi replies;

    @Timeout(2500)
    @Retry(maxRetries = 1, delay = 100, maxDuration = 6000, abortOn = ApiException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5000, skipOn = ApiException.class)
    @Fallback(fallbackMethod = "replyUnavailable", skipOn = {ApiException.class, ProblemException.class})
    public Reply reply(ReplyInput input) throws ApiException {
        return replies.createReply(input);
    }

    @Timeout(2500)
    @Retry(maxRetries = 1, delay = 100, maxDuration = 6000, abortOn = ApiException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5000, skipOn = ApiException.class)
    @Fallback(fallbackMethod = "hideUnavailable", skipOn = {ApiException.class, ProblemException.class})
    public HiddenItem hide(UUID channelId, String externalId, boolean hidden) throws ApiException {
        return replies.hideItem(channelId, new HiddenItem().externalId(externalId).hidden(hidden));
    }

    Reply replyUnavailable(ReplyInput input, Throwable failure) {
        throw unavailable("the reply cannot be sent", failure);
    }

    HiddenItem hideUnavailable(UUID channelId, String externalId, boolean hidden, Throwable failure) {
        throw unavailable("the item cannot be hidden", failure);
    }

    private static ProblemException unavailable(String what, Throwable failure) {
        LOG.warnf("content-service could not be asked: %s", failure.toString());
        return ProblemException.unavailable("content-service did not answer, so " + what + "; try again shortly");
    }

    /** content-service's refusal as a problem of this call: its status where the caller can act on it. */
    public static ProblemException refused(ApiException e, String what) {
        int status = e.getResponse() == null ? 502 : e.getResponse().getStatus();
        String detail = "content-service refused " + what + " (" + status + ")";
        return switch (status) {
            case 401, 403 -> new ProblemException(ProblemType.FORBIDDEN, detail + ": your role does not allow it there");
            case 409 -> new ProblemException(ProblemType.CONFLICT, detail + ": the network does not allow it");
            case 404 -> new ProblemException(ProblemType.UNPROCESSABLE,
                    detail + ": the conversation's channel is not one of the workspace's channels any more");
            default -> status >= 500 ? ProblemException.unavailable(detail + "; try again shortly")
                    : new ProblemException(ProblemType.UNPROCESSABLE, detail);
        };
    }
}
