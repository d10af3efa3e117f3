// Turns the records' HTML into PDF in the system Chromium (playwright-core): one browser launched on
// first use and reused, one render at a time (2-core servers), each bounded by a timeout.
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "./chromium";

export interface PdfRenderer {
  renderPdf(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export function createPdfRenderer(opts: { timeoutMs?: number } = {}): PdfRenderer {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let browser: Promise<Browser> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  function getBrowser(): Promise<Browser> {
    if (!browser) {
      const launching = chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, timeout: timeoutMs });
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

  async function renderOne(html: string): Promise<Buffer> {
    if (closed) throw new Error("the PDF renderer is closed");
    const b = await getBrowser();
    // No scripts and no network: the document is self-contained, and nothing in it should run or fetch.
    const context = await b.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: "load", timeout: timeoutMs });
      return await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  return {
    renderPdf(html) {
      const run = queue.then(() =>
        withTimeout(renderOne(html), timeoutMs, "PDF rendering").catch(async (err: unknown) => {
          // A hung browser would block every later render: start afresh next time.
          if (err instanceof TimeoutError) await dropBrowser();
          throw err;
        }),
      );
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      closed = true;
      await queue;
      await dropBrowser();
    },
  };
}
