// Errors the stores raise, caught by the room (stale state) and the edges (unknown sitting).
export class StaleStateError extends Error {
  constructor() {
    super("the sitting changed in another process");
  }
}
export class UnknownSittingError extends Error {}
