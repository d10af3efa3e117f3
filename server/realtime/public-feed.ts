// The public view of each sitting as its audiences receive it: computed once per broadcast, sent as a
// patch against the view sent before (core/sitting/public-patch.ts), to the Socket.IO screens and the
// server-sent-events clients alike. A screen that subscribes starts from the view last sent, so the
// next patch applies to what it holds.
import { projectPublic, type PublicView } from "../../core/sitting/projection";
import { diffPublicView, type PublicPatch } from "../../core/sitting/public-patch";
import type { SittingRoom } from "./sitting-room";

export interface PublicFrame {
  sittingId: string;
  view: PublicView;
  /** Against the view sent before; null for the first frame of a sitting or after a reload (send the view). */
  patch: PublicPatch | null;
  /** The frame as a server-sent event, serialised once for every client (empty when none listens). */
  sse: string;
}

/** A view (the first frame, or a snapshot) or a patch as one server-sent event. */
export function sseEvent(frame: { view: PublicView; patch: PublicPatch | null }): string {
  return frame.patch
    ? `id: ${frame.patch.seq}\nevent: patch\ndata: ${JSON.stringify(frame.patch)}\n\n`
    : `id: ${frame.view.seq}\nevent: state\ndata: ${JSON.stringify(frame.view)}\n\n`;
}

export class PublicFeed {
  private readonly sent = new Map<string, PublicView>();
  private readonly listeners = new Map<string, Set<(frame: PublicFrame) => void>>();

  /** The view a new screen starts from: the one last sent (the base of the next patch). */
  current(room: SittingRoom): PublicView {
    const sid = room.state.sittingId;
    let view = this.sent.get(sid);
    if (!view) {
      view = projectPublic(room.state, room.header);
      this.sent.set(sid, view);
    }
    return view;
  }

  /** The room's view now, and the patch from the last one sent; listeners hear it. Null when nothing changed. */
  publish(room: SittingRoom): PublicFrame | null {
    const sid = room.state.sittingId;
    const before = this.sent.get(sid);
    if (before && before.seq === room.state.seq && before.header === room.header) return null;
    const view = projectPublic(room.state, room.header);
    this.sent.set(sid, view);
    // A reload without new events (the clerk changed the agenda, the roster or the settings) keeps the
    // seq: screens drop a patch that does not move it forward, so the view goes whole.
    const patch = before && before.seq < view.seq ? diffPublicView(before, view) : null;
    const listeners = this.listeners.get(sid);
    const frame: PublicFrame = { sittingId: sid, view, patch, sse: listeners?.size ? sseEvent({ view, patch }) : "" };
    for (const fn of listeners ?? []) fn(frame);
    return frame;
  }

  listen(sittingId: string, fn: (frame: PublicFrame) => void): () => void {
    let set = this.listeners.get(sittingId);
    if (!set) this.listeners.set(sittingId, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (!set.size) this.listeners.delete(sittingId);
    };
  }
}
