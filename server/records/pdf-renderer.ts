// Turns the records' HTML into PDF in the system Chromium (playwright-core): one browser launched on
// first use and reused, one render at a time (2-core servers), each bounded by a timeout. Rendered
// PDFs are kept in a cache bounded by size (least recently used out), and each caller may make only
// so many renders a minute: asking for many documents in turn cannot keep Chromium busy.
import { createHash } from "node:crypto";
import { FailureLimiter } from "../auth/rate-limit";
import type { Browser } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "./chromium";

export interface PdfOptions {
  /** Printed at the foot of every page with "page n / N" (#14.9: the act's identifier on every page). */
  footer?: string;
}

export interface PdfRenderer {
  /** `requester` (the caller's address) is charged for a render the cache could not answer. */
  renderPdf(html: string, requester?: string, opts?: PdfOptions): Promise<Buffer>;
  close(): Promise<void>;
}

/** The renderer cannot take the request now (queue full, closed, Chromium missing or stuck): answer 503. */
export class PdfUnavailableError extends Error {
  override name = "PdfUnavailableError";
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfUnavailableError(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function escapeFooter(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Chromium's footer: drawn in the page's bottom margin, its numbers filled in by Chromium itself. */
function footerOptions(footer: string | undefined): { displayHeaderFooter?: boolean; headerTemplate?: string; footerTemplate?: string } {
  if (!footer) return {};
  return {
    displayHeaderFooter: true,
    headerTemplate: "<span></span>",
    footerTemplate:
      `<div style="width:100%;margin:0 18mm;font:7.5pt 'Liberation Serif','DejaVu Serif',serif;color:#333;display:flex;justify-content:space-between;gap:6mm">` +
      `<span>${escapeFooter(footer)}</span><span style="white-space:nowrap">page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
  };
}

export function createPdfRenderer(opts: { timeoutMs?: number; maxQueued?: number; cacheBytes?: number; rendersPerMinute?: number } = {}): PdfRenderer {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxQueued = opts.maxQueued ?? 8;
  const cacheBytes = opts.cacheBytes ?? 64 * 1024 * 1024;
  // Public URLs render on demand: the same document asked again (a shared link) is served from memory.
  const cache = new Map<string, Buffer>();
  let cachedBytes = 0;
  const renders = new FailureLimiter(opts.rendersPerMinute ?? 20, 60_000);
  const remember = (key: string, pdf: Buffer) => {
    if (cache.has(key)) return;
    cache.set(key, pdf);
    cachedBytes += pdf.length;
    for (const [k, v] of cache) {
      if (cachedBytes <= cacheBytes) break;
      cache.delete(k);
      cachedBytes -= v.length;
    }
  };
  let browser: Promise<Browser> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let closed = false;

  function getBrowser(): Promise<Browser> {
    if (!browser) {
      // Loaded on first use, so the server starts (and serves HTML) even where playwright-core is absent.
      const launching = import("playwright-core").then(({ chromium }) =>
        chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, timeout: timeoutMs }),
      );
      browser = launching;
      launching.then(
        (b) => b.on("disconnected", () => (browser === launching ? (browser = null) : undefined)),
        () => (browser === launching ? (browser = null) : undefined),
      );
    }
    return browser;
  }

  async function dropBrowser(): Promise<void> {
    const b = browser;
    browser = null;
    if (b) await b.then((x) => x.close()).catch(() => undefined);
  }

  async function renderOne(html: string, opts: PdfOptions): Promise<Buffer> {
    if (closed) throw new PdfUnavailableError("the PDF renderer is closed");
    const b = await getBrowser().catch((err: unknown) => {
      throw new PdfUnavailableError(err instanceof Error ? (err.message.split("\n")[0] ?? err.message) : String(err));
    });
    // No scripts and no network: the document is self-contained, and nothing in it should run or fetch.
    const context = await b.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: "load", timeout: timeoutMs });
      return await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true, ...footerOptions(opts.footer) });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  return {
    renderPdf(html, requester, opts = {}) {
      const key = createHash("sha256")
        .update(html)
        .update(`\u0000${opts.footer ?? ""}`)
        .digest("hex");
      const hit = cache.get(key);
      if (hit) {
        // Least recently used leaves first: a hit moves to the end.
        cache.delete(key);
        cache.set(key, hit);
        return Promise.resolve(hit);
      }
      if (requester !== undefined) {
        if (renders.blocked(requester))
          return Promise.reject(new PdfUnavailableError("too many PDF renderings asked from this address; try again in a minute"));
        renders.fail(requester);
      }
      if (queued >= maxQueued) return Promise.reject(new PdfUnavailableError("too many PDF renderings waiting"));
      queued += 1;
      const run = queue
        .then(() => withTimeout(renderOne(html, opts), timeoutMs, "PDF rendering"))
        .then(
          (pdf) => {
            remember(key, pdf);
            return pdf;
          },
          async (err: unknown) => {
            // A stuck browser would block every later render: start afresh next time.
            if (err instanceof PdfUnavailableError) await dropBrowser();
            throw err;
          },
        )
        .finally(() => (queued -= 1));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      closed = true;
      await queue;
      cache.clear();
      cachedBytes = 0;
      await dropBrowser();
    },
  };
}
