// A browser's User-Agent in a few words for the session lists ("Chrome 131 · Windows"): enough
// for a user to recognise their own device. Not a security check: the header is the client's.
const BROWSERS: Array<[RegExp, string]> = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/Firefox\/(\d+)/, "Firefox"],
  [/(?:Chrome|CriOS)\/(\d+)/, "Chrome"],
  [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, "Safari"],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/Windows/, "Windows"],
  [/iPhone|iPad/, "iOS"],
  [/Android/, "Android"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

export function describeUserAgent(userAgent: string): string {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent));
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent));
  const name = browser ? `${browser[1]} ${userAgent.match(browser[0])?.[1] ?? ""}`.trim() : null;
  const parts = [name, system?.[1]].filter(Boolean);
  return parts.length ? parts.join(" · ") : userAgent.slice(0, 40) || "—";
}
