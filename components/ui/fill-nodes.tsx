// fill() for markup: a message whose placeholders take elements, so that a name set in an
// English sentence ("Service items of {unit}") can carry its own lang="zh-CN". Server and client.
import { Fragment, type ReactNode } from "react";

/** Fills "{name}" placeholders with nodes (strings or elements), keeping the message's own words. */
export function fillNodes(template: string, values: Record<string, ReactNode>): ReactNode {
  const parts = template.split(/\{(\w+)\}/);
  return parts.map((part, i) =>
    // Odd parts are placeholder names (split keeps the captured group).
    i % 2 === 1 ? <Fragment key={i}>{part in values ? values[part] : `{${part}}`}</Fragment> : part,
  );
}
