// The reader's theme: "system" follows prefers-color-scheme, "light"/"dark" are a choice
// kept in localStorage. The script runs in <head> before the body paints (no flash of the
// wrong theme) and sets the `dark` class on <html> that globals.css keys the palette on.
export const THEME_STORAGE_KEY = "theme";
export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** Applies a choice to <html>; also the body of the inline script (kept in sync by hand: no imports there). */
export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === "dark" || (choice === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.dataset.theme = choice;
}

export const THEME_SCRIPT = `(function(){try{var c=localStorage.getItem("${THEME_STORAGE_KEY}");if(c!=="light"&&c!=="dark")c="system";var m=window.matchMedia("(prefers-color-scheme: dark)");var d=c==="dark"||(c==="system"&&m.matches);var r=document.documentElement;r.classList.toggle("dark",d);r.dataset.theme=c;m.addEventListener("change",function(e){if((localStorage.getItem("${THEME_STORAGE_KEY}")||"system")==="system")r.classList.toggle("dark",e.matches)})}catch(e){}})();`;
