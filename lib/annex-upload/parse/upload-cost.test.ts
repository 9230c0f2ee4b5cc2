// What an upload's .xlsx or CSV may cost, whatever it declares: an archive that lies about
// its sizes is stopped at the unpacked limit with memory held near where it was; a sheet of
// two million rows is refused at the row limit in well under 2 s, and so is such a CSV.
import { expect, test } from "vitest";
import { craftedWorkbook, manyRowsSheet, zeroBomb } from "./crafted-xlsx";
import { parseUploadFile } from "./parse";

const MB = 1024 * 1024;

// First in the file: the process's peak RSS so far is then close to its current RSS.
test("a sheet declaring 1,000 bytes that inflates to 1 GB of zeros is refused; memory stays within 200 MB", async () => {
  const bomb = craftedWorkbook({ compressed: zeroBomb(1024), crc: 0, declaredSize: 1000 }, "附件数据");
  expect(bomb.length).toBeLessThan(2 * MB);
  const before = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  let highest = before;
  const sampler = setInterval(() => (highest = Math.max(highest, process.memoryUsage().rss)), 5);
  const result = await parseUploadFile({ fileName: "炸弹.xlsx", bytes: bomb });
  clearInterval(sampler);
  const after = process.memoryUsage().rss;
  const peak = Math.max(highest, after, process.resourceUsage().maxRSS * 1024);
  expect(after - before).toBeLessThan(200 * MB);
  expect(peak - Math.max(before, peakBefore)).toBeLessThan(200 * MB);
  expect(result.problems.map((p) => p.code)).toEqual(["UNPACKED_TOO_LARGE"]);
  expect(result.problems[0]!.message).toBe(
    "文件“炸弹.xlsx”：解压后超过上限 100 MB（压缩包中声明的解压大小为 2.4 KB，与实际不符），未读取。",
  );
  expect(result.units).toEqual([]);
});

test("a sheet of 2,000,000 rows (10 MB, ~100 MB unpacked, sizes declared truly) is refused at the row limit in under 2 s", async () => {
  const bytes = craftedWorkbook(manyRowsSheet(2_000_000), "附件数据");
  expect(bytes.length).toBeLessThanOrEqual(10 * MB);
  const started = performance.now();
  const result = await parseUploadFile({ fileName: "两百万行.xlsx", bytes });
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(2000);
  expect(result.problems.map((p) => [p.code, p.sheet, p.found])).toEqual([["TOO_MANY_ROWS", "附件数据", "不少于 601"]]);
  expect(result.problems[0]!.message).toBe(
    "文件“两百万行.xlsx”，工作表“附件数据”：共有 不少于 601 行，超过上限 500 行（任何月份的单位数都远少于此），未读取。",
  );
}, 60_000);

test("a CSV of 2,000,000 rows is refused at the row limit in under 2 s", async () => {
  const bytes = Buffer.from(`序号,单位名称\n${"1,a\n".repeat(2_000_000)}`, "utf8");
  expect(bytes.length).toBeLessThanOrEqual(10 * MB);
  const started = performance.now();
  const result = await parseUploadFile({ fileName: "两百万行.csv", bytes });
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(2000);
  expect(result.problems.map((p) => [p.code, p.found])).toEqual([["TOO_MANY_ROWS", "不少于 601"]]);
});

// Issue 19, item 2: the same limits as the case import's CSV reader (lib/spreadsheet/csv.ts).
test("a CSV with an unclosed quote on row 2, or one endless line, is refused naming the row, in under 2 s", async () => {
  const quoted = Buffer.from(`序号,单位名称,受理件\n1,"市公安局,3\n${"2,宣汉县,4\n".repeat(400_000)}`, "utf8");
  let started = performance.now();
  let result = await parseUploadFile({ fileName: "引号.csv", bytes: quoted });
  expect(performance.now() - started).toBeLessThan(2000);
  expect(result.problems.map((p) => [p.code, p.row])).toEqual([["MALFORMED_CSV", 2]]);
  expect(result.problems[0]!.message).toBe(
    "文件“引号.csv”，第2行：CSV 格式有误：引号没有闭合（超过 1,048,576 个字符仍未结束），文件可能已损坏，未读取。",
  );
  expect(result.problems[0]!.messageEn).toContain("a quote is not closed");
  const oneLine = Buffer.from(`序号,单位名称\n${"1".repeat(8 * MB)}`, "utf8");
  started = performance.now();
  result = await parseUploadFile({ fileName: "一行.csv", bytes: oneLine });
  expect(performance.now() - started).toBeLessThan(2000);
  expect(result.problems.map((p) => [p.code, p.row, p.found])).toEqual([
    ["MALFORMED_CSV", 2, "一行超过 1,048,576 个字符"],
  ]);
});
