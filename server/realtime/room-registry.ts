// The rooms of this process, one per sitting, each loaded once even when many clients ask at the
// same moment; told of commits made elsewhere (the room follows), of claims won and lost.
import { errorMessage } from "../ports";
import { SittingRoom, type RoomDeps } from "./sitting-room";

/** Loads each sitting once, even when many clients ask at the same moment. */
export class RoomRegistry {
  private rooms = new Map<string, Promise<SittingRoom>>();
  private created = new Set<(room: SittingRoom) => void>();
  private owned = new Set<(room: SittingRoom) => void>();
  private refreshed = new Set<(sittingId: string) => void>();
  constructor(private readonly deps: RoomDeps) {
    // The store lost a sitting it held (several nodes): its room becomes a read copy.
    deps.store.onLost((sittingId) => void this.rooms.get(sittingId)?.then((room) => room.demote()));
  }

  onRoomCreated(fn: (room: SittingRoom) => void): void {
    this.created.add(fn);
  }

  /** Told when a room becomes its sitting's owner after a claim (several nodes). */
  onRoomOwned(fn: (room: SittingRoom) => void): void {
    this.owned.add(fn);
  }

  /** Told after `refresh` (the other nodes reload their copies too). */
  onRefreshed(fn: (sittingId: string) => void): void {
    this.refreshed.add(fn);
  }

  get(sittingId: string): Promise<SittingRoom> {
    let p = this.rooms.get(sittingId);
    if (!p) {
      p = SittingRoom.load(this.deps, sittingId).then((room) => {
        const follow = () => void room.follow().catch((err: unknown) => this.deps.logger.error(`catching up ${sittingId} failed: ${errorMessage(err)}`));
        // A commit made elsewhere (another process or node on the same database): an owner reloads,
        // a read copy folds the new events.
        this.deps.store.watch(sittingId, (lastSeq) => {
          if (lastSeq !== room.state.seq) follow();
        });
        // What was committed between the load and the watch (several nodes).
        if (this.deps.store.shared) follow();
        for (const fn of this.owned) room.onOwned(fn);
        for (const fn of this.created) fn(room);
        return room;
      });
      p.catch(() => this.rooms.delete(sittingId));
      this.rooms.set(sittingId, p);
    }
    return p;
  }

  /** Stops every room's clock (the server is closing). */
  async stop(): Promise<void> {
    for (const p of this.rooms.values()) (await p.catch(() => null))?.stop();
  }

  /** Reload a cached room (e.g. after the clerk edits the agenda) so its views follow, here and on the other nodes. */
  async refresh(sittingId: string): Promise<void> {
    await this.reloadHere(sittingId);
    for (const fn of this.refreshed) fn(sittingId);
  }

  /** Reload this node's copy only (another node's `refresh`). */
  async reloadHere(sittingId: string): Promise<void> {
    const p = this.rooms.get(sittingId);
    if (p) await (await p).reload();
  }
}
