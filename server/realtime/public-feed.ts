// The view of each sitting as its audiences receive it: computed once per broadcast, sent as a patch
// against the view sent before (core/sitting/public-patch.ts). Two audiences: the public (Socket.IO
// screens and server-sent-events clients alike) and the council (its members and the chair, who see
// the sitting unmasked during a closed session). A public screen that subscribes starts from the view
// last sent, so the next patch applies to what it holds.
import { projectPublic, type Audience, type PublicView } from "../../core/sitting/projection";
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

/** The view was made from the room as it is (no event since, the same header). */
function isCurrent(view: PublicView, room: SittingRoom): boolean {
  return view.seq === room.state.seq && view.header === room.header;
}

export class PublicFeed {
  private readonly sent: Record<Audience, Map<string, PublicView>> = { public: new Map(), council: new Map() };
  private readonly listeners = new Map<string, Set<(frame: PublicFrame) => void>>();

  /** The view a new public screen starts from: the one last sent (the base of the next patch). */
  current(room: SittingRoom): PublicView {
    const sid = room.state.sittingId;
    let view = this.sent.public.get(sid);
    if (!view) {
      view = projectPublic(room.state, room.header);
      this.sent.public.set(sid, view);
    }
    return view;
  }

  /**
   * The view a council screen starts from: the sitting as it is now, unmasked. It is the base of the
   * council's next patch when it is what the council was last sent (or nobody of the council holds
   * one); otherwise it is newer than that base, and the screen ignores the next patch or asks again.
   */
  councilView(room: SittingRoom): PublicView {
    const sid = room.state.sittingId;
    const sent = this.sent.council.get(sid);
    if (sent && isCurrent(sent, room)) return sent;
    const view = projectPublic(room.state, room.header, "council");
    if (!sent) this.sent.council.set(sid, view);
    return view;
  }

  /**
   * The room's view now for this audience, and the patch from the last one sent; the public's
   * listeners (server-sent events) hear it. Null when nothing changed.
   */
  publish(room: SittingRoom, audience: Audience = "public"): PublicFrame | null {
    const sid = room.state.sittingId;
    const sent = this.sent[audience];
    const before = sent.get(sid);
    if (before && isCurrent(before, room)) return null;
    const view = projectPublic(room.state, room.header, audience);
    sent.set(sid, view);
    // A reload without new events (the clerk changed the agenda, the roster or the settings) keeps the
    // seq: screens drop a patch that does not move it forward, so the view goes whole.
    const patch = before && before.seq < view.seq ? diffPublicView(before, view) : null;
    const listeners = audience === "public" ? this.listeners.get(sid) : undefined;
    const frame: PublicFrame = { sittingId: sid, view, patch, sse: listeners?.size ? sseEvent({ view, patch }) : "" };
    for (const fn of listeners ?? []) fn(frame);
    return frame;
  }

  /** Nobody of this audience holds a view (no screen connected): the next one starts from a fresh view. */
  forget(room: SittingRoom, audience: Audience): void {
    this.sent[audience].delete(room.state.sittingId);
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
