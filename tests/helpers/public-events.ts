// A broadcaster's overlay in Node: the public server-sent events of a sitting, folded as a client
// folds them (the first `state`, then each `patch` through the shared applyPublicPatch). A stream
// starts from the view last broadcast, which may be a moment behind the JSON endpoint (that one reads
// the room): tests wait on the folded view, not on the first frame.
import http from "node:http";
import type { PublicView } from "../../core/sitting/projection";
import { applyPublicPatch, type PublicPatch } from "../../core/sitting/public-patch";

export interface PublicEvents {
  /** Every view the stream has shown so far: the snapshot, then one per patch. */
  frames: PublicView[];
  /** The size of each patch's data, in characters. */
  patchBytes: number[];
  contentType: Promise<string>;
  /** Resolves with the folded view once `cond` holds for it; rejects after `timeoutMs`. */
  until: (cond: (view: PublicView) => boolean, timeoutMs?: number) => Promise<PublicView>;
  close: () => void;
}

export function publicEvents(url: string, sittingId: string): PublicEvents {
  const frames: PublicView[] = [];
  const patchBytes: number[] = [];
  const req = http.get(`${url}/api/public/sittings/${sittingId}/events`);
  const contentType = new Promise<string>((resolve, reject) => {
    req.once("error", reject);
    req.once("response", (res) => {
      resolve(String(res.headers["content-type"]));
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const lines = buf.slice(0, i).split("\n");
          buf = buf.slice(i + 2);
          const data = lines.find((l) => l.startsWith("data: "))?.slice(6);
          const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
          if (!data) continue;
          if (event === "state") frames.push(JSON.parse(data) as PublicView);
          if (event === "patch" && frames.length) {
            patchBytes.push(data.length);
            frames.push(applyPublicPatch(frames[frames.length - 1]!, JSON.parse(data) as PublicPatch));
          }
        }
      });
    });
  });
  const until = async (cond: (view: PublicView) => boolean, timeoutMs = 10_000): Promise<PublicView> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const last = frames[frames.length - 1];
      if (last && cond(last)) return last;
      if (Date.now() > end) throw new Error(`the public event stream did not show the expected view in ${timeoutMs} ms (${frames.length} views)`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { frames, patchBytes, contentType, until, close: () => req.destroy() };
}
