import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";
import { CsvLimitError, decodeText, detectDelimiter, looksLikeText, readCsv, tokenizeCsv } from "./csv";

describe("tokenizeCsv (RFC 4180)", () => {
  test.each([
    ["a,b,c", [["a", "b", "c"]]],
    [
      "a,b\r\nc,d\r\n",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "a,b\nc,d\n",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "a,b\rc,d",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    ["a,,c,", [["a", "", "c", ""]]],
    ['"a,b",c', [["a,b", "c"]]],
    ['"say ""hi""",x', [['say "hi"', "x"]]],
    ['"line 1\r\nline 2",x\r\ny', [["line 1\r\nline 2", "x"], ["y"]]],
    ['"",x', [["", "x"]]],
    ['a"b,c', [['a"b', "c"]]],
    ['"abc"def,g', [["abcdef", "g"]]],
    ["\r\n\r\n", [[""], [""]]],
    ["", []],
    [
      "办件情况（件）,申请\r\n渠 县,123",
      [
        ["办件情况（件）", "申请"],
        ["渠 县", "123"],
      ],
    ],
  ])("%j", (text, records) => {
    expect(tokenizeCsv(text)).toEqual(records);
  });

  test("other delimiters", () => {
    expect(tokenizeCsv('a\tb\t"c\td"', "\t")).toEqual([["a", "b", "c\td"]]);
    expect(tokenizeCsv("a;b", ";")).toEqual([["a", "b"]]);
  });

  test("linear: a large file tokenises quickly", () => {
    const line = Array.from({ length: 22 }, (_, i) => (i % 3 === 0 ? `"${i},x"` : String(i * 1000))).join(",");
    const text = Array(20_000).fill(line).join("\r\n");
    const started = performance.now();
    expect(tokenizeCsv(text)).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("detectDelimiter", () => {
  test("comma, tab, semicolon, Excel's sep= line", () => {
    expect(detectDelimiter("a,b,c\n1,2,3")).toEqual({ delimiter: ",", skipFirstLine: false });
    expect(detectDelimiter("a\tb\tc\n1\t2\t3")).toEqual({ delimiter: "\t", skipFirstLine: false });
    expect(detectDelimiter("a;b;c\n1;2;3")).toEqual({ delimiter: ";", skipFirstLine: false });
    expect(detectDelimiter("sep=;\r\na;b")).toEqual({ delimiter: ";", skipFirstLine: true });
    expect(detectDelimiter("only one field")).toEqual({ delimiter: ",", skipFirstLine: false });
  });

  test("readCsv skips the sep= line", () => {
    expect(readCsv(new TextEncoder().encode("sep=;\r\na;b\r\n")).records).toEqual([["a", "b"]]);
  });
});

describe("decodeText", () => {
  const text = "达州市一体化政务服务平台县（市、区）运行情况表（2021年 6月）,渠县";
  test("UTF-8 with and without BOM", () => {
    const bytes = new TextEncoder().encode(text);
    expect(decodeText(bytes)).toEqual({ text, encoding: "utf-8" });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({ text, encoding: "utf-8-bom" });
  });
  test("GBK and GB18030 (four-byte characters too)", () => {
    expect(decodeText(new Uint8Array(iconv.encode(text, "gbk")))).toEqual({ text, encoding: "gb18030" });
    const rare = `${text}𠮷`;
    expect(decodeText(new Uint8Array(iconv.encode(rare, "gb18030")))).toEqual({ text: rare, encoding: "gb18030" });
  });
  test("UTF-16 with BOM (Excel's Unicode text)", () => {
    const le = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]));
    expect(decodeText(le)).toEqual({ text, encoding: "utf-16le" });
    const be = new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf-16be")]));
    expect(decodeText(be)).toEqual({ text, encoding: "utf-16be" });
  });
  test("short GBK snippets are not mistaken for UTF-8", () => {
    for (const s of ["申请", "受理", "渠县", "市公安局", "办结", "序号"]) {
      expect(decodeText(new Uint8Array(iconv.encode(s, "gbk"))).text).toBe(s);
    }
  });
});

describe("looksLikeText", () => {
  test("text yes, binary no", () => {
    expect(looksLikeText(new TextEncoder().encode("a,b\r\n1,2\t3\f"))).toBe(true);
    expect(looksLikeText(new Uint8Array(iconv.encode("中文,数字", "gbk")))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x61, 0x00, 0x62]))).toBe(false);
    expect(looksLikeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toBe(true);
    expect(looksLikeText(new Uint8Array(Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 1 : 0x61))))).toBe(false);
  });
});

// Issue 19, item 2: a stray quote or one endless line is refused at a limit, naming the row.
describe("CSV limits", () => {
  const thrown = (f: () => unknown): CsvLimitError => {
    try {
      f();
    } catch (error) {
      if (error instanceof CsvLimitError) return error;
      throw error;
    }
    throw new Error("no CsvLimitError");
  };

  test("a quote open to the end of the text names its row", () => {
    const error = thrown(() => readCsv(new TextEncoder().encode('单位,申请\n"unterminated,x\n渠县,1\n')));
    expect(error).toMatchObject({ kind: "unclosedQuote", row: 2, atEnd: true });
    expect(error.message).toBe("第 2 行的引号没有闭合（到文件末尾仍未结束）");
  });

  test("an unclosed quote on row 2 of ~5 MB: refused at the record limit, in linear time", () => {
    const body = "渠县,123,456\n".repeat(400_000); // ~5.2 MB of UTF-8
    const bytes = new TextEncoder().encode(`单位,申请,办结\n"渠县,1,2\n${body}`);
    const started = performance.now();
    const error = thrown(() => readCsv(bytes));
    expect(error).toMatchObject({ kind: "unclosedQuote", row: 2, atEnd: false, limit: 1024 * 1024 });
    expect(error.message).toBe("第 2 行的引号没有闭合（超过 1,048,576 个字符仍未结束）");
    expect(performance.now() - started).toBeLessThan(3000);
  });

  test("one line of 50 MB, and a field over 32 KiB, are refused naming row and column", () => {
    const line = "a,".repeat(25 * 1024 * 1024);
    expect(thrown(() => tokenizeCsv(`h\n${line}`, ",", Number.POSITIVE_INFINITY))).toMatchObject({
      kind: "recordTooLong",
      row: 2,
    });
    const long = "长".repeat(32 * 1024 + 1);
    expect(thrown(() => tokenizeCsv(`a,b,c\n1,2,3\nx,"${long}",z`, ",", 10))).toMatchObject({
      kind: "fieldTooLong",
      row: 3,
      column: 1,
    });
    expect(thrown(() => tokenizeCsv(`a,b,c\nx,y,${long}`, ",", 10))).toMatchObject({
      kind: "fieldTooLong",
      row: 2,
      column: 2,
    });
    // at the limit is fine
    expect(tokenizeCsv(`a\n${"长".repeat(32 * 1024)}`, ",", 10).records[1]![0]!.length).toBe(32 * 1024);
  });
});
