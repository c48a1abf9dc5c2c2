import { describe, expect, it } from "vitest";
import { csrfProblem } from "./csrf";

const APP = "https://stagewatch.example";
const h = (o: Record<string, string>) => new Headers(o);

describe("csrfProblem", () => {
  it.each([
    ["GET", {}, null],
    ["HEAD", { origin: "https://evil.example" }, null],
    ["POST", { origin: APP }, null],
    ["POST", { origin: APP, "content-type": "application/json", "content-length": "2" }, null],
    ["POST", { origin: APP, "content-type": "application/json; charset=utf-8", "content-length": "2" }, null],
    ["DELETE", { "sec-fetch-site": "same-origin" }, null],
    ["POST", { origin: "https://evil.example" }, 403],
    ["POST", { origin: "https://evil.example", "sec-fetch-site": "same-origin" }, 403],
    ["POST", { origin: "null" }, 403],
    ["POST", { origin: `${APP}.evil.example` }, 403],
    ["POST", {}, 403],
    ["PATCH", { "sec-fetch-site": "same-site" }, 403],
    ["PATCH", { "sec-fetch-site": "cross-site" }, 403],
    ["POST", { origin: APP, "content-type": "text/plain", "content-length": "5" }, 415],
    ["POST", { origin: APP, "content-length": "5" }, 415],
    ["POST", { origin: APP, "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" }, 415],
    ["POST", { origin: APP, "content-type": "multipart/form-data; boundary=x", "content-length": "9" }, 415],
    ["POST", { origin: APP, "content-type": "text/plain", "content-length": "0" }, null],
    // HTTP/2 may carry a body with neither Content-Length nor Transfer-Encoding: the type decides.
    ["POST", { origin: APP, "content-type": "text/plain" }, 415],
    ["POST", { origin: APP, "content-type": "application/json" }, null],
  ] as const)("%s %j → %s", (method, headers, status) => {
    expect(csrfProblem(method, h(headers), APP)?.status ?? null).toBe(status);
  });
});
