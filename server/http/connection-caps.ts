// How many long-lived connections (Socket.IO, the minutes' websocket, server-sent events) one
// address may hold at once. Generous by default (a town hall's screens and phones share one public
// address), configurable with SEANCE_MAX_CONNECTIONS_PER_ADDRESS; it stops one machine from
// exhausting the server, not a chamber from working.
export class ConnectionCaps {
  private open = new Map<string, number>();
  constructor(readonly perAddress: number) {}

  /** A release function when the address may open one more connection, else null. */
  acquire(address: string): (() => void) | null {
    const n = this.open.get(address) ?? 0;
    if (n >= this.perAddress) return null;
    this.open.set(address, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left <= 0) this.open.delete(address);
      else this.open.set(address, left);
    };
  }

  count(address: string): number {
    return this.open.get(address) ?? 0;
  }
}

export function connectionCapsFrom(env: NodeJS.ProcessEnv = process.env): ConnectionCaps {
  const n = Number(env.SEANCE_MAX_CONNECTIONS_PER_ADDRESS);
  return new ConnectionCaps(Number.isInteger(n) && n > 0 ? n : 1000);
}
