import { expect } from "vitest";
import { responseSchemaOf } from "./lookup";
import { MEDIA, type HttpMethod, type MediaType } from "./types";

/**
 * Asserts that `body` is what the document says `method path` answers with `status`: the
 * zod issues are the failure message, so a drifting schema names the field that drifted.
 */
export function expectDocumented(
  method: HttpMethod,
  path: string,
  body: unknown,
  status = 200,
  media: MediaType = MEDIA.json,
): void {
  const parsed = responseSchemaOf(method, path, status, media).safeParse(JSON.parse(JSON.stringify(body)));
  expect(
    parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    `${method} ${path} ${status}`,
  ).toEqual([]);
}
