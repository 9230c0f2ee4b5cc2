// The annex-upload capability's entry: what other capabilities may use (docs/architecture.md).
// Everything else in lib/annex-upload/ is its own business.
export { fieldLabel } from "./field-label";
export { type AnnexTable, annexFileName, buildAnnexWorkbook, workbookBytes } from "./parse/annex-workbook";
export { templateCsv } from "./parse/template";
export { publishUpload } from "./publish-upload";
export { stageUpload } from "./stage-upload";
