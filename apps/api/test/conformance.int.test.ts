import fc from "fast-check";
import { fuzzRequests } from "./fuzz/request-arbitraries";
import {
  OpenApiConformance,
  type OpenApiDocument,
} from "./fuzz/openapi-conformance";
import { RouteCatalog } from "./fuzz/route-catalog";
import { startTestApp, type TestContext } from "./test-app";

/**
 * Schema-driven fuzzing from the served /openapi.json: random and nearly valid requests to every
 * documented operation (and around them), each answer checked against the document: documented
 * status, media type, body schema, headers; 405s with the documented methods in `Allow`. Bounded
 * in time, not in count: FUZZ_CONFORMANCE_MS (default 5 s).
 */
const BUDGET_MS = Number(process.env.FUZZ_CONFORMANCE_MS ?? 5000);
const MIN_RUNS = 100;

let ctx: TestContext;
let document: OpenApiDocument;
let knownIds: string[];
beforeAll(async () => {
  ctx = await startTestApp({
    RATE_LIMIT_PER_MINUTE: "1000000",
    AUTH_LOOKUPS_PER_MINUTE: "1000000",
    // A random request may open the event stream of the queued scan, which no worker finishes here.
    SSE_MAX_STREAM_SECONDS: "1",
  });
  document = (await ctx.app.inject("/openapi.json")).json();
  // A cancelled scan and a queued one of tenant A, so handlers answer 200 and 409 too.
  const post = () =>
    ctx.app.inject({
      method: "POST",
      url: "/v1/scans",
      headers: { authorization: ctx.tenantA },
      payload: { content: "conformance jane@example.com" },
    });
  const cancelled = (await post()).json().id;
  await ctx.app.inject({
    method: "POST",
    url: `/v1/scans/${cancelled}/cancel`,
    headers: { authorization: ctx.tenantA },
  });
  knownIds = [cancelled, (await post()).json().id];
}, 60_000);
afterAll(async () => ctx?.close());

describe("conformance to the served OpenAPI document", () => {
  it(`answers random requests for ${BUDGET_MS} ms exactly as documented`, async () => {
    const conformance = new OpenApiConformance(document);
    const arbitrary = fuzzRequests({
      templates: RouteCatalog.fromOpenApi(document).templates,
      knownIds,
      authorizations: [ctx.tenantA, ctx.tenantB],
      maxDocumentBytes: ctx.config.limits.maxDocumentBytes,
    });
    const statuses = new Map<number, number>();
    let runs = 0;
    const property = fc.asyncProperty(arbitrary, async (request) => {
      const response = await ctx.app.inject({
        ...request,
        method: request.method as "GET",
      });
      runs++;
      statuses.set(
        response.statusCode,
        (statuses.get(response.statusCode) ?? 0) + 1
      );
      // The URL the server received: inject resolves dot segments as an HTTP client does (`/v1/scans/../scans` is `/v1/scans`).
      const served = response.raw.req.url ?? request.url;
      const failures = conformance.check({
        method: request.method,
        url: served,
        status: response.statusCode,
        headers: response.headers,
        body: response.body,
      });
      if (failures.length > 0)
        throw new Error(
          `${request.method} ${request.url.slice(0, 200)} -> ${
            response.statusCode
          }: ${failures.join("; ")}`
        );
    });
    // A floor of cases however busy the machine is, then as many more as the time budget allows.
    await fc.assert(property, { numRuns: MIN_RUNS });
    await fc.assert(property, {
      numRuns: Number.MAX_SAFE_INTEGER,
      interruptAfterTimeLimit: BUDGET_MS,
      markInterruptAsFailure: false,
    });
    console.log(
      `conformance: ${runs} requests in ${BUDGET_MS} ms; statuses: ${JSON.stringify(
        Object.fromEntries([...statuses].sort(([a], [b]) => a - b))
      )}`
    );
    // The budget bought real coverage: successes and errors of several kinds were checked.
    expect(runs).toBeGreaterThanOrEqual(MIN_RUNS);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(
      [...statuses.keys()].filter((s) => s >= 400).length
    ).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it("finds a mismatch: an answer that breaks the document is reported", () => {
    const conformance = new OpenApiConformance(document);
    const scan = {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "x-ratelimit-limit": "1",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "1",
      },
    };
    // An undocumented status, a wrong media type for an error, a body off its schema, a missing header, a wrong Allow.
    expect(
      conformance.check({
        method: "GET",
        url: "/v1/scans",
        status: 418,
        ...scan,
        body: "{}",
      })
    ).toEqual([expect.stringContaining("status 418 is not documented")]);
    expect(
      conformance.check({
        method: "GET",
        url: "/v1/scans/01J00000000000000000000000",
        status: 404,
        headers: { "content-type": "application/json" },
        body: "{}",
      })
    ).toEqual([
      expect.stringContaining('"application/json" is not documented for 404'),
    ]);
    expect(
      conformance.check({
        method: "GET",
        url: "/v1/scans",
        status: 200,
        ...scan,
        body: '{"items":[{"id":1}]}',
      }).length
    ).toBeGreaterThan(0);
    expect(
      conformance.check({
        method: "GET",
        url: "/v1/scans",
        status: 200,
        headers: { "content-type": "application/json" },
        body: '{"items":[]}',
      })
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining("x-ratelimit-limit is missing"),
      ])
    );
    const problem = JSON.stringify({
      type: "https://docscan.example.com/problems/method-not-allowed",
      title: "Method not allowed",
      status: 405,
      detail: "DELETE is not supported",
    });
    expect(
      conformance.check({
        method: "DELETE",
        url: "/v1/scans",
        status: 405,
        headers: { "content-type": "application/problem+json", allow: "GET" },
        body: problem,
      })
    ).toEqual([expect.stringContaining("is not the documented methods")]);
    expect(
      conformance.check({
        method: "GET",
        url: "/v1/scans",
        status: 200,
        ...scan,
        body: '{"items":[]}',
      })
    ).toEqual([]);
  });
});
