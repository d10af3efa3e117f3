// Where to go after signing in: the `next` a guarded page asked for, only if it stays on this site.
// "/\evil.example", "//evil.example", "https://evil.example" and "javascript:" all resolve to another
// origin (or none) and are refused; the person goes to their home instead.
export function safeNext(next: string | null, origin: string): string | null {
  if (!next) return null;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
