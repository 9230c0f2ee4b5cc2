// 整改 on a real database: tasks created when 2021-05 and 2021-06 are issued (due dates across
// a holiday), changed by a correction (第2版), the answer-and-review cycle with its audit, access
// by unit, a concurrent answer and review, the 连续 N 个月 flag, the 2021-06 draft's section
// 上月通报问题整改情况 (the same numbers as the board), and red-card tasks.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/access";
import { bulletinPlainText } from "@/lib/bulletin/build";
import { loadDraftInputs } from "@/lib/bulletin/issue/draft-inputs";
import { issueBulletin } from "@/lib/bulletin/issue/issue-bulletin";
import { renderBulletinDocx } from "@/lib/bulletin/render/render-docx";
import { PROBLEM_SETTINGS_KEY } from "@/lib/bulletin/thresholds/problem-settings";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { type AnswerInput, reviewTask, submitAnswer } from "./answers";
import { attachmentBytes, checkAttachment, checkAttachments, MAX_ATTACHMENT_BYTES } from "./attachments";
import { listTasks, readAttachment, readMonthSummary, readTask } from "./read-tasks";
import { openRedCardTask, readRedCardAnswerStates } from "./red-card";

let db: TestDatabase;
let files: string;
let gaj: Viewer;
let xuanhan: Viewer;
let official: Viewer;
let admin: Viewer;

const MEASURES = {
  found: "部分事项未在平台办理",
  done: "已全部接入平台",
  planned: "每周核查",
  plannedBy: "2021-08-31",
};
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function viewer(username: string): Promise<Viewer> {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { username }, include: { unit: true } });
  return { userId: user.id, role: user.role, unitCode: user.unit?.code ?? null };
}

/** A user of the unit (the checks are on the unit, whoever the user). */
const unitUser = (unitCode: string): Viewer => ({ userId: gaj.userId, role: "DEPARTMENT", unitCode });

/** 印发 as the admin. */
const issue = (month: string, more: { correctionNote?: string; now?: Date } = {}) =>
  issueBulletin(db.prisma, { month, actorId: admin.userId, ...more });

const versionOf = async (taskId: number) =>
  (await db.prisma.rectificationTask.findUniqueOrThrow({ where: { id: taskId }, select: { version: true } })).version;

/** An answer as a form sends it: on the task's version as the page showed it (now); measures unless told. */
const answerAs = async (
  viewer: Viewer,
  taskId: number,
  step: Pick<AnswerInput, "measures" | "redCard" | "attachments"> = { measures: MEASURES },
) => submitAnswer(db.prisma, { taskId, version: await versionOf(taskId), viewer, ...step });

/** A review (销号 or 退回) likewise. */
const reviewAs = async (viewer: Viewer, taskId: number, decision: "CLOSED" | "RETURNED", comment = "") =>
  reviewTask(db.prisma, { taskId, version: await versionOf(taskId), viewer, decision, comment });

const task = (month: string, unitCode: string | null, problemKind: string) =>
  db.prisma.rectificationTask.findUnique({
    where: { key: `PROBLEM:${month}:${problemKind}:${unitCode ?? "city"}` },
  });

beforeAll(async () => {
  files = mkdtempSync(path.join(tmpdir(), "rectification-"));
  process.env.RECTIFICATION_FILES_DIR = files;
  db = await createTestDatabase();
  await seedDatabase(db.prisma);
  gaj = await viewer("gaj");
  xuanhan = await viewer("xuanhan");
  official = await viewer("official");
  admin = await viewer("admin");
}, 120_000);
afterAll(async () => {
  await db?.drop();
  rmSync(files, { recursive: true, force: true });
});

describe("tasks at 印发", () => {
  it("issuing 2021-06 creates one task per unit per problem, with its figure and a due date across the holiday", async () => {
    // Issued on 30 September 2021 (Beijing): 10 working days later is 20 October, after National Day.
    const issued = await issue("2021-06", { now: new Date("2021-09-30T02:00:00Z") });
    expect(issued).toMatchObject({ ok: true, edition: 1 });
    const police = await task("2021-06", "d08", "lowCoverage");
    expect(police).toMatchObject({ status: "OPEN", figure: "42.86%", edition: 1, kind: "PROBLEM" });
    expect(police?.dueDate.toISOString().slice(0, 10)).toBe("2021-10-20");
    const issued2106 = await db.prisma.bulletinIssue.findFirstOrThrow({ where: { month: "2021-06" } });
    const problems = (issued2106.document as { problems: { kind: string; units: { unitCode: string }[] }[] }).problems;
    const expected = problems.reduce((n, p) => n + Math.max(1, p.units.length), 0);
    expect(await db.prisma.rectificationTask.count({ where: { month: "2021-06" } })).toBe(expected);
    // A fall of the city's rate, with no unit named, is written as a unit's: last month's → this month's.
    expect((await task("2021-06", null, "evaluationRateDrop"))?.figure).toBe("129.03% → 93.94%");
    // The city's 认领率 names no unit: the administration's own task.
    if (problems.some((p) => p.units.length === 0))
      expect(await db.prisma.rectificationTask.count({ where: { month: "2021-06", unitId: null } })).toBeGreaterThan(0);
    expect(await db.prisma.auditEvent.count({ where: { action: "rectification.create", month: "2021-06" } })).toBe(
      expected,
    );
    // The event names the unit as it was called then (the audit log's sentence).
    const created = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "rectification.create", targetId: String(police!.id) },
    });
    expect(created.details).toMatchObject({
      unitCode: "d08",
      unitName: "市公安局",
      figure: "42.86%",
      dueDate: "2021-10-20",
    });
  });

  it("a correction (第2版) withdraws the task of a unit no longer named, with its reason, and adds one newly named", async () => {
    const before = await db.prisma.rectificationTask.findMany({
      where: { month: "2021-06", problemKind: "lowCoverage", status: { not: "WITHDRAWN" } },
      include: { unit: true },
    });
    const highest = Math.max(...before.map((t) => t.figureValue ?? 0));
    // A threshold just below the highest named unit's coverage: that unit drops out.
    const setting = {
      coverageRateBelow: highest,
      evaluationRateDropAbove: 10,
      catalogClaimRateBelow: 100,
      enabled: {},
    };
    await db.prisma.setting.create({ data: { key: PROBLEM_SETTINGS_KEY, value: setting } });
    const second = await issue("2021-06", { correctionNote: "覆盖率阈值更正" });
    expect(second).toMatchObject({ ok: true, edition: 2 });
    const dropped = before.find((t) => t.figureValue === highest)!;
    expect(await db.prisma.rectificationTask.findUnique({ where: { id: dropped.id } })).toMatchObject({
      status: "WITHDRAWN",
      withdrawnReason: "覆盖率阈值更正",
    });
    expect(await db.prisma.auditEvent.count({ where: { action: "rectification.withdraw" } })).toBeGreaterThan(0);

    // Back to 50%, the third edition names it again: its task reopens (one task per key), created by 第3版.
    await db.prisma.setting.update({
      where: { key: PROBLEM_SETTINGS_KEY },
      data: { value: { ...setting, coverageRateBelow: 50 } },
    });
    expect(await issue("2021-06", { correctionNote: "恢复阈值" })).toMatchObject({ ok: true, edition: 3 });
    expect(await db.prisma.rectificationTask.findUnique({ where: { id: dropped.id } })).toMatchObject({
      status: "OPEN",
      edition: 3,
      withdrawnReason: null,
    });
    // The police task was named by every edition: kept as it was.
    expect(await task("2021-06", "d08", "lowCoverage")).toMatchObject({ edition: 1, status: "OPEN" });
  });
});

describe("the answer and its review", () => {
  it("gaj answers with a PDF, the official returns it, gaj answers again, the official closes it; all audited", async () => {
    const t = (await task("2021-06", "d08", "lowCoverage"))!;
    const pdf = await checkAttachment("整改报告.pdf", PDF);
    if (!pdf.ok) throw new Error(pdf.reason);
    expect(await answerAs(gaj, t.id, { measures: MEASURES, attachments: [pdf.file] })).toEqual({
      ok: true,
      version: t.version + 1,
    });
    // Another unit, and a reviewer, cannot answer; a department cannot review.
    expect(await answerAs(xuanhan, t.id)).toEqual({ ok: false, reason: "notFound" });
    expect(await answerAs(official, t.id)).toEqual({ ok: false, reason: "forbidden" });
    expect(await reviewAs(gaj, t.id, "CLOSED")).toEqual({ ok: false, reason: "forbidden" });
    // 退回 needs a comment.
    expect(await reviewAs(official, t.id, "RETURNED", " ")).toEqual({ ok: false, reason: "invalid" });
    expect(await reviewAs(official, t.id, "RETURNED", "请补充核查清单")).toEqual({ ok: true, version: t.version + 2 });
    expect(await answerAs(gaj, t.id, { measures: { ...MEASURES, done: "已补充核查清单" } })).toEqual({
      ok: true,
      version: t.version + 3,
    });
    // A form shown before that answer names a version the task no longer has: refused, nothing lost.
    expect(
      await reviewTask(db.prisma, {
        taskId: t.id,
        version: t.version + 2,
        viewer: official,
        decision: "CLOSED",
        comment: "",
      }),
    ).toEqual({ ok: false, reason: "conflict" });
    expect(await reviewAs(official, t.id, "CLOSED")).toEqual({ ok: true, version: t.version + 4 });
    // Closed: no more answers.
    expect(await answerAs(gaj, t.id)).toEqual({ ok: false, reason: "finished" });

    const detail = (await readTask(db.prisma, t.id))!;
    expect(detail.status).toBe("CLOSED");
    expect(detail.answerList.map((a) => [a.seq, a.decision, a.comment])).toEqual([
      [1, "RETURNED", "请补充核查清单"],
      [2, "CLOSED", null],
    ]);
    expect(detail.answerList[0]!.attachments).toHaveLength(1);
    const attachment = (await readAttachment(db.prisma, detail.answerList[0]!.attachments[0]!.id))!;
    expect(attachment).toMatchObject({ unitCode: "d08", contentType: "application/pdf", fileName: "整改报告.pdf" });
    expect(readdirSync(path.join(files, attachment.sha256.slice(0, 2)))).toEqual([attachment.sha256]);
    const actions = (
      await db.prisma.auditEvent.findMany({
        where: { targetType: "RectificationTask", targetId: String(t.id) },
        orderBy: { id: "asc" },
      })
    ).map((e) => e.action);
    expect(actions).toEqual([
      "rectification.create",
      "rectification.answer",
      "rectification.return",
      "rectification.answer",
      "rectification.close",
    ]);
  });

  it("evidence changed or lost on disk is refused with a message and audited, never served (issue 22)", async () => {
    const stored = await db.prisma.rectificationAttachment.findFirstOrThrow({ where: { fileName: "整改报告.pdf" } });
    const file = path.join(files, stored.sha256.slice(0, 2), stored.sha256);
    const original = readFileSync(file);
    const intact = await attachmentBytes(db.prisma, official.userId, stored, "zh-CN");
    expect(intact.ok && Buffer.from(intact.bytes).equals(original)).toBe(true);

    const altered = Buffer.concat([original, Buffer.from("% appended\n")]);
    writeFileSync(file, altered);
    const refused = await attachmentBytes(db.prisma, official.userId, stored, "en");
    expect(refused).toEqual({
      ok: false,
      message: expect.stringMatching(/^The stored file “整改报告\.pdf” no longer matches the SHA-256/),
    });
    rmSync(file);
    const lost = await attachmentBytes(db.prisma, gaj.userId, stored, "zh-CN");
    expect(lost).toEqual({
      ok: false,
      message: expect.stringMatching(/存储的文件“整改报告\.pdf”.*SHA-256 校验值不符/),
    });

    const events = await db.prisma.auditEvent.findMany({
      where: { action: "file.integrityFailed", targetType: "RectificationAttachment", targetId: String(stored.id) },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.actorId, e.details])).toEqual([
      [
        official.userId,
        {
          fileName: "整改报告.pdf",
          expected: stored.sha256,
          actual: createHash("sha256").update(altered).digest("hex"),
        },
      ],
      [gaj.userId, { fileName: "整改报告.pdf", expected: stored.sha256, actual: null }],
    ]);

    writeFileSync(file, original); // restored from a backup: served again
    expect((await attachmentBytes(db.prisma, official.userId, stored, "zh-CN")).ok).toBe(true);
  });

  it("a concurrent answer and review of the same version: one wins, the other is told", async () => {
    const t = (await db.prisma.rectificationTask.findFirst({
      where: { month: "2021-06", status: "OPEN", unitId: { not: null } },
      include: { unit: true },
    }))!;
    const unitViewer = unitUser(t.unit!.code);
    expect((await answerAs(unitViewer, t.id)).ok).toBe(true);
    for (let round = 0; round < 3; round++) {
      const current = (await db.prisma.rectificationTask.findUniqueOrThrow({ where: { id: t.id } })).version;
      const results = await Promise.all([
        submitAnswer(db.prisma, { taskId: t.id, version: current, viewer: unitViewer, measures: MEASURES }),
        reviewTask(db.prisma, {
          taskId: t.id,
          version: current,
          viewer: official,
          decision: "RETURNED",
          comment: "再核",
        }),
      ]);
      const reasons = results.map((r) => (r.ok ? "ok" : r.reason)).sort();
      // One applied; the other found another version (or, when the review won, a task no longer answered).
      expect(reasons.filter((r) => r === "ok")).toHaveLength(1);
      expect(reasons.filter((r) => r !== "ok")[0]).toMatch(/conflict|notAnswered/);
      // Put it back to ANSWERED for the next round.
      const after = await db.prisma.rectificationTask.findUniqueOrThrow({ where: { id: t.id } });
      if (after.status !== "ANSWERED") await answerAs(unitViewer, t.id);
    }
  });
});

describe("attachments", () => {
  it("refuses a wrong type, an oversized file, content that is not its extension and a name with a path; nothing stored", async () => {
    const before = readdirSync(files, { recursive: true }).length;
    expect(await checkAttachment("a.exe", PDF)).toEqual({ ok: false, reason: "badType" });
    expect(await checkAttachment("report.pdf", new Uint8Array(MAX_ATTACHMENT_BYTES + 1))).toEqual({
      ok: false,
      reason: "tooLarge",
    });
    expect(await checkAttachment("photo.pdf", PNG)).toEqual({ ok: false, reason: "mismatch" });
    expect(await checkAttachment("report.docx", PDF)).toEqual({ ok: false, reason: "mismatch" });
    expect(await checkAttachment("notes.pdf", new TextEncoder().encode("just text"))).toEqual({
      ok: false,
      reason: "mismatch",
    });
    for (const name of ["../x.pdf", "a/b.pdf", "a\\b.pdf", ".hidden.pdf", "x\u0000.pdf", "..pdf"])
      expect(await checkAttachment(name, PDF)).toEqual({ ok: false, reason: "badName" });
    expect(await checkAttachment("photo.png", PNG)).toMatchObject({ ok: true, file: { contentType: "image/png" } });
    const form = await checkAttachments([new File([PDF], "ok.pdf"), new File([PNG], "bad.pdf")]);
    expect(form).toEqual({ ok: false, reason: "mismatch", fileName: "bad.pdf" });
    // An input with no file chosen sends an empty part: nothing to check, nothing refused.
    expect(await checkAttachments([new File([], "undefined")])).toEqual({ ok: true, files: [] });
    expect(readdirSync(files, { recursive: true }).length).toBe(before);
  });
});

describe("flags, the board and the next draft", () => {
  it("连续 N 个月: a unit named for the same problem in consecutive issued months", async () => {
    expect((await issue("2021-04")).ok).toBe(true);
    expect((await issue("2021-05")).ok).toBe(true);
    const april = new Set(
      (await db.prisma.rectificationTask.findMany({ where: { month: "2021-04" }, include: { unit: true } })).map(
        (t) => `${t.problemKind}:${t.unit?.code ?? "city"}`,
      ),
    );
    const may = await db.prisma.rectificationTask.findMany({ where: { month: "2021-05" }, include: { unit: true } });
    expect(may.length).toBeGreaterThan(0);
    for (const t of may)
      expect(t.consecutiveMonths, t.key).toBe(april.has(`${t.problemKind}:${t.unit?.code ?? "city"}`) ? 2 : 1);
    expect(may.some((t) => t.consecutiveMonths === 2)).toBe(true);
    const board = await listTasks(db.prisma, { month: "2021-05", sort: "consecutive" });
    expect(board[0]!.consecutiveMonths).toBe(2);
  });

  it("the 2021-06 draft reports 2021-05's tasks with the board's numbers, in the text and the DOCX", async () => {
    // Close one of 2021-05's tasks, answer another: the numbers move.
    const [first, second] = await db.prisma.rectificationTask.findMany({
      where: { month: "2021-05", unitId: { not: null } },
      include: { unit: true },
      orderBy: { id: "asc" },
      take: 2,
    });
    await answerAs(unitUser(first!.unit!.code), first!.id);
    await reviewAs(official, first!.id, "CLOSED");
    await answerAs(unitUser(second!.unit!.code), second!.id);

    const summary = (await readMonthSummary(db.prisma, "2021-05"))!;
    const board = await listTasks(db.prisma, { month: "2021-05" });
    const live = board.filter((t) => t.status !== "WITHDRAWN");
    expect(summary.total).toBe(live.length);
    expect(summary.closed).toBe(1);
    expect(summary.answered).toBe(1);
    expect(summary.unanswered).toBe(live.length - 2);

    const draft = (await loadDraftInputs(db.prisma, "2021-06"))!.build();
    const part = draft.parts.find((p) => p.id === "rectification")!;
    expect(part.heading).toBe("●上月通报问题整改情况");
    const text = bulletinPlainText(draft);
    expect(text).toContain(
      `5月通报的问题共形成整改任务${summary.total}项，已销号1项，待审核1项，退回重新整改0项，未反馈${live.length - 2}项。`,
    );
    expect(text).toContain(
      `未反馈的单位：${summary.unansweredUnits.map((u) => u ?? "达州市政务服务管理局").join("、")}。`,
    );
    expect(text).toMatch(/本月(再次被通报的单位：|无再次被通报的单位)/);
    const docx = await renderBulletinDocx(draft);
    const JSZip = (await import("jszip")).default;
    const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
    expect(xml.replace(/<[^>]+>/g, "")).toContain(`共形成整改任务${summary.total}项，已销号1项`);
  });
});

describe("red cards", () => {
  it("opens a case's task once, answers it with a reason, and reads many cards' states at once", async () => {
    const a = await openRedCardTask(db.prisma, { caseNo: "RC-001", month: "2021-06", unitCode: "d08", actorId: null });
    const again = await openRedCardTask(db.prisma, {
      caseNo: "RC-001",
      month: "2021-06",
      unitCode: "d08",
      actorId: null,
    });
    expect("id" in a && "id" in again && a.id === again.id).toBe(true);
    expect(again).toMatchObject({ created: false });
    const both = await Promise.all([
      openRedCardTask(db.prisma, { caseNo: "RC-002", month: "2021-06", unitCode: "x04", actorId: null }),
      openRedCardTask(db.prisma, { caseNo: "RC-002", month: "2021-06", unitCode: "x04", actorId: null }),
    ]);
    expect(new Set(both.map((r) => ("id" in r ? r.id : 0))).size).toBe(1);
    if (!("id" in a)) throw new Error("no task");
    // A red card is answered with a reason, not measures; xuanhan cannot answer 市公安局's card.
    expect(await answerAs(gaj, a.id)).toEqual({ ok: false, reason: "invalid" });
    expect(await answerAs(xuanhan, a.id, { redCard: { reason: "applicant", text: "" } })).toEqual({
      ok: false,
      reason: "notFound",
    });
    expect(await answerAs(gaj, a.id, { redCard: { reason: "supplementRequired", text: "申请人补正材料" } })).toEqual({
      ok: true,
      version: 1,
    });
    await reviewAs(official, a.id, "CLOSED");
    const states = await readRedCardAnswerStates(db.prisma, ["RC-001", "RC-002", "RC-404"]);
    expect(states.get("RC-001")?.state).toBe("closed");
    expect(states.get("RC-002")?.state).toBe("unanswered");
    expect(states.has("RC-404")).toBe(false);
    const board = await listTasks(db.prisma, { month: "2021-06", kind: "RED_CARD" });
    expect(board.map((t) => t.caseNo).sort()).toEqual(["RC-001", "RC-002"]);
  });
});
