// The checked-in OpenAPI document (docs/api/openapi.json, served at /api/v1/openapi.json) and
// the route agree: the paths and methods exist, the gate lets them through, the media types,
// encodings, body limit, scope and status codes are the ones the code uses.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authorizePath } from "@/lib/access/permissions";
import { dailyFeedZh } from "@/lib/i18n/messages/daily-feed";
import { bodyFormat, MAX_BODY_BYTES } from "./request-body";
import { TOKEN_SCOPES } from "./tokens";

const root = path.resolve(import.meta.dirname, "../../..");
const document = JSON.parse(readFileSync(path.join(root, "docs/api/openapi.json"), "utf8"));
const routeFile = (p: string) => path.join(root, "app", p, "route.ts");

describe("docs/api/openapi.json and POST /api/v1/cases", () => {
  it("is OpenAPI 3.1, and each of its paths is a route file exporting its methods, open at the gate", () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    for (const [p, operations] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      const file = routeFile(p.slice(1));
      expect(existsSync(file), file).toBe(true);
      const source = readFileSync(file, "utf8");
      for (const method of Object.keys(operations))
        expect(source).toMatch(new RegExp(`export (const|function|async function) ${method.toUpperCase()}\\b`));
      // Signed out, the gate lets it through: the route decides (the token).
      expect(authorizePath(null, p)).toBe("allow");
    }
    // …and the document is served at the stable URL.
    expect(readFileSync(routeFile("api/v1/openapi.json"), "utf8")).toContain('from "@/docs/api/openapi.json"');
  });

  it("the body's media types, limit and encodings are the ones the route reads", () => {
    const body = document.paths["/api/v1/cases"].post.requestBody;
    const types = Object.keys(body.content);
    expect(types.map((t) => bodyFormat(t)).sort()).toEqual(["csv", "ndjson"]);
    expect(() => bodyFormat("application/json")).toThrow();
    expect(body["x-max-body-bytes"]).toBe(MAX_BODY_BYTES);
    const encoding = document.paths["/api/v1/cases"].post.parameters.find(
      (p: { name: string }) => p.name === "Content-Encoding",
    );
    expect(encoding.schema.enum).toContain("gzip");
  });

  it("the security scheme is a bearer token with the scope the route asks", () => {
    expect(document.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.paths["/api/v1/cases"].post.security).toEqual([{ bearerToken: [...TOKEN_SCOPES] }]);
  });

  it("every status the route answers is documented, and only those", () => {
    const statuses = Object.keys(document.paths["/api/v1/cases"].post.responses).sort();
    expect(statuses).toEqual(["200", "400", "401", "403", "413", "415", "422"]);
    // Each refusal the route names has its text.
    for (const key of ["noToken", "badToken", "wrongScope", "tooLarge", "badType", "badEncoding", "badGzip"])
      expect(dailyFeedZh.api).toHaveProperty(key);
  });
});
