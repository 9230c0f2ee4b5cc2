// Every cached read of report data carries this tag; publishing a month
// revalidates it (and the month's pages) so that pages never show stale figures.
export const REPORT_DATA_TAG = "report-data";
