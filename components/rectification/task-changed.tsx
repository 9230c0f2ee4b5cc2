"use client";
// On a task's page: when the task changes under the viewer's hand (an answer or a review: the page
// is drawn again with the next version), the header's count and the unit's panel ask again. The
// forms stay server actions (they post without JavaScript too); this watches the version instead.
import { useEffect, useRef } from "react";
import { forgetWaiting } from "./waiting";

export function TaskChanged({ version }: { version: number }) {
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    forgetWaiting();
  }, [version]);
  return null;
}
