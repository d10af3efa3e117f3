// The demo sitting as a real one stands on its day: the convocation went out on 26 September 2022
// (five clear days before 3 October, L2121-12) and the ordre du jour was posted the same day, so the
// public screen shows the agenda before the opening (#19.3). Decided by the sitting's own rules,
// through its room, like the clerk's "send" and "publish" (without e-mails: the demo has no addresses).
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import type { RoomRegistry } from "../realtime/sitting-room";
import { DEMO_SITTING_ID } from "./roster";

export async function conveneDemo(db: Db, rooms: RoomRegistry): Promise<void> {
  const sitting = await db.sitting.findUnique({ where: { id: DEMO_SITTING_ID }, include: { council: true, items: { orderBy: { order: "asc" } } } });
  if (!sitting) return;
  const room = await rooms.get(DEMO_SITTING_ID);
  if (room.state.convocation.dispatches.length) return;
  const clerk = { userId: "u-clerk", role: "clerk" as const, memberId: null, councilId: sitting.councilId };
  const on = sitting.convocationDate;
  const send = async (command: Parameters<typeof room.handle>[1]["command"]) => {
    const r = await room.handle(clerk, { sittingId: DEMO_SITTING_ID, commandId: `demo-${randomUUID()}`, command });
    if (!r.ok) throw new Error(`demo convocation: ${command.type} refused (${r.error.code} ${r.error.detail ?? ""})`);
  };
  await send({
    type: "convocation:send",
    on,
    urgencyReason: null,
    itemIds: sitting.items.map((it) => it.id),
    recipients: Object.keys(room.state.roster).length,
    letterSha256: createHash("sha256").update(`demo convocation ${DEMO_SITTING_ID} ${on}`).digest("hex"),
    population: sitting.council.population,
    departement: sitting.council.departement,
  });
  await send({ type: "agenda:publish", on });
}
