// The quorum the chair can expect before opening (#19.4): from the declarations in advance and the
// roll call so far, how many members will be in the room at least and at most, against the quorum
// the rules engine requires. Pure; shown on the mayor's console and the clerk's screen.
import { computeQuorum } from "../rules";
import { frCount } from "../rules/reason";
import { ruleSetOf } from "../sitting/derive";
import type { SittingState } from "../sitting/state";
import type { Bilingual } from "../vocabulary";

export interface AttendanceForecast {
  membersInOffice: number;
  /** Declared they will attend, or already marked present. */
  confirmed: number;
  /** Apologies without a proxy. */
  apologies: number;
  /** Apologies with a written proxy. */
  proxies: number;
  noAnswer: number;
  /** Members present the quorum needs (0 at a second convocation). */
  required: number;
  /** Members who may be in the room: everyone but apologies and proxies. */
  atMost: number;
  outlook: "assured" | "possible" | "impossible";
  text: Bilingual;
}

export function forecastAttendance(state: SittingState): AttendanceForecast {
  const ids = Object.keys(state.roster);
  let confirmed = 0;
  let apologies = 0;
  let proxies = 0;
  for (const id of ids) {
    const a = state.attendance[id]?.status;
    const d = state.convocation.advance[id]?.intent;
    if (a === "present" || (d === "attend" && a !== "excused" && a !== "absent")) confirmed += 1;
    else if (state.proxies[id]) proxies += 1;
    else if (a === "excused" || a === "absent" || d === "apologies") apologies += 1;
  }
  const membersInOffice = state.membersInOffice;
  const atMost = membersInOffice - apologies - proxies;
  const q = computeQuorum(ruleSetOf(state), {
    membersInOffice,
    present: confirmed,
    recused: 0,
    represented: proxies,
    secondConvocation: state.secondConvocation,
  });
  const required = q.required;
  const outlook = q.reached ? "assured" : atMost < required ? "impossible" : "possible";
  const text: Record<typeof outlook, Bilingual> = {
    assured: {
      fr: `Quorum assuré : ${frCount(confirmed, "présent annoncé", "présents annoncés")} pour ${required} requis`,
      en: `Quorum assured: ${confirmed} announced present, ${required} required`,
    },
    possible: {
      fr: `Quorum possible : ${frCount(confirmed, "présent annoncé", "présents annoncés")}, ${atMost} au plus, pour ${required} requis`,
      en: `Quorum possible: ${confirmed} announced present, ${atMost} at most, ${required} required`,
    },
    impossible: {
      fr: `Quorum hors d'atteinte : ${frCount(atMost, "présent", "présents")} au plus pour ${required} requis`,
      en: `Quorum out of reach: ${atMost} present at most, ${required} required`,
    },
  };
  return {
    membersInOffice,
    confirmed,
    apologies,
    proxies,
    noAnswer: membersInOffice - confirmed - apologies - proxies,
    required,
    atMost,
    outlook,
    text: text[outlook],
  };
}
