// The upload's size limits over HTTP against the built app (the proxy included): what the
// README promises (up to 4 files of 10 MB each) gets through, and a file or a body too large
// gets a 413 with a Chinese message naming the limit. Before, two 6 MB files together got a
// 400 "无法读取上传内容" (the proxy passed on only the first 10 MB of the body) and an 11 MB
// file got the same 400. It stages on its own month, 2019-11, and publishes nothing.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { annexWorkbookFiles } from "@/lib/annex-upload/parse";
import { readZipEntries, storedZip } from "@/lib/annex-upload/parse/zip";
import { referenceMonthFromJson } from "../lib/indicators";
import { storageStateOf } from "./accounts";
import { fromSite } from "./same-origin";

const MONTH = "2019-11";
const MB = 1024 * 1024;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const reference = referenceMonthFromJson(
  JSON.parse(readFileSync(new URL("../prisma/reference/2021-06.json", import.meta.url), "utf8")),
);

/** A real workbook grown to `size` bytes by an incompressible picture-like part (xl/media/): it still reads as the month. */
async function padded(bytes: Uint8Array, size: number): Promise<Buffer> {
  const read = await readZipEntries(bytes, { maxBytes: 100 * MB });
  if (read.kind !== "ok") throw new Error(read.kind);
  const name = "xl/media/padding.bin";
  const overhead = storedZip(read.entries).length + 2 * name.length + 76;
  const padding = { name, nameBytes: Buffer.from(name), utf8: false, data: randomBytes(size - overhead) };
  const out = storedZip([...read.entries, padding]);
  expect(out.length).toBe(size);
  return out;
}

function form(files: Array<{ name: string; buffer: Buffer }>): FormData {
  const data = new FormData();
  for (const f of files) data.append("file", new File([new Uint8Array(f.buffer)], f.name, { type: XLSX }));
  data.append("month", MONTH);
  return data;
}

test.describe("upload size limits, as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("two files of 6 MB each (附件1 and 附件2) are one upload: staged", async ({ request }) => {
    const files = await annexWorkbookFiles(
      {
        month: MONTH,
        tables: [
          { kind: "DEPARTMENT", rows: reference.departments },
          { kind: "DISTRICT", rows: reference.districts },
        ],
      },
      "separate",
    );
    const body = await Promise.all(
      files.map(async (f) => ({ name: f.fileName, buffer: await padded(f.bytes, 6 * MB) })),
    );
    const response = await request.post("/api/uploads", { multipart: form(body), headers: fromSite() });
    const answer = await response.json();
    expect(response.status(), JSON.stringify(answer).slice(0, 300)).toBe(201);
    expect(answer).toMatchObject({ kind: "staged", month: MONTH });
  });

  test("an 11 MB file: 413, naming the file and the 10 MB limit", async ({ request }) => {
    const [file] = await annexWorkbookFiles(
      { month: MONTH, tables: [{ kind: "DISTRICT", rows: reference.districts }] },
      "combined",
    );
    const response = await request.post("/api/uploads", {
      multipart: form([{ name: "十一兆.xlsx", buffer: await padded(file!.bytes, 11 * MB) }]),
      headers: fromSite(),
    });
    expect(response.status()).toBe(413);
    expect((await response.json()).message).toBe("文件“十一兆.xlsx”为 11 MB，超过单个文件的上限 10 MB，未上传。");
  });

  test("a body over 4 × 10 MB: 413 before it is read, naming the limit", async ({ request }) => {
    const response = await request.post("/api/uploads", {
      multipart: form([{ name: "巨大.xlsx", buffer: randomBytes(41 * MB) }]),
      headers: fromSite(),
    });
    expect(response.status()).toBe(413);
    expect((await response.json()).message).toMatch(
      /^上传内容为 41\.0 MB，超过上限 40\.1 MB（每次最多 4 个文件，每个不超过 10 MB），未上传。$/,
    );
  });
});
