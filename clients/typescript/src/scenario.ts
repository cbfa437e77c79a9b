// A community manager's day through the generated client, against a running stack (./kogu up, or the one
// system-tests starts): a two-approver policy, a webhook channel pointing at a receiver this script runs, a draft
// validated, submitted, approved by two people and scheduled a few seconds ahead; then the publication is out,
// metrics-service lists it and counts a like. Exits non-zero with the failing call's problem details.
//
//   KOGU_CONTENT_URL, KOGU_AUDIENCE_URL, KOGU_METRICS_URL   where the services answer
//   KOGU_ADMIN_TOKEN, KOGU_EDITOR_TOKEN                     one workspace: an admin, the author
//   KOGU_APPROVER_TOKEN_1, KOGU_APPROVER_TOKEN_2            two approvers (other subjects than the author)
//   KOGU_VIEWER_TOKEN, KOGU_INTEGRATION_TOKEN               a reader, and a machine client sending events
//
// The last line printed is `KOGU_SCENARIO {json}` with the ids it made, for the test that runs it to check.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { etag, expect, kogu, type KoguUrls } from "./kogu.js";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set`);
  }
  return value;
}

/** Asks `attempt` every 200 ms until it answers something, for at most `seconds`. */
async function eventually<T>(what: string, seconds: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${seconds} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The network on the other side of a webhook channel: answers every POST with 201 and the post's id and URL. */
async function startReceiver(): Promise<{ url: string; posts: string[]; close: () => void }> {
  const posts: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      posts.push(Buffer.concat(chunks).toString("utf8"));
      const id = `post-${posts.length}`;
      response.writeHead(201, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ id, url: `https://receiver.example/p/${id}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/kogu`, posts, close: () => server.close() };
}

async function main(): Promise<void> {
  const urls: KoguUrls = {
    content: env("KOGU_CONTENT_URL"),
    audience: env("KOGU_AUDIENCE_URL"),
    metrics: env("KOGU_METRICS_URL"),
  };
  const admin = kogu(urls, env("KOGU_ADMIN_TOKEN"));
  const editor = kogu(urls, env("KOGU_EDITOR_TOKEN"));
  const approvers = [kogu(urls, env("KOGU_APPROVER_TOKEN_1")), kogu(urls, env("KOGU_APPROVER_TOKEN_2"))] as const;
  const viewer = kogu(urls, env("KOGU_VIEWER_TOKEN"));
  const integration = kogu(urls, env("KOGU_INTEGRATION_TOKEN"));

  // Two distinct approvers for every draft of the workspace.
  const current = await admin.content.GET("/v1/approval-policy");
  expect(current, 200, "read the approval policy");
  const policy = await admin.content.PUT("/v1/approval-policy", {
    params: { header: { "If-Match": etag(current) } },
    body: { approvalRequired: true, requiredApprovals: 2 },
  });
  expect(policy, 200, "require two approvals");

  const receiver = await startReceiver();
  try {
    const channel = expect(
      await admin.content.POST("/v1/channels", {
        body: {
          network: "webhook",
          handle: "@typescript-scenario",
          displayName: "Scenario receiver",
          timeZone: "Europe/Tallinn",
          connection: { url: receiver.url },
          credentials: { secret: "whsec_" + randomBytes(24).toString("base64") },
        },
      }),
      201,
      "connect a webhook channel",
    );

    const created = await editor.content.POST("/v1/drafts", {
      body: {
        title: "Spring launch teaser",
        body: "Something new arrives on Monday.",
        channelIds: [channel.id],
        tags: ["launch"],
        campaign: "spring",
      },
    });
    const draft = expect(created, 201, "create a draft");

    const validation = expect(
      await viewer.content.GET("/v1/drafts/{draftId}/validation", { params: { path: { draftId: draft.id } } }),
      200,
      "validate the draft",
    );
    const problems = JSON.stringify(validation);
    if (problems.includes('"severity":"error"')) {
      throw new Error(`the draft does not pass its channel's rules: ${problems}`);
    }

    let answer = await editor.content.POST("/v1/drafts/{draftId}/submission", {
      params: { path: { draftId: draft.id }, header: { "If-Match": etag(created) } },
      body: {},
    });
    let state = expect(answer, 200, "submit the draft");
    if (state.status !== "in_review") {
      throw new Error(`submitted: expected in_review, got ${state.status}`);
    }
    for (const [index, approver] of approvers.entries()) {
      answer = await approver.content.POST("/v1/drafts/{draftId}/approvals", {
        params: { path: { draftId: draft.id }, header: { "If-Match": etag(answer) } },
        body: { comment: `approval ${index + 1} of 2` },
      });
      state = expect(answer, 200, `approval ${index + 1}`);
      const wanted = index === 0 ? "in_review" : "approved";
      if (state.status !== wanted) {
        throw new Error(`after approval ${index + 1}: expected ${wanted}, got ${state.status}`);
      }
    }

    // A few seconds ahead: the schedule call must still find it in the future on a busy machine.
    const publishAt = new Date(Date.now() + 5000).toISOString();
    const scheduled = expect(
      await approvers[0].content.POST("/v1/drafts/{draftId}/schedule", {
        params: { path: { draftId: draft.id }, header: { "If-Match": etag(answer) } },
        body: { slots: [{ channelId: channel.id, publishAt }] },
      }),
      200,
      "schedule the draft",
    );
    if (scheduled.status !== "scheduled") {
      throw new Error(`scheduled: expected scheduled, got ${scheduled.status}`);
    }

    const publication = await eventually("the publication is published", 30, async () => {
      const page = expect(
        await viewer.content.GET("/v1/publications", { params: { query: { draftId: draft.id } } }),
        200,
        "list the draft's publications",
      );
      return page.items.find((item) => item.state === "published");
    });

    // metrics-service learns of it through content-service's outbox; then an integration reports a like.
    await eventually("metrics-service lists the publication", 30, async () => {
      const page = expect(
        await viewer.metrics.GET("/v1/publications", { params: { query: { channelId: channel.id } } }),
        200,
        "list the channel's publications in metrics-service",
      );
      return page.items.find((item) => item.id === publication.id);
    });
    expect(
      await integration.metrics.POST("/v1/events", {
        body: [{ eventId: `like-${publication.id}`, publicationId: publication.id, type: "like", occurredAt: new Date().toISOString() }],
      }),
      200,
      "send a like",
    );
    const summary = await eventually("the like is counted", 30, async () => {
      const answer = await viewer.metrics.GET("/v1/publications/{publicationId}/summary", {
        params: { path: { publicationId: publication.id } },
      });
      const totals = answer.data?.totals ?? {};
      return (totals["like"] ?? 0) >= 1 ? answer.data : undefined;
    });

    // The audience side: a fan, read back.
    const member = expect(
      await editor.audience.POST("/v1/members", { body: { displayName: "Ann Tamm", country: "EE" } }),
      201,
      "add a member",
    );
    const read = expect(
      await viewer.audience.GET("/v1/members/{memberId}", { params: { path: { memberId: member.id } } }),
      200,
      "read the member",
    );

    console.log(
      "KOGU_SCENARIO " +
        JSON.stringify({
          channelId: channel.id,
          draftId: draft.id,
          publicationId: publication.id,
          externalId: publication.externalId,
          posts: receiver.posts.length,
          likes: summary.totals["like"],
          engagements: summary.engagements,
          memberId: read.id,
        }),
    );
  } finally {
    receiver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
