package io.kogu.content.approval;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** How a workspace approves its content. */
@Entity
@Table(name = "approval_policy")
public class ApprovalPolicy extends PanacheEntityBase {

    @Id
    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "approval_required")
    public boolean approvalRequired = true;

    @Column(name = "required_approvals")
    public int requiredApprovals = 1;

    /** Whether replies to fans wait for an approver before they are posted (issue 13). */
    @Column(name = "replies_need_approval")
    public boolean repliesNeedApproval;

    /** Kept by {@link ApprovalPolicyService} (0 is the default that was never stored). */
    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** What a workspace that never set a policy has: approval by one approver. */
    static ApprovalPolicy defaultFor(String workspaceId) {
        ApprovalPolicy policy = new ApprovalPolicy();
        policy.workspaceId = workspaceId;
        return policy;
    }
}
