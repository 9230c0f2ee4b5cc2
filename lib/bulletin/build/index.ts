// The bulletin (通报) as a library. Pure parts only: build the document, read its text.
// The renderers are server-only and imported on their own, so that a page importing this
// never pulls docx or pdfkit into a client bundle:
//   import { renderBulletinDocx } from "@/lib/bulletin/render/render-docx";
//   import { renderBulletinPdf } from "@/lib/bulletin/render/render-pdf";
export { type BuildBulletinInput, type BulletinMonth, buildBulletin, DEFAULT_BULLETIN_OPTIONS } from "./bulletin";
export { MISSING_FIGURE } from "./numbers";
export { bulletinPlainText } from "./plain-text";
export {
  DEFAULT_BULLETIN_TEXTS,
  DEFAULT_PROBLEM_REMARKS,
  PROBLEM_HEADINGS,
  REFERENCE_BULLETIN_TEXTS,
  resolveBulletinTexts,
} from "./texts";
export type * from "./types";
