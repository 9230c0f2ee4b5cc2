// Runs once when a server process starts (next start, next dev), before any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // No audit chain without its key in production: refuse to start rather than fail every change.
  const { auditKey } = await import("@/lib/audit/chain");
  auditKey();
  // Nor second factors without the key of the encrypted columns (issue 22): no one with one could sign in.
  const { fieldKey } = await import("@/lib/access/secret-box");
  fieldKey();
  // The gate's plain case (a reader loading a page they may read) decided before Next runs the proxy;
  // installed first, so that it runs last, next to Next's handler: only it may mark a request decided.
  const { installDocumentGate } = await import("@/lib/access/document-gate");
  const { cardDayOf } = await import("@/lib/supervision/cards/today");
  installDocumentGate(cardDayOf);
  // The client address for the sign-in throttle and the audit log: from the socket, not from a header a client can forge.
  const { installClientAddressHeader, trustedProxyCount } = await import("@/lib/access/client-address");
  installClientAddressHeader();
  // CSP, nosniff, frame and referrer rules on every response; HSTS behind a trusted HTTPS proxy.
  const { installSecurityHeaders } = await import("@/lib/http/security-headers");
  installSecurityHeaders({
    production: process.env.NODE_ENV === "production",
    trustForwardedProto: trustedProxyCount() > 0,
  });
  const { quietClientAborts } = await import("@/lib/http/quiet-client-aborts");
  quietClientAborts();
  // x-middleware-rewrite would show the internal page a request was rewritten to.
  const { dropInternalResponseHeaders } = await import("@/lib/http/internal-response-headers");
  dropInternalResponseHeaders();
  // A cached page's HTML is encoded to UTF-8 once, not on every request (the largest cost per byte).
  const { reuseEncodedBodies } = await import("@/lib/http/encoded-bodies");
  reuseEncodedBodies();
  // A case import whose server was killed mid-way: its staging process ended with it (or is ended
  // now), the upload is marked FAILED with what happened and its staged tables are dropped.
  if (process.env.DATABASE_URL) {
    try {
      const { createPrismaClient } = await import("@/lib/db/prisma-client");
      const { cleanUpOrphanedCaseStaging } = await import("@/lib/case-records/upload/leftovers");
      const db = createPrismaClient(process.env.DATABASE_URL, 1);
      const cleaned = await cleanUpOrphanedCaseStaging(db).finally(() => db.$disconnect());
      if (cleaned > 0)
        console.log(`[cases] 已清理 ${cleaned} 个中断的导入 / interrupted case imports cleaned up: ${cleaned}`);
    } catch (error) {
      console.error("[cases] 清理中断的导入失败 / cleaning up interrupted imports failed:", error);
    }
    // Issue 22: units' contact addresses stored in clear before they were encrypted are sealed now
    // (the key is the configuration's, so this cannot be a SQL migration).
    try {
      const { createPrismaClient } = await import("@/lib/db/prisma-client");
      const { encryptPlainContactEmails } = await import("@/lib/supervision");
      const db = createPrismaClient(process.env.DATABASE_URL, 1);
      const sealed = await encryptPlainContactEmails(db).finally(() => db.$disconnect());
      if (sealed > 0) console.log(`[units] 已加密 ${sealed} 个联系邮箱 / contact addresses encrypted: ${sealed}`);
    } catch (error) {
      console.error("[units] 加密联系邮箱失败 / encrypting contact addresses failed:", error);
    }
  }
}
