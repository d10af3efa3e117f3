// WORDS-1: a count on a screen agrees with its word in both languages ("1 vote", "0 présent",
// "1 clear day"; French puts 0 and 1 in the singular), as the interface's catalogues format them.
import { createTranslator } from "use-intl";
import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import fr from "../../messages/fr.json";

const tr = { fr: createTranslator({ locale: "fr", messages: fr }), en: createTranslator({ locale: "en", messages: en }) };
type Key = Parameters<(typeof tr)["fr"]>[0];
const say = (locale: "fr" | "en", key: Key, values: Record<string, string | number>) => tr[locale](key, values);
const date = "3 octobre 2022";

describe("counted words", () => {
  it("WORDS-1 the quorum, the ballots cast and the sealed log", () => {
    expect(say("fr", "attendance.quorumLost", { counted: 0, required: 27 })).toBe("Quorum non atteint : 0 présent pour 27 requis");
    expect(say("fr", "attendance.quorumLost", { counted: 1, required: 27 })).toBe("Quorum non atteint : 1 présent pour 27 requis");
    expect(say("fr", "attendance.quorumReached", { counted: 30, required: 27 })).toBe("Quorum atteint : 30 présents pour 27 requis");
    expect(say("fr", "quorum.lost", { counted: 1, required: 4 })).toBe("Quorum perdu : 1 présent pour 4 requis");
    expect(say("fr", "public.ballotsCast", { cast: 1, expected: 53 })).toBe("1 vote sur 53");
    expect(say("fr", "public.ballotsCast", { cast: 0, expected: 53 })).toBe("0 vote sur 53");
    expect(say("fr", "public.ballotsCast", { cast: 6, expected: 53 })).toBe("6 votes sur 53");
    expect(say("fr", "public.seal", { seq: 1, hash: "ab" })).toBe("Journal scellé : 1 événement · empreinte ab");
    expect(say("en", "public.seal", { seq: 1, hash: "ab" })).toBe("Sealed log: 1 event · fingerprint ab");
    expect(say("en", "public.seal", { seq: 12, hash: "ab" })).toBe("Sealed log: 12 events · fingerprint ab");
  });

  it("WORDS-1 the convocation's clear days, items, members and e-mails", () => {
    expect(say("fr", "convocation.clerk.delayToday", { date, clear: 0, required: 3 })).toBe(
      "Envoi aujourd'hui (3 octobre 2022) : aucun jour franc pour 3 requis",
    );
    expect(say("fr", "convocation.clerk.delayToday", { date, clear: 1, required: 3 })).toBe("Envoi aujourd'hui (3 octobre 2022) : 1 jour franc pour 3 requis");
    expect(say("en", "convocation.clerk.delayToday", { date, clear: 1, required: 3 })).toBe("Sent today (3 octobre 2022): 1 clear day, 3 required");
    expect(say("fr", "convocation.clerk.dispatched", { date, items: 1, recipients: 1, clear: 5, required: 5 })).toBe(
      "Convocation envoyée le 3 octobre 2022 : 1 point, 1 élu — 5 jours francs pour 5 requis",
    );
    expect(say("en", "convocation.clerk.complement", { date, items: 1, recipients: 2, clear: 1 })).toBe(
      "Complement sent on 3 octobre 2022: 1 item, 2 members — 1 clear day",
    );
    expect(say("fr", "convocation.clerk.sent", { date, recipients: 53, emails: 1 })).toBe("Convocation envoyée le 3 octobre 2022 à 53 élus (1 courriel).");
    expect(say("fr", "convocation.clerk.retry", { count: 1 })).toBe("Renvoyer le courriel en échec");
    expect(say("en", "convocation.clerk.retried", { count: 3 })).toBe("3 e-mails sent again.");
  });
});
