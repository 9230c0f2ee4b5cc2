// The annex upload's validation problems (lib/validation), their sentences from the `import`
// message templates of lib/i18n, in zh-CN and en.
import { en } from "@/lib/i18n/en";
import { zhCN } from "@/lib/i18n/zh-CN";
import { type Extra, type ProblemLocation, type ValidationProblemInput, validationProblem } from "@/lib/validation";
import type { AnnexProblemCode, AnnexValidationProblem } from "./types";

export type { Extra };
export type Where = ProblemLocation;

type AnnexProblemInput = Omit<ValidationProblemInput<AnnexProblemCode>, "template" | "location" | "severity">;

const LOCATION = { zh: zhCN.import.location, en: en.import.location };

function annexProblem(input: AnnexProblemInput, severity: AnnexValidationProblem["severity"]): AnnexValidationProblem {
  const template = { zh: zhCN.import.problems[input.code], en: en.import.problems[input.code] };
  return validationProblem({ ...input, severity, template, location: LOCATION });
}

export const error = (input: AnnexProblemInput): AnnexValidationProblem => annexProblem(input, "error");
export const warning = (input: AnnexProblemInput): AnnexValidationProblem => annexProblem(input, "warning");
/** Worth saying, nothing to confirm: what real data always shows (completions above acceptances). */
export const info = (input: AnnexProblemInput): AnnexValidationProblem => annexProblem(input, "info");

/** "12.3 MB" / "512 KB" / "80 字节". */
export function formatBytes(bytes: number, locale: "zh" | "en" = "zh"): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KB`;
  return locale === "zh" ? `${bytes} 字节` : `${bytes} bytes`;
}
