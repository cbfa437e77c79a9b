// Kogu's TypeScript client: one openapi-fetch client per service, typed by the paths openapi-typescript generates
// from contract/openapi (`npm run generate` writes src/generated/, which is not committed: the contract is the
// source). Works in Node.js 20+ and in browsers (fetch).
import createClient, { type Client } from "openapi-fetch";
import type { paths as ContentPaths } from "./generated/content-service.js";
import type { paths as AudiencePaths } from "./generated/audience-service.js";
import type { paths as MetricsPaths } from "./generated/metrics-service.js";

export type { ContentPaths, AudiencePaths, MetricsPaths };
export type { components as ContentComponents } from "./generated/content-service.js";
export type { components as AudienceComponents } from "./generated/audience-service.js";
export type { components as MetricsComponents } from "./generated/metrics-service.js";

/** Where each service answers, e.g. `http://localhost:8081` (what `./kogu up` prints). */
export interface KoguUrls {
  content: string;
  audience: string;
  metrics: string;
}

/** The three services, called with one person's token. */
export interface Kogu {
  content: Client<ContentPaths>;
  audience: Client<AudiencePaths>;
  metrics: Client<MetricsPaths>;
}

export function kogu(urls: KoguUrls, token: string): Kogu {
  const headers = { Authorization: `Bearer ${token}` };
  return {
    content: createClient<ContentPaths>({ baseUrl: urls.content, headers }),
    audience: createClient<AudiencePaths>({ baseUrl: urls.audience, headers }),
    metrics: createClient<MetricsPaths>({ baseUrl: urls.metrics, headers }),
  };
}

/** What every openapi-fetch call answers: the body on success, the problem details otherwise. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The body of a successful answer with the expected status, or an Error carrying the status and problem details
 * (RFC 9457: `title`, `detail`, `errors`) of the one that came instead.
 */
export function expect<T>(answer: Answer<T>, status: number, what: string): T {
  if (answer.response.status !== status || answer.data === undefined) {
    throw new Error(`${what}: expected ${status}, got ${answer.response.status} ${JSON.stringify(answer.error ?? null)}`);
  }
  return answer.data;
}

/**
 * The `ETag` of an answer, to send back in `If-Match` with the next change (without it 428, stale 412). In a
 * browser it is readable only because the services expose it through CORS.
 */
export function etag(answer: { response: Response }): string {
  const value = answer.response.headers.get("ETag");
  if (value === null) {
    throw new Error(`no ETag on ${answer.response.url} (${answer.response.status})`);
  }
  return value;
}
