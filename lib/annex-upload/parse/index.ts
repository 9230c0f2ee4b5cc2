// The monthly upload's server-side core: read files (report layout or template, .xlsx or
// CSV), validate them against the unit directory and last month, write the report-layout
// workbook and the template. Pure: no database, no pages.
export { parseUploadFile, parseUploadFiles, sniff, type ParseOptions } from "./parse";
export {
  validateUpload,
  suggestUnits,
  toStatInputs,
  DEFAULT_THRESHOLDS,
  type KnownUnit,
  type Thresholds,
  type ValidateOptions,
  type ValidationResult,
  type ResolvedUnit,
} from "./validate";
export {
  buildAnnexWorkbook,
  addAnnexSheet,
  annexWorkbookFiles,
  annexHeaderCells,
  annexTitle,
  annexSheetName,
  annexFileName,
  workbookBytes,
  type AnnexTable,
  type AnnexTableRow,
  type AnnexWorkbookInput,
} from "./annex-workbook";
export {
  buildTemplateWorkbook,
  templateXlsx,
  templateCsv,
  templateFileName,
  annexTemplateHeader,
  summaryTemplateHeader,
  type TemplateInput,
  type TemplateUnit,
  type TemplateSummary,
  type TemplateFile,
} from "./template";
export { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, MAX_UPLOAD_BODY_BYTES, MAX_UNCOMPRESSED_BYTES, MAX_COUNT, MAX_DATA_ROWS, DEFAULT_LIMITS, type UploadLimits } from "./limits";
export { PROBLEM_CODES } from "./types";
export type * from "./types";
