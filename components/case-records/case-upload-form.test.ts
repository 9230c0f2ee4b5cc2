import { describe, expect, it } from "vitest";
import { resumeMismatchMessage } from "@/components/case-records/case-upload-form";
import { getMessages } from "@/lib/i18n/messages";

// Issue 23 (English): the resume form named the import's files joined with 「、」 on English pages too.
describe("the case upload's resume refusal", () => {
  const names = ["cases-1.csv", "cases-2.csv"];

  it("joins the file names with the page's list mark", () => {
    expect(resumeMismatchMessage(getMessages("en").caseImport, names, "en")).toBe(
      "The chosen files do not match this import's files: cases-1.csv, cases-2.csv",
    );
    expect(resumeMismatchMessage(getMessages("zh-CN").caseImport, names, "zh-CN")).toBe(
      "所选文件与本次导入的文件不一致：cases-1.csv、cases-2.csv",
    );
  });

  it("writes no Chinese mark on an English page", () => {
    expect(resumeMismatchMessage(getMessages("en").caseImport, names, "en")).not.toMatch(/[、，：]/);
  });
});
