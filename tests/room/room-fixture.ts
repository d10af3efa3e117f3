// The room's tests: the pure core's nine-member sitting (tests/unit/sitting/fixture.ts) in a memory
// store, and the room's dependencies with a clock the test chooses.
import type { SittingHeader } from "../../core/sitting/projection";
import type { RoomDeps } from "../../server/realtime/sitting-room";
import { MemoryBacking, type MemorySittingStore } from "../../server/store/memory-store";
import { sittingSetup } from "../unit/sitting/fixture";

export { IDS, councillor, president } from "../unit/sitting/fixture";

const HEADER: SittingHeader = { councilName: "Ville", commune: "Ville", date: "2022-10-03", time: "18:00", place: "Salle", rapporteursByItem: {} };
export const T0 = Date.parse("2022-10-03T16:05:00.000Z");

/** Storage holding sitting "s" of the nine members, with these settings. */
export function backing(settings: Record<string, unknown> = {}): MemoryBacking {
  const b = new MemoryBacking();
  b.add(sittingSetup(settings), HEADER);
  return b;
}

export function roomDeps(store: MemorySittingStore, clock: { now(): Date } = { now: () => new Date(T0) }): RoomDeps {
  return { store, clock, logger: { info: () => undefined, error: () => undefined }, receiptKey: Buffer.alloc(32, 7) };
}
