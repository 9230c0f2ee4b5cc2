// Every route handler under app/api (but auth) and the dynamic pages with ids and codes, called
// directly as an admin on a real, seeded database: a route parameter outside its known set
// (prototype keys such as `constructor`, `toString`, `__proto__`; malformed months, codes and
// ids; ids beyond PostgreSQL's integer; an absent file number) is a 404 with a Chinese message,
// never a 500 and never an empty 200. Only the session and Next's cache are stood in for.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { signInAs } from "@/test/helpers/session-stand-in";

let db: TestDatabase;
let uploadId: number;
vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);
signInAs("SYSTEM_ADMIN"); // every request is the admin's

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 1 });
  const { buildTemplateWorkbook, workbookBytes } = await import("@/lib/annex-upload/parse");
  const { referenceMonth } = await import("@/lib/annex-upload/parse/test-support");
  const { stageUpload } = await import("@/lib/annex-upload/stage-upload");
  const bytes = await workbookBytes(buildTemplateWorkbook({ month: "2019-12", units: referenceMonth.rows }));
  const staged = await stageUpload(db.prisma, { fileName: "2019-12.xlsx", bytes, uploadedById: 1 });
  if (staged.kind !== "staged") throw new Error("not staged");
  uploadId = staged.uploadId;
});
afterAll(() => db?.drop());

const PROTOTYPE_KEYS = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];

/** Calls a handler as Next does: the request, and the route's decoded segments as `params`. */
function get<P>(
  handler: (request: Request, context: { params: Promise<P> }) => Promise<Response>,
  path: string,
  params: P,
): Promise<Response> {
  return handler(new Request(`http://127.0.0.1${path}`), { params: Promise.resolve(params) });
}

/**
 * A 404 that says, in Chinese, what was not found: JSON naming the parameter when it is
 * malformed or unknown; for a well-formed month with no published data, the download's page
 * listing the months that exist (lib/export/missing-download.ts).
 */
async function expectNotFound(response: Response, message: RegExp) {
  expect(response.status).toBe(404);
  if (response.headers.get("content-type")?.startsWith("text/html")) {
    expect(message.source).toMatch(/月份/);
    expect(await response.text()).toMatch(/没有已发布的数据/);
    return;
  }
  const body = (await response.json()) as { error: string };
  expect(body.error).toMatch(message);
}

describe("route handlers: unknown parameters are a 404, with a Chinese message", () => {
  it("/api/export/[month]/annex/[kind]: prototype keys and unknown kinds (CSV and ?format=xlsx)", async () => {
    const { GET } = await import("@/app/api/export/[month]/annex/[kind]/route");
    for (const kind of [...PROTOTYPE_KEYS, "Departments", "department", ""]) {
      for (const query of ["", "?format=xlsx"]) {
        await expectNotFound(
          await get(GET, `/api/export/2021-06/annex/${kind}${query}`, { month: "2021-06", kind }),
          /没有该附件/,
        );
      }
    }
    for (const month of ["constructor", "__proto__", "2021-6", "2021-13", "2099-01"]) {
      await expectNotFound(
        await get(GET, `/api/export/${month}/annex/departments`, { month, kind: "departments" }),
        /没有该月份/,
      );
    }
    const ok = await get(GET, "/api/export/2021-06/annex/departments", { month: "2021-06", kind: "departments" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("市公安局");
  });

  it("/api/export/[month]/unit/[code]: prototype keys, malformed and unknown codes, malformed months", async () => {
    const { GET } = await import("@/app/api/export/[month]/unit/[code]/route");
    for (const code of [...PROTOTYPE_KEYS, "D08", "d999", "d08 ", "x"]) {
      await expectNotFound(
        await get(GET, `/api/export/2021-06/unit/${code}`, { month: "2021-06", code }),
        /没有该单位/,
      );
    }
    for (const month of ["toString", "2021-00", "2099-01"]) {
      await expectNotFound(await get(GET, `/api/export/${month}/unit/d08`, { month, code: "d08" }), /没有该月份/);
    }
    expect((await get(GET, "/api/export/2021-06/unit/d08", { month: "2021-06", code: "d08" })).status).toBe(200);
  });

  it("/api/reports/[month]/{annexes.xlsx, bulletin.docx, bulletin.pdf}: months outside the known set", async () => {
    const routes = await Promise.all([
      import("@/app/api/reports/[month]/annexes.xlsx/route"),
      import("@/app/api/reports/[month]/bulletin.docx/route"),
      import("@/app/api/reports/[month]/bulletin.pdf/route"),
    ]);
    for (const { GET } of routes) {
      for (const month of [...PROTOTYPE_KEYS, "2021-13", "21-06", "2099-01"]) {
        await expectNotFound(await get(GET, `/api/reports/${month}/x`, { month }), /没有该月份/);
      }
    }
  });

  it("/api/uploads/[id]/file: ids that are no ids, ids beyond PostgreSQL's integer, unknown uploads and file numbers", async () => {
    const { GET } = await import("@/app/api/uploads/[id]/file/route");
    for (const id of [...PROTOTYPE_KEYS, "0", "-1", "1e3", "0x10", " 1", "99999999999", "2147483648", "2147483647"]) {
      await expectNotFound(await get(GET, `/api/uploads/${id}/file`, { id }), /没有该上传/);
    }
    for (const n of ["constructor", "-1", "1.0", "99", "1"]) {
      await expectNotFound(
        await get(GET, `/api/uploads/${uploadId}/file?n=${n}`, { id: String(uploadId) }),
        /没有第 .+ 个文件/,
      );
    }
    const file = await get(GET, `/api/uploads/${uploadId}/file?n=0`, { id: String(uploadId) });
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("/api/uploads/template.{csv,xlsx}?month=: a month that is no month", async () => {
    const csv = await import("@/app/api/uploads/template.csv/route");
    const xlsx = await import("@/app/api/uploads/template.xlsx/route");
    for (const month of ["constructor", "2021-13"]) {
      await expectNotFound(
        await csv.GET(new Request(`http://127.0.0.1/api/uploads/template.csv?month=${month}`)),
        /没有该月份/,
      );
      await expectNotFound(
        await xlsx.GET(new Request(`http://127.0.0.1/api/uploads/template.xlsx?month=${month}`)),
        /没有该月份/,
      );
    }
    expect((await xlsx.GET(new Request("http://127.0.0.1/api/uploads/template.xlsx?month=2021-07"))).status).toBe(200);
  });
});

/** Next's notFound() throws an error whose digest names the 404. */
async function expectPageNotFound(render: Promise<unknown>) {
  const error = await render.then(
    () => null,
    (e: unknown) => e as { digest?: string; message?: string },
  );
  expect(error?.digest ?? error?.message).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
}

describe("dynamic pages: unknown ids and codes are the 404 page, not a 500", () => {
  it("/admin/uploads/[id] and /admin/users/[id]", async () => {
    const uploads = (await import("@/app/[lang]/admin/uploads/[id]/page")).default;
    const users = (await import("@/app/[lang]/admin/users/[id]/page")).default;
    for (const id of [...PROTOTYPE_KEYS, "0", "1e3", "99999999999", "2147483647"]) {
      await expectPageNotFound(uploads({ params: Promise.resolve({ id }) }));
      await expectPageNotFound(users({ params: Promise.resolve({ id }) }));
    }
  });

  it("/[month]/units/[code]", async () => {
    const unit = (await import("@/app/[lang]/[month]/units/[code]/page")).default;
    for (const code of [...PROTOTYPE_KEYS, "D08", "d999"]) {
      await expectPageNotFound(unit({ params: Promise.resolve({ month: "2021-06", code }) }));
    }
  });

  it("/[month]/units/[code]/items and an item's pages: a month that is no month (was a 500 on the items page)", async () => {
    const items = (await import("@/app/[lang]/[month]/units/[code]/items/page")).default;
    // The item pages render this view (an async component: called here as React would).
    const { ItemCasesView } = await import("@/components/case-records/item-cases-view");
    for (const month of ["2020-13", "2020-00", "0000-00", "2021-6", ...PROTOTYPE_KEYS]) {
      await expectPageNotFound(items({ params: Promise.resolve({ month, code: "d08" }) }));
      for (const page of [1, 2]) await expectPageNotFound(ItemCasesView({ month, code: "d08", item: "P01", page }));
    }
    for (const code of [...PROTOTYPE_KEYS, "D08", "d999"])
      await expectPageNotFound(items({ params: Promise.resolve({ month: "2021-06", code }) }));
  });
});

describe("decimalParam: one spelling per number", () => {
  it("takes canonical decimal integers in range and nothing Number() would also take", async () => {
    const { decimalParam } = await import("./route-params");
    expect(["0", "7", "123", String(Number.MAX_SAFE_INTEGER)].map((v) => decimalParam(v))).toEqual([
      0,
      7,
      123,
      Number.MAX_SAFE_INTEGER,
    ]);
    for (const v of [
      null,
      "",
      " 1",
      "1 ",
      "+1",
      "-0",
      "01",
      "1e0",
      "0x0",
      "0b1",
      "0o1",
      "1.0",
      "1_0",
      "Infinity",
      "１",
    ])
      expect([v, decimalParam(v)]).toEqual([v, null]);
    expect(decimalParam("3", 2)).toBeNull();
    expect(decimalParam("2", 2)).toBe(2);
    expect(decimalParam("99999999999999999")).toBeNull();
  });
});
