// Issue 19, item 2: the CSV reader is linear in its input and refuses, at a length limit and
// naming the row, what used to take minutes (a stray quote on row 2 of 5 MB: 13 min 25 s of
// CPU) or hundreds of MB (a .csv.gz of one 600 MB line).
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CsvLimitError } from "@/lib/spreadsheet/csv";
import { csvRecordBatches, csvRecords, readRowBatches } from "./row-source";

const dir = mkdtempSync(path.join(tmpdir(), "row-source-limits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = "办件编号,事项编码,事项名称,实施主体,受理时间\n";
const LINE = "G0000001,A1,户籍迁移,市公安局,2021-06-11 10:00:00\n";

/** Text chunks generated on the fly, counting the characters the parser pulled. */
function source(parts: () => Iterable<string>): { chunks: AsyncIterable<string>; pulled: () => number } {
  let pulled = 0;
  async function* chunks() {
    for (const part of parts()) {
      pulled += part.length;
      yield part;
    }
  }
  return { chunks: chunks(), pulled: () => pulled };
}

async function refusal(chunks: AsyncIterable<string>): Promise<CsvLimitError> {
  try {
    for await (const _ of csvRecordBatches(chunks)) {
      // read on
    }
  } catch (error) {
    if (error instanceof CsvLimitError) return error;
    throw error;
  }
  throw new Error("the file was accepted");
}

describe("csvRecordBatches: limits, linear time", () => {
  it("an unclosed quote on row 2 of ~5 MB is refused at the 1 MiB record limit, in well under a second", async () => {
    // 64 kB chunks, as a stream gives them: header, row 2 opens a quote, ~5 MB of rows follow.
    const src = source(function* () {
      yield `${HEADER}"G0000000,A1,户籍迁移,市公安局,2021-06-11 10:00:00\n`;
      const block = LINE.repeat(Math.floor(65536 / LINE.length));
      for (let n = 0; n < (5 * 1024 * 1024) / block.length; n++) yield block;
    });
    const started = performance.now();
    const error = await refusal(src.chunks);
    const ms = performance.now() - started;
    expect(error).toMatchObject({ kind: "unclosedQuote", row: 2, atEnd: false, limit: 1024 * 1024 });
    expect(error.message).toBe("第 2 行的引号没有闭合（超过 1,048,576 个字符仍未结束）");
    // Work done: stopped within one chunk past the limit, not at the end of the 5 MB.
    expect(src.pulled()).toBeLessThan(1024 * 1024 + 2 * 65536);
    expect(ms).toBeLessThan(2000);
  });

  it("an unclosed quote running to the end of a smaller file says so", async () => {
    const src = source(function* () {
      yield HEADER;
      yield LINE;
      yield `G2,A1,"户籍迁移,市公安局,2021-06-11 10:00:00\n`;
      for (let n = 0; n < 1000; n++) yield LINE;
    });
    const error = await refusal(src.chunks);
    expect(error).toMatchObject({ kind: "unclosedQuote", row: 3, atEnd: true });
    expect(error.message).toBe("第 3 行的引号没有闭合（到文件末尾仍未结束）");
  });

  it("a 50 MB single line, streamed, is refused at the record limit having read ~1 MiB of it", async () => {
    const src = source(function* () {
      yield HEADER;
      const mb = "0".repeat(1024 * 1024);
      for (let n = 0; n < 50; n++) yield mb;
    });
    const started = performance.now();
    const error = await refusal(src.chunks);
    expect(error).toMatchObject({ kind: "recordTooLong", row: 2 });
    expect(error.message).toBe("第 2 行超过 1,048,576 个字符");
    expect(src.pulled()).toBeLessThan(3 * 1024 * 1024);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("a field over 32 KiB names its row and column; 32 KiB itself is read", async () => {
    const ok = "事".repeat(32 * 1024);
    const rows: string[][] = [];
    for await (const r of csvRecords(source(() => [HEADER, `G1,A1,${ok},市公安局,x\n`].values()).chunks)) rows.push(r);
    expect(rows[1]![2]!.length).toBe(32 * 1024);
    const error = await refusal(source(() => [HEADER, LINE, `G2,A1,"${ok}事",市公安局,x\n`].values()).chunks);
    expect(error).toMatchObject({ kind: "fieldTooLong", row: 3, column: 2 });
  });

  it("still reads quoted fields over chunk and line boundaries, CRLF kept inside quotes", async () => {
    const rows: string[][] = [];
    const parts = ['a,b\r\n"x', '1\r\nx2""q",', '"y"\r', '\n"z\n', 'z",w\r\n', "last,1"];
    for await (const r of csvRecords(source(() => parts.values()).chunks)) rows.push(r);
    expect(rows).toEqual([
      ["a", "b"],
      ['x1\r\nx2"q', "y"],
      ["z\nz", "w"],
      ["last", "1"],
    ]);
  });
});

describe("readRowBatches: a gzip bomb of one line", () => {
  it("a .csv.gz inflating to 200 MB of one line is refused with bounded memory and time", async () => {
    const gz = path.join(dir, "bomb.csv.gz");
    const mb = Buffer.alloc(1024 * 1024, 0x30); // "0"
    await pipeline(
      Readable.from(
        (function* () {
          yield Buffer.from(HEADER);
          for (let n = 0; n < 200; n++) yield mb;
        })(),
      ),
      createGzip({ level: 1 }),
      createWriteStream(gz),
    );
    expect(statSync(gz).size).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage();
    const started = performance.now();
    let peak = 0;
    let refused: unknown;
    try {
      for await (const _ of readRowBatches(gz, "bomb.csv.gz")) peak = Math.max(peak, process.memoryUsage().rss);
    } catch (error) {
      refused = error;
    }
    const after = process.memoryUsage();
    expect(refused).toBeInstanceOf(CsvLimitError);
    expect(refused).toMatchObject({ kind: "recordTooLong", row: 2 });
    expect(performance.now() - started).toBeLessThan(5000);
    // Bounded: a few MB of text held, never the 200 MB line (generous bound for GC slack).
    expect(Math.max(peak, after.rss) - before.rss).toBeLessThan(100 * 1024 * 1024);
  });

  it("a plain CSV with a stray quote on row 2 is refused through the file reader", async () => {
    const file = path.join(dir, "stray.csv");
    writeFileSync(file, `${HEADER}"G1,A1,户籍迁移,市公安局,x\n${LINE.repeat(120_000)}`); // ~5.5 MB
    const started = performance.now();
    await expect(
      (async () => {
        for await (const _ of readRowBatches(file, "stray.csv")) {
          // read on
        }
      })(),
    ).rejects.toMatchObject({ kind: "unclosedQuote", row: 2 });
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
