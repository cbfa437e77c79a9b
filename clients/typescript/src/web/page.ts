// What a frontend on another origin does with a draft: create it, read it, change it with the ETag it read.
// Every call is cross-origin, so it works only with the services' CORS settings: the origin allowed, the
// Authorization and If-Match headers allowed in the preflight, ETag and X-Request-Id exposed to the page.
// The outcome goes into <pre id="result" data-done> as JSON, for a person or a test to read.
import { etag, kogu } from "../kogu.js";

interface Outcome {
  origin: string;
  draftId?: string;
  createdStatus?: number;
  createdEtag?: string | null;
  readEtag?: string | null;
  requestId?: string | null;
  updatedStatus?: number;
  updatedEtag?: string | null;
  title?: string;
  staleStatus?: number;
  error?: string;
}

async function run(outcome: Outcome): Promise<void> {
  const settings = new URLSearchParams(location.hash.slice(1));
  const api = settings.get("api");
  const token = settings.get("token");
  if (api === null || token === null) {
    throw new Error("the page needs #api=<content-service URL>&token=<editor token>");
  }
  const { content } = kogu({ content: api, audience: api, metrics: api }, token);

  const created = await content.POST("/v1/drafts", {
    body: { title: "Written in a browser", body: "Cross-origin, through CORS.", tags: ["browser"] },
  });
  outcome.createdStatus = created.response.status;
  outcome.createdEtag = created.response.headers.get("ETag");
  if (created.data === undefined) {
    throw new Error(`create: ${created.response.status} ${JSON.stringify(created.error)}`);
  }
  const draftId = created.data.id;
  outcome.draftId = draftId;

  const read = await content.GET("/v1/drafts/{draftId}", { params: { path: { draftId } } });
  outcome.readEtag = read.response.headers.get("ETag");
  outcome.requestId = read.response.headers.get("X-Request-Id");
  if (read.data === undefined) {
    throw new Error(`read: ${read.response.status} ${JSON.stringify(read.error)}`);
  }

  const updated = await content.PUT("/v1/drafts/{draftId}", {
    params: { path: { draftId }, header: { "If-Match": etag(read) } },
    body: { title: "Edited in a browser", body: read.data.body, tags: read.data.tags },
  });
  outcome.updatedStatus = updated.response.status;
  outcome.updatedEtag = updated.response.headers.get("ETag");
  outcome.title = updated.data?.title;

  // The ETag read before the change is stale now: a colleague's browser holding it gets a 412.
  const stale = await content.PUT("/v1/drafts/{draftId}", {
    params: { path: { draftId }, header: { "If-Match": etag(read) } },
    body: { title: "Overwritten?", body: read.data.body },
  });
  outcome.staleStatus = stale.response.status;
}

const outcome: Outcome = { origin: location.origin };
const element = document.getElementById("result");
run(outcome)
  .catch((error: unknown) => {
    outcome.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  })
  .finally(() => {
    if (element !== null) {
      element.textContent = JSON.stringify(outcome, null, 2);
      element.dataset["done"] = "true";
    }
  });
