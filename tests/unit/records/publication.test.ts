// REC-10: the decision to freeze a record — sitting closed, item decided, minutes published, the next
// version, a reason for a rectification, never dated before the sitting — and its fold into the state.
import { describe, expect, it } from "vitest";
import { applyCommand } from "@/core/sitting/apply-command";
import { applyEvent } from "@/core/sitting/apply-event";
import { initialSittingState } from "@/core/sitting/initial-state";
import { publishedVersions, type PublishRecordCommand } from "@/core/records/publication";
import type { Actor, SittingState } from "@/core/sitting/state";

const clerk: Actor = { userId: "u-c", role: "clerk", memberId: null, councilId: "c" };
const ctx = { now: "2022-10-05T08:00:00.000Z", newId: () => "v" };
const H = "a".repeat(64);

function closed(over: Partial<SittingState> = {}): SittingState {
  const s = initialSittingState({
    sittingId: "s",
    councilId: "c",
    ruleSetId: "fr-cgct",
    date: "2022-10-03",
    settings: {},
    secondConvocation: false,
    presidentMemberId: null,
    secretaryIds: [],
    members: [],
    items: [
      { id: "i1", order: 1, title: "Un", kind: "ordinary" },
      { id: "i2", order: 2, title: "Deux", kind: "ordinary" },
    ],
  });
  s.status = "closed";
  s.items.i1!.status = "decided";
  return { ...s, ...over };
}

const cmd = (over: Partial<PublishRecordCommand> = {}): PublishRecordCommand => ({
  type: "record:publish",
  record: "extract",
  itemId: "i1",
  version: 1,
  htmlSha256: H,
  pdfSha256: H,
  publishedOn: "2022-10-05",
  reason: null,
  ...over,
});

describe("REC-10 publishing freezes a record in the log", () => {
  it("REC-10 an extract of a decided item of a closed sitting is published as version 1, then folded into the state", () => {
    const out = applyCommand(closed(), clerk, cmd(), ctx);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.events).toEqual([
      {
        type: "record:published",
        record: "extract",
        itemId: "i1",
        version: 1,
        htmlSha256: H,
        pdfSha256: H,
        publishedOn: "2022-10-05",
        reason: null,
        at: ctx.now,
      },
    ]);
    const next = applyEvent(closed(), out.events[0]!);
    expect(publishedVersions(next, "extract", "i1")).toEqual([
      { version: 1, htmlSha256: H, pdfSha256: H, publishedOn: "2022-10-05", reason: null, at: ctx.now },
    ]);
    // A second version needs its reason, and the next number.
    expect(applyCommand(next, clerk, cmd({ version: 2 }), ctx)).toMatchObject({ ok: false, error: { code: "bad-request" } });
    expect(applyCommand(next, clerk, cmd({ version: 3, reason: "Coquille" }), ctx)).toMatchObject({ ok: false, error: { code: "wrong-state" } });
    expect(applyCommand(next, clerk, cmd({ version: 2, reason: "Coquille" }), ctx).ok).toBe(true);
  });

  it("REC-10 refused: an open sitting, an undecided or unknown item, minutes not published, a date before the sitting, another role", () => {
    expect(applyCommand(closed({ status: "opened" }), clerk, cmd(), ctx)).toMatchObject({ ok: false, error: { code: "wrong-state" } });
    expect(applyCommand(closed(), clerk, cmd({ itemId: "i2" }), ctx)).toMatchObject({ ok: false, error: { code: "wrong-state" } });
    expect(applyCommand(closed(), clerk, cmd({ itemId: "nope" }), ctx)).toMatchObject({ ok: false, error: { code: "unknown-item" } });
    expect(applyCommand(closed(), clerk, cmd({ record: "minutes", itemId: null }), ctx)).toMatchObject({ ok: false, error: { code: "wrong-state" } });
    expect(applyCommand(closed(), clerk, cmd({ record: "deliberations", itemId: "i1" }), ctx)).toMatchObject({ ok: false, error: { code: "bad-request" } });
    expect(applyCommand(closed(), clerk, cmd({ publishedOn: "2022-10-02" }), ctx)).toMatchObject({ ok: false, error: { code: "bad-request" } });
    expect(applyCommand(closed(), { ...clerk, role: "president" }, cmd(), ctx)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(applyCommand(closed(), clerk, cmd({ record: "deliberations", itemId: null }), ctx).ok).toBe(true);
  });
});
