// Two checks in headless Chromium, `node dist/browser.js page` or `node dist/browser.js swagger-ui` (playwright-core driving the machine's Chromium, Debian's `chromium` package;
// playwright's own browser downloads are never used):
//
// 1. A page served from another origin (web/index.html with dist/web/page.js, served by whoever runs this at
//    KOGU_PAGE_ORIGIN, e.g. http://localhost:5173) creates, reads and updates a draft in content-service through
//    CORS, with the ETag it read from an answer. The same page from KOGU_REFUSED_ORIGIN (an origin the services
//    do not allow), when given, must get no answer at all.
// 2. content-service's Swagger UI, on whatever port the service runs (KOGU_CONTENT_URL): authorize with a token,
//    "Try it out" on GET /v1/approval-policy, Execute: a 200 from the same host and port (the contract's relative
//    `servers`).
//
//   page:       KOGU_PAGE_ORIGIN, KOGU_REFUSED_ORIGIN (optional), KOGU_CONTENT_URL, KOGU_EDITOR_TOKEN
//   swagger-ui: KOGU_CONTENT_URL, KOGU_VIEWER_TOKEN
//   both:       KOGU_CHROMIUM (/usr/bin/chromium)
//
// The last line printed is `KOGU_BROWSER {json}` with what the browser saw, for the test that runs it to check.
import { chromium, type Browser, type Page } from "playwright-core";

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set`);
  }
  return value;
}

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-gpu",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

/** Messages the page logged as errors (a CORS refusal shows up here), to explain a failure. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") {
      errors.push(message.text());
    }
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

async function pageOnAnotherOrigin(browser: Browser, origin: string): Promise<unknown> {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  const fragment = new URLSearchParams({ api: env("KOGU_CONTENT_URL"), token: env("KOGU_EDITOR_TOKEN") });
  await page.goto(`${origin}/web/index.html#${fragment}`);
  await page.waitForSelector("#result[data-done]", { timeout: 30_000 });
  const outcome = JSON.parse((await page.textContent("#result")) ?? "{}") as Record<string, unknown>;
  await page.close();
  return { ...outcome, consoleErrors: errors };
}

async function swaggerUiTryItOut(browser: Browser): Promise<unknown> {
  const service = env("KOGU_CONTENT_URL");
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(`${service}/q/swagger-ui/`);

  // Authorize: the document's bearerAuth scheme, with the token pasted as a person would.
  await page.locator(".auth-wrapper button.authorize").click();
  const dialog = page.locator(".dialog-ux .modal-ux");
  await dialog.locator("input").first().fill(env("KOGU_VIEWER_TOKEN"));
  await dialog.locator("button.authorize").click();
  await dialog.locator("button.btn-done").click();

  const operation = page.locator("#operations-Approval-getApprovalPolicy");
  await operation.locator(".opblock-summary-control").click();
  await operation.locator("button.try-out__btn").click();
  const answered = page.waitForResponse((response) => response.url().includes("/v1/approval-policy"));
  await operation.locator("button.execute").click();
  const response = await answered;
  const shown = operation.locator(".live-responses-table tr.response .response-col_status").first();
  await shown.waitFor({ timeout: 15_000 });

  const outcome = {
    pageUrl: page.url(),
    requestUrl: response.url(),
    authorization: (await response.request().allHeaders())["authorization"] !== undefined,
    status: response.status(),
    shownStatus: (await shown.textContent())?.trim(),
    consoleErrors: errors,
  };
  await page.close();
  return outcome;
}

async function main(): Promise<void> {
  const check = process.argv[2];
  if (check !== "page" && check !== "swagger-ui") {
    throw new Error("usage: node dist/browser.js page|swagger-ui");
  }
  const browser = await chromium.launch({
    executablePath: env("KOGU_CHROMIUM", "/usr/bin/chromium"),
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  try {
    const report: Record<string, unknown> = { browserVersion: browser.version() };
    if (check === "page") {
      report["page"] = await pageOnAnotherOrigin(browser, env("KOGU_PAGE_ORIGIN"));
      const refused = process.env["KOGU_REFUSED_ORIGIN"];
      if (refused !== undefined && refused !== "") {
        report["refused"] = await pageOnAnotherOrigin(browser, refused);
      }
    } else {
      report["swaggerUi"] = await swaggerUiTryItOut(browser);
    }
    console.log("KOGU_BROWSER " + JSON.stringify(report));
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
