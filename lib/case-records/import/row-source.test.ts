import { describe, expect, it } from "vitest";
import { csvRecords } from "./row-source";

async function records(chunks: string[]): Promise<string[][]> {
  async function* source() {
    yield* chunks;
  }
  const out: string[][] = [];
  for await (const r of csvRecords(source())) out.push(r);
  return out;
}

describe("csvRecords", () => {
  it("splits plain lines, CRLF or LF, across chunk boundaries", async () => {
    expect(await records(["a,b,c\r\n1,2", ",3\n4,5,6"])).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
      ["4", "5", "6"],
    ]);
  });

  it("reads quoted fields: delimiters, doubled quotes and line breaks inside quotes", async () => {
    expect(await records(['a,"b,1","say ""hi"""\n"multi\nline",x,""\n'])).toEqual([
      ["a", "b,1", 'say "hi"'],
      ["multi\nline", "x", ""],
    ]);
    // a quoted field cut by a chunk boundary, then CRLF
    expect(await records(['x,"open', ' field"\r\n', "y,z\r\n"])).toEqual([
      ["x", "open field"],
      ["y", "z"],
    ]);
  });

  it("detects tab and semicolon delimiters", async () => {
    expect(await records(["a\tb\tc\n1\t2\t3\n"])).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(await records(["a;b\n1;2"])).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});
