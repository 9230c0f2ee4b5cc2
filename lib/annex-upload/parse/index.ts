// The monthly upload's server-side core: read files (report layout or template, .xlsx or
// CSV), validate them against the unit directory and last month, write the report-layout
// workbook and the template. Pure: no database, no pages.

export {
  type AnnexTable,
  type AnnexTableRow,
  type AnnexWorkbookInput,
  addAnnexSheet,
  annexFileName,
  annexHeaderCells,
  annexSheetName,
  annexTitle,
  annexWorkbookFiles,
  buildAnnexWorkbook,
  workbookBytes,
} from "./annex-workbook";
export {
  DEFAULT_LIMITS,
  MAX_COUNT,
  MAX_DATA_ROWS,
  MAX_UNCOMPRESSED_BYTES,
  MAX_UPLOAD_BODY_BYTES,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_FILES,
  type UploadLimits,
} from "./limits";
export { type ParseOptions, parseUploadFile, parseUploadFiles, sniff } from "./parse";
export {
  annexTemplateHeader,
  buildTemplateWorkbook,
  summaryTemplateHeader,
  type TemplateFile,
  type TemplateInput,
  type TemplateSummary,
  type TemplateUnit,
  templateCsv,
  templateFileName,
  templateXlsx,
} from "./template";
export type * from "./types";
export { ANNEX_PROBLEM_CODES } from "./types";
export {
  DEFAULT_THRESHOLDS,
  type KnownUnit,
  type ResolvedUnit,
  suggestUnits,
  type Thresholds,
  toStatInputs,
  type ValidateOptions,
  type ValidationResult,
  validateUpload,
} from "./validate";
