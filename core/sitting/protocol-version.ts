// The protocol's version and the check each screen makes against the server's `hello`, apart from
// the zod schemas of protocol.ts so that a screen does not download zod to know it (#17: the public
// screen's first-load JavaScript).

// 2: the public view travels as patches ("sitting:patch") after one snapshot.
export const PROTOCOL_VERSION = 2;

/** Why a client and this server cannot talk: the client checks `hello.protocol` against its own. */
export const INCOMPATIBILITY = {
  "client-too-old": { fr: "Séance a été mise à jour : rechargez la page.", en: "Séance was updated: reload the page." },
  "server-too-old": { fr: "Le serveur n'est pas encore à jour : réessayez dans un instant.", en: "The server is not up to date yet: try again in a moment." },
} as const;
export type Incompatibility = keyof typeof INCOMPATIBILITY;

export function incompatibility(serverProtocol: number): Incompatibility | null {
  if (serverProtocol > PROTOCOL_VERSION) return "client-too-old";
  if (serverProtocol < PROTOCOL_VERSION) return "server-too-old";
  return null;
}
