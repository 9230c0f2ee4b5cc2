// Every cached read of report data carries this tag; publishing a month
// revalidates it (and the month's pages) so that pages never show stale figures.
export const REPORT_DATA_TAG = "report-data";

/**
 * The cached versions of the 预警 page and board (one per audience and day, issue 20) carry this
 * tag: a feed batch, a red card's answer or review, a supervision-settings save and a month's
 * close expire it (docs/supervision-cards.md, "The cached pages").
 */
export const SUPERVISION_CARDS_TAG = "supervision-cards";

/**
 * Each cached read also carries a tag naming when it began: "read-at:<ms since 1970>".
 * Next collects a render's tags into the page it stores, so a stored page says when its
 * oldest read began. Next dates an entry by when it is *stored*: a render that read the
 * figures before a publish and stored the page after the publish's expiry would pass for
 * newer than the expiry and serve the old figures until the next publish. The cache
 * handlers (lib/cache/) date an entry by its oldest read instead, so such a page is
 * expired at once (docs/speed.md, "The stale-render race").
 */
export const READ_AT_TAG_PREFIX = "read-at:";

export function readAtTag(at: number = Date.now()): string {
  return `${READ_AT_TAG_PREFIX}${Math.floor(at)}`;
}

/** The earliest read-at time among an entry's tags, or null when it has none. */
export function oldestReadAt(tags: readonly string[]): number | null {
  let oldest: number | null = null;
  for (const tag of tags) {
    if (!tag.startsWith(READ_AT_TAG_PREFIX)) continue;
    const at = Number(tag.slice(READ_AT_TAG_PREFIX.length));
    if (Number.isFinite(at) && (oldest === null || at < oldest)) oldest = at;
  }
  return oldest;
}
