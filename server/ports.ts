// The small interfaces the server's parts are given from outside (wired in server/app.ts): a clock
// and a logger, so tests and benchmarks can pass their own.
export interface Clock {
  now(): Date;
}
export interface Logger {
  info(msg: string): void;
  error(msg: string): void;
}

export const systemClock: Clock = { now: () => new Date() };
export const consoleLogger: Logger = { info: (m) => console.log(m), error: (m) => console.error(m) };

/** The message of anything thrown, for a log line. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
