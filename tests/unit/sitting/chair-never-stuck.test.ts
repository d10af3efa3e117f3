// The chair is never stuck or misled, called directly: the live quorum after every roll-call change
// (QUORUM-10…12), items withdrawn or deferred with a reason (AGENDA-1), a vote cancelled and
// re-opened (CANCEL-1), amendments voted before their item (AMEND-*), huis clos (HUISCLOS-*).
import { describe, expect, it } from "vitest";
import { applyCommand } from "../../../core/sitting/apply-command";
import { projectPublic, type SittingHeader } from "../../../core/sitting/projection";
import { carryHuisClos, clerk, councillor, ctx, IDS, liveItem, newSitting, play, president, refusal } from "./fixture";

const HEADER: SittingHeader = { councilName: "Ville", commune: "Ville", date: "2022-10-03", time: "18:00", place: "Salle", rapporteursByItem: {} };

describe("the live quorum", () => {
  it("QUORUM-10 the public view's quorum follows every roll-call change, before the opening too", () => {
    let s = newSitting();
    // Nine in office: 5 required.
    expect(projectPublic(s, HEADER).quorum).toMatchObject({ required: 5, counted: 0, reached: false });
    for (const [n, id] of IDS.slice(0, 6).entries()) {
      s = play(s, president, { type: "rollcall:mark", memberId: id, status: "present" });
      expect(projectPublic(s, HEADER).quorum).toMatchObject({ required: 5, counted: n + 1, reached: n + 1 >= 5 });
    }
    s = play(s, president, { type: "sitting:open" });
    s = play(s, president, { type: "item:call", itemId: "i1" });
    s = play(s, president, { type: "rollcall:depart", memberId: "m6" });
    s = play(s, president, { type: "rollcall:depart", memberId: "m5" });
    // The item keeps the quorum of its call; every screen shows the one of now.
    expect(s.items.i1?.call?.quorum).toMatchObject({ counted: 6, reached: true });
    expect(projectPublic(s, HEADER).quorum).toMatchObject({ counted: 4, required: 5, reached: false });
  });

  it("QUORUM-11 quorum lost: closing for want of quorum carries every item not examined to a second convocation", () => {
    let s = liveItem(5);
    expect(refusal(s, president, { type: "sitting:close", forWantOfQuorum: true })).toBe("wrong-state");
    s = play(s, president, { type: "rollcall:depart", memberId: "m5" });
    const out = applyCommand(s, president, { type: "sitting:close", forWantOfQuorum: true }, ctx());
    expect(out.ok && out.events.map((e) => e.type)).toEqual(["item:deferred", "item:deferred", "sitting:closed"]);
    s = play(s, president, { type: "sitting:close", forWantOfQuorum: true });
    expect(s.items.i2?.setAside).toMatchObject({ kind: "deferred", byChair: false });
    expect(s.items.i2?.setAside?.reasonFr).toMatch(/Quorum non atteint \(4\/5\).*CGCT L2121-17/);
  });

  it("QUORUM-11 an item deferred for want of quorum cannot be voted: the refusal gives the legal reason", () => {
    let s = liveItem(5);
    s = play(s, president, { type: "rollcall:depart", memberId: "m5" });
    s = play(s, president, { type: "item:call", itemId: "i2" });
    expect(s.items.i2?.status).toBe("deferred");
    const out = applyCommand(s, president, { type: "vote:open", itemId: "i2" }, ctx());
    expect(out.ok ? "accepted" : out.error.code).toBe("no-quorum");
    if (!out.ok) expect(out.error.text.fr).toMatch(/Quorum non atteint.*L2121-17/);
  });
});

describe("items withdrawn or deferred, votes cancelled", () => {
  it("AGENDA-1 the chair withdraws or defers an item with a reason; it shows in every view; not while it is being voted", () => {
    let s = liveItem();
    s = play(s, clerk, { type: "item:defer", itemId: "i2", reason: "dossier incomplet, reporté en commission" });
    expect(s.items.i2).toMatchObject({
      status: "deferred",
      setAside: { kind: "deferred", byChair: true, reasonFr: "dossier incomplet, reporté en commission" },
    });
    expect(projectPublic(s, HEADER).items[1]).toMatchObject({ status: "deferred", setAside: { reasonFr: "dossier incomplet, reporté en commission" } });
    s = play(s, president, { type: "vote:open", itemId: "i1" });
    expect(refusal(s, president, { type: "item:withdraw", itemId: "i1", reason: "retiré" })).toBe("vote-open");
    expect(refusal(s, president, { type: "item:call", itemId: "i2" })).toBe("vote-open");
    expect(refusal(s, councillor("m2"), { type: "item:withdraw", itemId: "i1", reason: "retiré" })).toBe("forbidden");
  });

  it("CANCEL-1 a vote is cancelled before its proclamation with a reason, then opened again afresh", () => {
    let s = play(liveItem(), president, { type: "vote:open", itemId: "i1", mode: "secret" });
    const first = s.openVoteId!;
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId: first, choice: "pour" });
    s = play(s, president, { type: "vote:cancel", voteId: first, reason: "une tablette a voté pour un autre membre" });
    expect(s.votes[first]).toMatchObject({ status: "cancelled", cancelled: { reason: "une tablette a voté pour un autre membre" } });
    expect(s.items.i1?.status).toBe("called");
    expect(s.openVoteId).toBeNull();
    // The cancelled secret urn is never shown.
    expect(projectPublic(s, HEADER).vote).toMatchObject({ id: first, status: "cancelled", tally: null });
    s = play(s, president, { type: "vote:open", itemId: "i1", mode: "secret" });
    expect(s.openVoteId).not.toBe(first);
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId: s.openVoteId!, choice: "contre" });
    s = play(s, president, { type: "vote:close", voteId: s.openVoteId! });
    const closed = s.items.i1!.voteIds[1]!;
    expect(refusal(s, president, { type: "vote:cancel", voteId: first, reason: "encore" })).toBe("wrong-state");
    s = play(s, president, { type: "vote:proclaim", voteId: closed });
    expect(refusal(s, president, { type: "vote:cancel", voteId: closed, reason: "trop tard" })).toBe("wrong-state");
  });
});

describe("amendments", () => {
  it("AMEND-1 AMEND-2 an amendment is voted before its item, with its own result; the item's vote waits for it", () => {
    let s = liveItem();
    s = play(s, clerk, { type: "amendment:propose", itemId: "i1", authorId: "m6", text: "Porter la subvention à 50 000 €" });
    const a = s.items.i1!.amendments[0]!;
    expect(a).toMatchObject({ number: 1, authorId: "m6", status: "pending" });
    expect(refusal(s, president, { type: "vote:open", itemId: "i1" })).toBe("amendments-pending");
    s = play(s, president, { type: "vote:open", itemId: "i1", amendmentId: a.id, mode: "public" });
    const voteId = s.openVoteId!;
    expect(s.items.i1?.status).toBe("called");
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId, choice: "contre" });
    s = play(s, councillor("m3"), { type: "ballot:cast", voteId, choice: "contre" });
    s = play(s, councillor("m6"), { type: "ballot:cast", voteId, choice: "pour" });
    s = play(s, president, { type: "vote:close", voteId });
    s = play(s, president, { type: "vote:proclaim", voteId });
    expect(s.items.i1?.amendments[0]).toMatchObject({ status: "decided", result: { outcome: "rejected", tally: { pour: 1, contre: 2 } } });
    expect(s.items.i1?.result).toBeNull();
    // A second amendment withdrawn; then the item itself.
    s = play(s, clerk, { type: "amendment:propose", itemId: "i1", authorId: "m7", text: "Supprimer l'article 2" });
    s = play(s, clerk, { type: "amendment:withdraw", itemId: "i1", amendmentId: s.items.i1!.amendments[1]!.id, reason: "retiré par son auteur" });
    s = play(s, president, { type: "vote:open", itemId: "i1" });
    expect(s.items.i1?.status).toBe("voting");
    expect(refusal(s, clerk, { type: "amendment:propose", itemId: "i1", authorId: "m7", text: "Trop tard" })).toBe("wrong-state");
  });
});

describe("huis clos", () => {
  it("HUISCLOS-1 asked by the mayor or three members, carried by the absolute majority of members present or represented", () => {
    const s = liveItem(7);
    expect(refusal(s, president, { type: "vote:open", itemId: "i1", motion: "huis-clos", requestedBy: ["m2", "m3"] })).toBe("wrong-state");
    expect(refusal(s, president, { type: "vote:open", itemId: "i1", motion: "huis-clos", requestedBy: ["m2", "m3", "m8"] })).toBe("not-present");
    let t = play(s, president, { type: "vote:open", itemId: "i1", motion: "huis-clos", requestedBy: ["m2", "m3", "m4"], mode: "public" });
    const voteId = t.openVoteId!;
    // 7 present: 4 for are needed; 3 for and 0 against is not enough.
    for (const m of ["m2", "m3", "m4"]) t = play(t, councillor(m), { type: "ballot:cast", voteId, choice: "pour" });
    t = play(t, president, { type: "vote:president-turn", voteId });
    t = play(t, president, { type: "vote:close", voteId });
    t = play(t, president, { type: "vote:proclaim", voteId });
    expect(t.closedSessions[0]?.result).toMatchObject({ outcome: "rejected", ruleId: "VOTE-8", majorityRequired: 4 });
    expect(t.huisClos).toBeNull();
    expect(t.items.i1?.status).toBe("called");
  });

  it("HUISCLOS-2 while the council sits in camera the public sees 'huis clos' and nothing of the item; the council sees all; the chair ends it", () => {
    let s = carryHuisClos(liveItem(7));
    expect(s.huisClos).not.toBeNull();
    s = play(s, president, { type: "vote:open", itemId: "i1", mode: "public" });
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId: s.openVoteId!, choice: "pour" });
    const pub = projectPublic(s, HEADER);
    expect(pub.huisClos).not.toBeNull();
    expect(pub.currentItemId).toBeNull();
    expect(pub.vote).toBeNull();
    expect(pub.items[0]).toMatchObject({ id: "i1", title: "Budget", status: "in-camera", call: null, result: null });
    expect(JSON.stringify(pub)).not.toMatch(/"m2","onBehalfOf"/);
    const council = projectPublic(s, HEADER, "council");
    expect(council.currentItemId).toBe("i1");
    expect(council.vote?.ballotsCast).toBe(1);
    expect(refusal(s, president, { type: "huis-clos:end" })).toBe("vote-open");
    s = play(s, president, { type: "vote:close", voteId: s.openVoteId! });
    s = play(s, clerk, { type: "huis-clos:end" });
    expect(s.closedSessions[0]).toMatchObject({ began: ctx().now, ended: ctx().now });
    // The deliberation is a public act: once the huis clos ends, the public sees its result.
    expect(projectPublic(s, HEADER).items[0]).toMatchObject({ status: "voting", inCamera: true });
  });
});
