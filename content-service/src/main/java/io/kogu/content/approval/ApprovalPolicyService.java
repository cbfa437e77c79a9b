package io.kogu.content.approval;

import io.kogu.content.time.Clocks;
import io.kogu.platform.web.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The approval policy of a workspace. */
@ApplicationScoped
public class ApprovalPolicyService {

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public ApprovalPolicy get(String workspaceId) {
        ApprovalPolicy policy = ApprovalPolicy.findById(workspaceId);
        return policy != null ? policy : ApprovalPolicy.defaultFor(workspaceId);
    }

    /**
     * The version is kept by hand rather than by Hibernate, so that the never-stored default is version 0 and
     * the first stored policy version 1. The row lock serializes concurrent changes; two first inserts at
     * once collide on the primary key (409, retry).
     */
    @Transactional
    public ApprovalPolicy update(String workspaceId, String ifMatch, boolean approvalRequired, int requiredApprovals,
                                 boolean repliesNeedApproval) {
        ApprovalPolicy policy = ApprovalPolicy.findById(workspaceId, LockModeType.PESSIMISTIC_WRITE);
        boolean stored = policy != null;
        if (!stored) {
            policy = ApprovalPolicy.defaultFor(workspaceId);
        }
        Versions.requireMatch(ifMatch, policy.version);
        policy.approvalRequired = approvalRequired;
        policy.requiredApprovals = requiredApprovals;
        policy.repliesNeedApproval = repliesNeedApproval;
        policy.version++;
        policy.updatedAt = Clocks.now(clock);
        if (!stored) {
            policy.persist();
        }
        policy.flush();
        return policy;
    }
}
