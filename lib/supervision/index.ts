// The supervision capability's entry (监督/预警, issue 20): what other capabilities, scripts and
// routes may use (docs/architecture.md). Everything else in lib/supervision/ is its own business.
export * from "./daily-feed";
