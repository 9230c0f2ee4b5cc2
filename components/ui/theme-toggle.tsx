"use client";

// Light, dark or the system's choice: one button that steps through the three. The class on
// <html> is already right before hydration (lib/theme/theme-script.ts); this only changes it.
import { useEffect, useState } from "react";
import { fill } from "@/lib/i18n/fill";
import type { Messages } from "@/lib/i18n/messages";
import { applyTheme, THEME_CHOICES, THEME_STORAGE_KEY, type ThemeChoice } from "@/lib/theme/theme-script";

const ICON: Record<ThemeChoice, string> = { system: "◐", light: "☀", dark: "☾" };

export function ThemeToggle({ messages }: { messages: Messages["readers"]["theme"] }) {
  const [choice, setChoice] = useState<ThemeChoice>("system");
  useEffect(() => {
    // The head script has already applied it, except on pages React renders from an error
    // shell (404/403), where inline scripts do not run: apply it here too.
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    const current: ThemeChoice = stored === "light" || stored === "dark" ? stored : "system";
    applyTheme(current);
    setChoice(current);
  }, []);
  const next = () => {
    const following = THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length]!;
    if (following === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, following);
    applyTheme(following);
    setChoice(following);
  };
  // The name is the visible text inside the rest of "切换配色（当前：{current}）", read but not shown:
  // an aria-label would hide the visible text in a name that speech input does not match word by
  // word in Chinese (WCAG 2.5.3, axe-core's label-content-name-mismatch).
  const [before = "", after = ""] = messages.switchTo.split("{current}");
  return (
    <button
      type="button"
      onClick={next}
      className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 print:hidden"
      title={fill(messages.switchTo, { current: messages[choice] })}
      data-testid="theme-toggle"
      data-theme-choice={choice}
    >
      <span aria-hidden>{ICON[choice]}</span> <span className="sr-only">{before}</span>
      {messages[choice]}
      <span className="sr-only">{after}</span>
    </button>
  );
}
