// The declared files of a case upload (CaseUpload.files), as stored and as read back.
import { z } from "zod";
import { CASE_FILE_MAX_BYTES, CASE_FILE_PATTERN, CASE_FILES_MAX } from "./limits";

export const caseUploadFileSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((n) => !/[\\/\0]/.test(n), "文件名不能含路径")
    .refine((n) => CASE_FILE_PATTERN.test(n), "只接受 .csv、.csv.gz、.zip、.xlsx 文件"),
  size: z
    .number()
    .int()
    .min(1, "文件为空")
    .max(CASE_FILE_MAX_BYTES, `文件超过 ${CASE_FILE_MAX_BYTES / 1024 / 1024} MB`),
});
export type CaseUploadFile = z.infer<typeof caseUploadFileSchema>;

export const createCaseUploadSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份应为 YYYY-MM"),
  files: z.array(caseUploadFileSchema).min(1, "请选择文件").max(CASE_FILES_MAX, `最多 ${CASE_FILES_MAX} 个文件`),
});

export function storedFiles(value: unknown): CaseUploadFile[] {
  const parsed = z.array(caseUploadFileSchema).safeParse(value);
  return parsed.success ? parsed.data : [];
}
