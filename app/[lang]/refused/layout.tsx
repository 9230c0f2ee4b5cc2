// A segment of its own, so that its boundaries (./not-found.tsx, ./forbidden.tsx: the header and
// the months) catch what its pages throw, and only theirs: the app's root boundaries, which every
// page carries, stay small (components/ui/error-page.tsx).
export default function RefusedLayout({ children }: { children: React.ReactNode }) {
  return children;
}
