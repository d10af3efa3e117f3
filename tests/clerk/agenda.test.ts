// CLERK-2/3/4/9: a convened sitting's details and agenda — create, edit, remove, reorder — frozen
// once the sitting is opened, refused to anyone but the clerk of its council, and seen at once by
// the live views.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClerkSitting } from "../../core/api/clerk-agenda";
import { Client, createSittingAs, signInWithPassword } from "../helpers/test-server";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { call, data, emptySitting, startClerkFixture, type ClerkFixture } from "./clerk-fixture";

let f: ClerkFixture;
beforeAll(async () => {
  f = await startClerkFixture();
});
afterAll(async () => {
  await f.stop();
});

const get = async (sid: string) => data<ClerkSitting>(await call(f.srv.url, "GET", `/api/clerk/sittings/${sid}`, f.clerk));
const snapshot = async (sid: string) => JSON.stringify(await get(sid));
const ITEM = { identifier: "2022-0300", title: "Tarifs des équipements sportifs" };

describe("CLERK-2 the sitting's details", () => {
  it("CLERK-2 edits date, time, place, convocation, president and secretaries", async () => {
    const sid = await emptySitting(f);
    const r = await call(f.srv.url, "PATCH", `/api/clerk/sittings/${sid}`, f.clerk, {
      date: "2022-10-10",
      time: "18:30",
      place: "Salle des fêtes",
      convocationDate: "2022-10-04",
      presidentMemberId: "m01",
      secretaryIds: ["m28", "m30"],
    });
    expect(r.status).toBe(200);
    expect(await get(sid)).toMatchObject({
      date: "2022-10-10",
      time: "18:30",
      place: "Salle des fêtes",
      convocationDate: "2022-10-04",
      presidentMemberId: "m01",
      secretaryIds: ["m28", "m30"],
      editable: true,
    });
  });

  it("CLERK-2 refuses bad values and changes nothing", async () => {
    const sid = await emptySitting(f);
    const before = await snapshot(sid);
    const bad = [
      {},
      { date: "2022-02-30" },
      { time: "25:00" },
      { place: "" },
      { convocationDate: "2022-10-04" }, // after the sitting of 3 October
      { presidentMemberId: "x01" }, // another council's member
      { secretaryIds: ["nobody"] },
      { status: "closed" },
    ];
    for (const body of bad) {
      const r = await call(f.srv.url, "PATCH", `/api/clerk/sittings/${sid}`, f.clerk, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect(await snapshot(sid)).toBe(before);
  });

  it("CLERK-2 a new sitting convened after its own day is refused in words, and none is created", async () => {
    const list = async () => data<{ sittings: unknown[] }>(await call(f.srv.url, "GET", "/api/clerk/overview", f.clerk)).sittings.length;
    const before = await list();
    const r = await call(f.srv.url, "POST", "/api/clerk/sittings", f.clerk, {
      date: "2026-12-01",
      time: "18:00",
      place: "Salle",
      convocationDate: "2026-12-05",
    });
    expect(r.status).toBe(400);
    expect((r.json.error as { text?: { fr: string } }).text?.fr).toBe("La convocation ne peut pas être postérieure à la séance.");
    expect(await list()).toBe(before);
  });
});

describe("CLERK-3 agenda items", () => {
  it("CLERK-3 creates an item after the last one and edits every field", async () => {
    const { sittingId: sid } = await createSittingAs(f.srv.url, f.clerk);
    const created = await call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/items`, f.clerk, ITEM);
    expect(created.status).toBe(201);
    const { itemId, order } = data<{ itemId: string; order: number }>(created);
    expect(order).toBe(12); // the demo agenda ends at 11
    const fields = {
      title: "Tarifs 2023 des équipements sportifs",
      kind: "compte-administratif",
      rapporteurs: ["M. Bastien ARNAUD", "Mme Claire BELLANGER"],
      commission: "Commission Sports",
      service: "Direction des sports",
      expose: "Les tarifs n'ont pas changé depuis 2019.\n\nIl est proposé de les réviser.",
      proposals: ["d'approuver les tarifs annexés", "d'autoriser Madame la Maire à signer"],
      attachments: ["Grille tarifaire 2023"],
      observations: "Vu en commission le 20 septembre",
      actesCode: "7.10",
      actesLabel: "Divers",
      actesNature: "DE",
      budgetArticle: "70631",
      budgetName: "Principal",
      budgetYear: "2023",
      amounts: [12.5, 300],
    };
    const r = await call(f.srv.url, "PATCH", `/api/clerk/items/${itemId}`, f.clerk, fields);
    expect(r.status).toBe(200);
    const item = (await get(sid)).items.find((it) => it.id === itemId);
    expect(item).toMatchObject({ ...fields, identifier: "2022-0300", order: 12 });
    // Clearing a text field with an empty string stores nothing rather than "".
    await call(f.srv.url, "PATCH", `/api/clerk/items/${itemId}`, f.clerk, { observations: "" });
    expect((await get(sid)).items.find((it) => it.id === itemId)?.observations).toBeNull();
  });

  it("CLERK-3 a field the form got wrong is named in the clerk's words: the refusal says which field and why, in French", async () => {
    const sid = await emptySitting(f);
    const r = await call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/items`, f.clerk, { identifier: "x".repeat(200), title: "Point" });
    expect(r.status).toBe(400);
    const text = r.json.error?.text;
    // Not only "Requête invalide": the field and the reason, in French and in English.
    expect(text?.fr).toMatch(/^Requête invalide — identifier : Trop grand/);
    expect(text?.en).toMatch(/^Malformed request — identifier: Too big/);
  });

  it("CLERK-3 refuses bad item fields and a duplicate identifier, changing nothing", async () => {
    const { sittingId: sid, itemIds } = await createSittingAs(f.srv.url, f.clerk);
    const before = await snapshot(sid);
    const badCreate = [{}, { identifier: "2022-0301" }, { ...ITEM, identifier: "" }, { ...ITEM, identifier: "2022-0245" }, { ...ITEM, extra: true }];
    for (const body of badCreate) {
      const r = await call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/items`, f.clerk, body);
      expect([400, 409], JSON.stringify(body)).toContain(r.status);
    }
    const badEdit = [
      {},
      { title: "" },
      { kind: "urgent" },
      { actesCode: "12.4" },
      { actesNature: "XX" },
      { budgetYear: "23" },
      { amounts: [-1] },
      { rapporteurs: "M. ARNAUD" },
      { identifier: "ceci est un identifiant beaucoup trop long" },
      { identifier: "2022-0243" }, // item 7 of the same sitting
      { order: 1 },
    ];
    for (const body of badEdit) {
      const r = await call(f.srv.url, "PATCH", `/api/clerk/items/${itemIds[2]}`, f.clerk, body);
      expect([400, 409], JSON.stringify(body)).toContain(r.status);
      expect(r.json.ok).toBe(false);
    }
    expect(await snapshot(sid)).toBe(before);
  });

  it("CLERK-3 removes an item the log does not mention", async () => {
    const { sittingId: sid, itemIds } = await createSittingAs(f.srv.url, f.clerk);
    const r = await call(f.srv.url, "DELETE", `/api/clerk/items/${itemIds[0]}`, f.clerk);
    expect(r.status).toBe(200);
    expect((await get(sid)).items.map((it) => it.order)).toEqual([8, 9, 10, 11]);
  });

  it("CLERK-3 freezes the agenda once the sitting is opened", async () => {
    const { sittingId: sid, itemIds } = await createSittingAs(f.srv.url, f.clerk);
    await f.srv.db.sitting.update({ where: { id: sid }, data: { status: "opened" } });
    const before = await snapshot(sid);
    expect((await get(sid)).editable).toBe(false);
    const attempts = [
      call(f.srv.url, "PATCH", `/api/clerk/sittings/${sid}`, f.clerk, { place: "Ailleurs" }),
      call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/items`, f.clerk, ITEM),
      call(f.srv.url, "PATCH", `/api/clerk/items/${itemIds[0]}`, f.clerk, { title: "Autre" }),
      call(f.srv.url, "DELETE", `/api/clerk/items/${itemIds[0]}`, f.clerk),
      call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/items/reorder`, f.clerk, { itemIds: [...itemIds].reverse() }),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status).toBe(409);
      expect(r.json.error?.code).toBe("wrong-state");
      expect(r.json.error?.text?.fr).toBeTruthy();
    }
    expect(await snapshot(sid)).toBe(before);
  });

  it("CLERK-3 an item the log names cannot be removed", async () => {
    const { sittingId: sid, itemIds } = await createSittingAs(f.srv.url, f.clerk);
    const councillor = new Client(f.srv.url, sid, f.councillor);
    await councillor.subscribe();
    // An interest may be declared before the opening; the log then names the item.
    await councillor.sendOk({ type: "interest:declare", itemId: itemIds[1]!, memberId: "m02" });
    councillor.close();
    const r = await call(f.srv.url, "DELETE", `/api/clerk/items/${itemIds[1]}`, f.clerk);
    expect(r.status).toBe(409);
    expect((await get(sid)).items).toHaveLength(5);
  });
});

describe("CLERK-4 reorder", () => {
  it("CLERK-4 hands the agenda's numbers out again in the new sequence", async () => {
    const { sittingId: sid, itemIds } = await createSittingAs(f.srv.url, f.clerk);
    const [a, b, c, d, e] = itemIds as [string, string, string, string, string];
    const r = await call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/items/reorder`, f.clerk, { itemIds: [c, a, b, e, d] });
    expect(r.status).toBe(200);
    const items = (await get(sid)).items;
    expect(items.map((it) => [it.id, it.order])).toEqual([
      [c, 7],
      [a, 8],
      [b, 9],
      [e, 10],
      [d, 11],
    ]);
  });

  it("CLERK-4 refuses a list that is not exactly the sitting's items", async () => {
    const { sittingId: sid, itemIds } = await createSittingAs(f.srv.url, f.clerk);
    const before = await snapshot(sid);
    for (const list of [itemIds.slice(1), [...itemIds, itemIds[0]!], [...itemIds.slice(1), "i-unknown"], []]) {
      const r = await call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/items/reorder`, f.clerk, { itemIds: list });
      expect(r.status).toBe(400);
    }
    expect(await snapshot(sid)).toBe(before);
  });
});

describe("CLERK-1 who may prepare a sitting", () => {
  it("CLERK-1 anonymous 401, a councillor 403, another council's clerk 403 — nothing changes", async () => {
    const { sittingId: sid, itemIds } = await createSittingAs(f.srv.url, f.clerk);
    const before = await snapshot(sid);
    const routes: [string, string, unknown][] = [
      ["GET", `/api/clerk/sittings/${sid}`, undefined],
      ["PATCH", `/api/clerk/sittings/${sid}`, { place: "Ailleurs" }],
      ["POST", `/api/clerk/sittings/${sid}/items`, ITEM],
      ["POST", `/api/clerk/sittings/${sid}/items/reorder`, { itemIds: [...itemIds].reverse() }],
      ["PATCH", `/api/clerk/items/${itemIds[0]}`, { title: "Autre" }],
      ["DELETE", `/api/clerk/items/${itemIds[0]}`, undefined],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(f.srv.url, method, path, null, body)).status, `${method} ${path} anonymous`).toBe(401);
      expect((await call(f.srv.url, method, path, f.councillor, body)).status, `${method} ${path} councillor`).toBe(403);
      const other = await call(f.srv.url, method, path, f.otherClerk, body);
      expect(other.status, `${method} ${path} other clerk`).toBe(403);
      expect(other.json.error?.code).toBe("wrong-sitting");
    }
    expect(await snapshot(sid)).toBe(before);
  });

  it("CLERK-1 a cross-site request is refused", async () => {
    const sid = await emptySitting(f);
    const res = await fetch(`${f.srv.url}/api/clerk/sittings/${sid}/items`, {
      method: "POST",
      headers: { "Content-Type": "application/json", cookie: f.clerk, origin: "https://evil.example" },
      body: JSON.stringify(ITEM),
    });
    expect(res.status).toBe(403);
    expect((await get(sid)).items).toHaveLength(0);
  });
});

describe("CLERK-9 live views follow the clerk's changes", () => {
  it("CLERK-9 the mayor's console following the sitting sees a new item, a new order and new details", async () => {
    const { sittingId: sid, itemIds } = await createSittingAs(f.srv.url, f.clerk);
    // The public sees the agenda once the ordre du jour is published (CONV-12); the chair before that.
    const screen = new Client(f.srv.url, sid, await signInWithPassword(f.srv.url, "maire", DEMO_PASSWORDS.president));
    await screen.subscribe();
    const items = (c: Client) => (c.view?.items.length ? c.view.items : (c.chair?.agenda ?? []));
    expect(items(screen)).toHaveLength(5);
    await call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/items`, f.clerk, ITEM);
    await screen.until((c) => items(c).some((it) => it.title === ITEM.title), "the new item");
    await call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/items/reorder`, f.clerk, {
      itemIds: [...itemIds.slice(1), itemIds[0]!, ...(await get(sid)).items.filter((it) => !itemIds.includes(it.id)).map((it) => it.id)],
    });
    await screen.until((c) => items(c).find((it) => it.id === itemIds[0])?.order === 11, "the new order");
    await call(f.srv.url, "PATCH", `/api/clerk/sittings/${sid}`, f.clerk, { place: "Salle des fêtes" });
    await screen.until((c) => c.view?.header.place === "Salle des fêtes", "the new place");
    screen.close();
  });
});
