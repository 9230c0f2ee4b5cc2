"use client";
// The viewer's waiting tasks, fetched once per page load (pages are prerendered for every viewer:
// what is one's own is asked for in the browser; the server decides what it answers).
import { useEffect, useState } from "react";

export type WaitingTask = {
  id: number;
  month: string;
  kind: "PROBLEM" | "RED_CARD";
  problemKind: string | null;
  caseNo: string | null;
  figure: string | null;
  dueDate: string;
  status: "OPEN" | "RETURNED";
  overdueUnanswered: boolean;
};
export type Waiting = { count: number; role: string; tasks: WaitingTask[] };

const requests = new Map<string, Promise<Waiting | null>>();

function load(withTasks: boolean): Promise<Waiting | null> {
  const url = `/api/rectification/waiting${withTasks ? "?tasks=1" : ""}`;
  let request = requests.get(url);
  if (!request) {
    request = fetch(url, { credentials: "same-origin" })
      .then((r) => (r.ok ? (r.json() as Promise<Waiting>) : null))
      .catch(() => null);
    requests.set(url, request);
  }
  return request;
}

const listeners = new Set<() => void>();

/**
 * After an answer or a review the numbers change: forget them, and every count on the page asks
 * again (the header stays mounted across the router's navigations, and would keep the old one).
 */
export function forgetWaiting(): void {
  requests.clear();
  for (const listener of listeners) listener();
}

/** The viewer's waiting tasks: undefined while asking, null when the answer failed. */
export function useWaiting(enabled: boolean, withTasks = false): Waiting | null | undefined {
  const [waiting, setWaiting] = useState<Waiting | null | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const ask = () => void load(withTasks).then((w) => live && setWaiting(w));
    ask();
    listeners.add(ask);
    return () => {
      live = false;
      listeners.delete(ask);
    };
  }, [enabled, withTasks]);
  return waiting;
}
