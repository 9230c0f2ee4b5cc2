"use client";

// Who is signed in, for the header of prerendered pages (which are the same for
// every viewer): fetched once per page load from Auth.js's session endpoint.
// Only for display — access is decided on the server (proxy.ts, lib/access/guard.ts).
import { useEffect, useState } from "react";

export type ClientViewer = {
  name: string;
  role: "SYSTEM_ADMIN" | "OFFICIAL" | "DEPARTMENT" | "SECURITY_ADMIN" | "AUDITOR";
  unitCode: string | null;
  readsBulletin?: boolean;
  /** The session's idle time (issue 22), for the warning a minute before. */
  idleSeconds?: number;
};

let request: Promise<ClientViewer | null> | undefined;

function loadViewer(): Promise<ClientViewer | null> {
  request ??= fetch("/api/auth/session", { credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : null))
    .then((session: { user?: ClientViewer } | null) => session?.user ?? null)
    .catch(() => null);
  return request;
}

export function useViewer(): ClientViewer | null | undefined {
  const [viewer, setViewer] = useState<ClientViewer | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadViewer().then((v) => live && setViewer(v));
    return () => {
      live = false;
    };
  }, []);
  return viewer;
}
