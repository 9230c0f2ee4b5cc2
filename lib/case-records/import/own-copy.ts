/**
 * A string's own copy. Cell texts are slices of the decoded chunk they came from and keep the
 * whole chunk alive while they live: whatever outlives its row (item names, duplicate keys)
 * takes a copy.
 */
export function ownCopy(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}
