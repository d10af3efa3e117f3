// REC-* builders on a handcrafted sitting: the extract's attendance and counts come from the item's call,
// not the opening; the HTML is escaped; the list of deliberations; the ACTES id of an item.
import { emptyConvocation } from "../../core/convocation/sitting-part";
import { describe, expect, it } from "vitest";
import { buildDeliberationList, buildExtract, renderDeliberationListHtml, renderExtractHtml, type ExtractInput } from "@/core/records/extract";
import { renderRichText } from "@/core/records/extract-html";
import { emptyClock, emptyDebate } from "../../core/sitting/debate-state";
import { emptyRecords } from "@/core/records/publication";
import type { ItemState, QuorumSnapshot, RosterMember, SittingState, VoteState } from "@/core/sitting/state";
import { CouncilSettingsSchema } from "@/core/vocabulary";
import { actesIdFor } from "@/server/records/records-service";

const Q = (counted: number, reached = true): QuorumSnapshot => ({
  required: 5,
  counted,
  reached,
  reasonFr: `Quorum ${counted}/5`,
  reasonEn: "",
  ruleId: "QUORUM-1",
});

function member(id: string, name: string, role: string, seat: number): RosterMember {
  const [civility = "", firstName = "", ...last] = name.split(" ");
  return { id, name, civility, firstName, lastName: last.join(" "), role, group: null, seat, birthDate: null };
}

const ROSTER = [
  member("m1", "Mme Léonore MONCOND'HUY", "maire", 1),
  member("m2", "Mme Ombelyne DAGICOUR", "adjoint", 2),
  member("m3", "M. Bastien ARNAUD", "adjoint", 3),
  member("m4", "Mme Claire BELLANGER", "conseiller-delegue", 4),
  member("m5", "M. Didier CHAUVET", "conseiller", 5),
  member("m6", "Mme Élodie DESPRÉS", "conseiller", 6),
  member("m7", "M. François ÉTIENNE", "conseiller", 7),
  member("m8", "Mme Gaëlle FOUCHER", "conseiller", 8),
];
const DETAILS: ExtractInput["memberDetails"] = {
  m1: { civility: "Mme", rank: 0 },
  // m3 is the 1st adjoint although seated after m2: the register follows the order of the table.
  m2: { civility: "Mme", rank: 2 },
  m3: { civility: "M.", rank: 1 },
  m4: { civility: "Mme", rank: 0 },
  m5: { civility: "M.", rank: 0 },
  m6: { civility: "Mme", rank: 0 },
  m7: { civility: "M.", rank: 0 },
  m8: { civility: "Mme", rank: 0 },
};

function item(id: string, order: number, over: Partial<ItemState> = {}): ItemState {
  return {
    id,
    order,
    title: `Point ${order}`,
    kind: "ordinary",
    status: "pending",
    interests: [],
    ballotRequests: { public: [], secret: [] },
    decidedMode: null,
    call: null,
    result: null,
    voteIds: [],
    setAside: null,
    amendments: [],
    nomination: null,
    inCamera: false,
    ...over,
  };
}

const BALLOTS: VoteState["ballots"] = {
  "m2|": { memberId: "m2", onBehalfOf: "", choice: "pour", at: "t" },
  "m3|": { memberId: "m3", onBehalfOf: "", choice: "contre", at: "t" },
  "m5|": { memberId: "m5", onBehalfOf: "", choice: "pour", at: "t" },
  "m5|m6": { memberId: "m5", onBehalfOf: "m6", choice: "abstention", at: "t" },
  "m1|": { memberId: "m1", onBehalfOf: "", choice: "pour", at: "t" },
};

/**
 * Opening at 18h05 (Paris): m1, m2, m4, m5 and m8 present; m3 arrives at 18h40; m8 leaves at 19h00
 * before item 9 is called; m4 is interested in it; m6 (excused) gave m5 a proxy before the opening.
 * This is the state at the call; the end of the sitting differs (see {@link finalState}).
 */
function sitting(): SittingState {
  const tally = { pour: 3, contre: 1, abstention: 1, nppv: 1 };
  return {
    sittingId: "s1",
    councilId: "c1",
    ruleSetId: "fr-cgct",
    date: "2022-10-03",
    settings: CouncilSettingsSchema.parse({}),
    status: "closed",
    secondConvocation: false,
    presidentMemberId: "m1",
    secretaryIds: ["m5"],
    roster: Object.fromEntries(ROSTER.map((m) => [m.id, m])),
    membersInOffice: 8,
    attendance: {
      m1: { status: "present", arrivedAt: null, leftAt: null },
      m2: { status: "present", arrivedAt: null, leftAt: null },
      m3: { status: "present", arrivedAt: "2022-10-03T16:40:00.000Z", leftAt: null },
      m4: { status: "present", arrivedAt: null, leftAt: null },
      m5: { status: "present", arrivedAt: null, leftAt: null },
      m6: { status: "excused", arrivedAt: null, leftAt: null },
      m7: { status: "absent", arrivedAt: null, leftAt: null },
      m8: { status: "left", arrivedAt: "2022-10-03T15:59:00.000Z", leftAt: "2022-10-03T17:00:00.000Z" },
    },
    proxies: { m6: { to: "m5", at: "2022-10-03T15:50:00.000Z", sittingsUsed: 1 } },
    items: {
      i9: item("i9", 9, {
        status: "decided",
        interests: ["m4"],
        decidedMode: "public",
        call: {
          at: "t",
          presentIds: ["m1", "m2", "m3", "m4", "m5"],
          recusedIds: ["m4"],
          proxies: [{ from: "m6", to: "m5" }],
          absentIds: ["m6", "m7", "m8"],
          quorum: Q(4),
        },
        result: {
          outcome: "adopted",
          castingVote: false,
          unanimous: false,
          tally,
          reasonFr: "Adoptée : 3 pour, 1 contre",
          reasonEn: "",
          ruleId: "VOTE-1",
          article: "CGCT L2121-20",
        },
        voteIds: ["v9"],
      }),
      i10: item("i10", 10, {
        status: "decided",
        call: {
          at: "t",
          presentIds: ["m1", "m2", "m3", "m4", "m5"],
          recusedIds: [],
          proxies: [{ from: "m6", to: "m5" }],
          absentIds: ["m6", "m7", "m8"],
          quorum: Q(5),
        },
        result: {
          outcome: "adopted",
          castingVote: false,
          unanimous: true,
          tally: { pour: 6, contre: 0, abstention: 0, nppv: 0 },
          reasonFr: "Adoptée à l'unanimité",
          reasonEn: "",
          ruleId: "VOTE-1",
          article: "CGCT L2121-20",
        },
      }),
      i11: item("i11", 11, {
        status: "decided",
        result: { outcome: "rejected", castingVote: true, unanimous: false, tally, reasonFr: "Rejetée", reasonEn: "", ruleId: "VOTE-3", article: "" },
      }),
      i12: item("i12", 12, { status: "deferred" }),
      i13: item("i13", 13),
    },
    itemOrder: ["i9", "i10", "i11", "i12", "i13"],
    currentItemId: null,
    votes: {
      v9: {
        id: "v9",
        itemId: "i9",
        mode: "public",
        reveal: "live",
        allowChange: true,
        status: "proclaimed",
        openedAt: "t",
        closedAt: "t",
        electorate: Object.values(BALLOTS).map((b) => ({ memberId: b.memberId, onBehalfOf: b.onBehalfOf })),
        lapsed: [],
        changes: {},
        ballots: BALLOTS,
        signatures: [],
        urn: { pour: 0, contre: 0, abstention: 0, nppv: 0 },
        hands: null,
        finalTally: tally,
      },
    },
    openVoteId: null,
    opening: { at: "2022-10-03T16:05:00.000Z", quorum: Q(6) },
    suspensions: [],
    closedSessions: [],
    huisClos: null,
    closedAt: "t",
    minutes: { versions: [], state: "draft", publishedVersion: null, publishedAt: null, corrections: [] },
    records: emptyRecords(),
    convocation: emptyConvocation(),
    debate: emptyDebate(),
    clock: emptyClock(),
    seq: 20,
    lastHash: "h",
  };
}

/** The end of the sitting: m7, absent at the call, was marked excused afterwards. */
function finalState(): SittingState {
  const s = sitting();
  s.attendance.m7 = { status: "excused", arrivedAt: null, leftAt: null };
  return s;
}

function input(over: Partial<ExtractInput["item"]> = {}, itemId = "i9"): ExtractInput {
  return {
    state: finalState(),
    atCall: sitting(),
    itemId,
    council: { name: "Ville de Poitiers", commune: "Poitiers", administrativeCourt: "Tribunal administratif de Poitiers" },
    sitting: { date: "2022-10-03", time: "18:00", place: "Hôtel de Ville", convocationDate: "2022-09-26", postedOn: "2022-09-26" },
    memberDetails: DETAILS,
    item: {
      identifier: "2022-0245",
      title: "Adhésion à l'association Démocratie Ouverte",
      rapporteurs: ["Mme Ombelyne DAGICOUR"],
      commission: "Commission Démocratie",
      service: "Mission Participation citoyenne",
      expose: "Premier paragraphe.\n\n- un\n  - un.a\n- deux",
      proposals: ["de donner votre accord", "d'imputer 2 500 €"],
      observations: null,
      attachments: [],
      actesCode: "9.1",
      actesLabel: "Autres domaines de competences des communes",
      actesNature: "DE",
      postedOn: null,
      publishedOn: null,
      prefectureReceivedOn: null,
      ...over,
    },
    annexes: [],
    actesId: { id: "086-218601946-20221003-2022_0245-DE", provisional: true },
    regime: "electronic",
  };
}

describe("REC-1 extract: attendance and counts at the item's call", () => {
  it("REC-1 attendance is read from the state at the item's call, not the end of the sitting", () => {
    const m = buildExtract(input());
    // m7 was absent when item 9 was called; marked excused only later.
    expect(m.excused).toEqual([]);
    expect(m.absent.flatMap((g) => g.names)).toEqual(["M. François ÉTIENNE", "Mme Gaëlle FOUCHER"]);
  });

  it("REC-11 counts add up to the members in office: present, represented, excused and absent, each member once", () => {
    const m = buildExtract(input());
    // At the call 5 were present (m8 had left), not the 5 of the opening plus the late m3; m6 is represented, not absent.
    expect(m.counts).toEqual({ present: 5, represented: 1, excused: 0, absent: 2, recused: 1 });
    expect(m.counts.present + m.counts.represented + m.counts.excused + m.counts.absent).toBe(m.membersInOffice);
    expect(renderExtractHtml(m)).toContain("5 présents, 1 représenté, 0 absent excusé, 2 absents (8 membres en exercice)");
  });

  it("REC-1 groups by role, president apart, proxies, secretaries, the real tally", () => {
    const m = buildExtract(input());
    expect(m.sittingLine).toBe("SEANCE DU 03/10/2022");
    expect(m.membersInOffice).toBe(8);
    expect(m.quorum).toMatchObject({ required: 5, counted: 4, reached: true });
    expect(m.president).toEqual({ name: "Mme Léonore MONCOND'HUY", title: "Maire" });
    expect(m.present).toEqual([
      { role: "adjoint", label: "Adjoints", names: ["M. Bastien ARNAUD", "Mme Ombelyne DAGICOUR"] },
      { role: "conseiller-delegue", label: "Conseillers municipaux délégués", names: ["Mme Claire BELLANGER"] },
      { role: "conseiller", label: "Conseillers municipaux", names: ["M. Didier CHAUVET"] },
    ]);
    expect(m.proxies).toEqual([{ mandant: "Mme Élodie DESPRÉS", mandataire: "M. Didier CHAUVET" }]);
    expect(m.proxySentence).toMatch(/^La Maire a déposé sur le bureau .*L\. 2121-20/);
    expect(m.secretaries).toEqual(["M. Didier CHAUVET"]);
    expect(m.convocationDate).toBe("26/09/2022");
    expect(m.convocationPostedOn).toBe("26/09/2022");
    expect(m.vote.tally).toEqual({ pour: 3, contre: 1, abstention: 1, nppv: 1 });
    expect(m.vote.modeLabel).toBe("au scrutin public");
    expect(m.vote.result).toMatchObject({ outcome: "adopted", label: "Adopté", reason: "Adoptée : 3 pour, 1 contre" });
    expect(m.item.recused).toEqual(["Mme Claire BELLANGER"]);
    expect(m.signatures).toMatchObject({ presidentLabel: "La Maire,", president: "Mme Léonore MONCOND'HUY", secretaryLabel: "Le secrétaire de séance," });
  });

  it("REC-12 arrivals and departures before the call are in the item's attendance, on the Paris clock", () => {
    const m = buildExtract(input());
    expect(m.movements).toEqual(["M. Bastien ARNAUD est arrivé à 18h40", "Mme Gaëlle FOUCHER a quitté la séance à 19h00"]);
    expect(renderExtractHtml(m)).toContain("<h2>Arrivées et départs en cours de séance</h2>");
  });

  it("REC-11 votants, suffrages exprimés, abstentions and NPPV are printed with the tally", () => {
    const m = buildExtract(input());
    expect(m.vote.figures).toEqual({ votants: 5, exprimes: 4, pour: 3, contre: 1, abstention: 1, nppv: 1, blancsNuls: null });
    const html = renderExtractHtml(m);
    expect(html).toContain('<tr><th>Votants</th><td class="num">5</td></tr>');
    expect(html).toContain('<tr><th>Suffrages exprimés</th><td class="num">4</td></tr>');
    expect(html).not.toContain("blancs ou nuls");
  });

  it("REC-1 public ballot: names by choice, a proxy ballot under the mandant, the interested member as not taking part", () => {
    expect(buildExtract(input()).vote.names).toEqual({
      pour: ["Mme Léonore MONCOND'HUY", "Mme Ombelyne DAGICOUR", "M. Didier CHAUVET"],
      contre: ["M. Bastien ARNAUD"],
      abstention: ["Mme Élodie DESPRÉS (pouvoir à M. Didier CHAUVET)"],
      nppv: ["Mme Claire BELLANGER (intéressée)"],
    });
  });

  it("REC-1 unanimity and casting vote are said in the result", () => {
    expect(buildExtract(input({}, "i10")).vote.result?.label).toBe("Adopté à l'unanimité");
    expect(buildExtract(input({}, "i10")).vote.names).toBeNull();
    expect(buildExtract(input({}, "i11")).vote.result?.label).toBe("Rejeté (voix prépondérante du président)");
  });

  it("REC-6 from 3,500 inhabitants, since 1 July 2022, posting and receipt do not make the act exécutoire; electronic publication does", () => {
    expect(buildExtract(input()).attestation).toMatchObject({ enforceable: false });
    const posted = buildExtract(input({ postedOn: "2022-10-05", prefectureReceivedOn: "2022-10-04" })).attestation;
    expect(posted.enforceable).toBe(false);
    expect(posted.text).toBe(
      "Acte non encore exécutoire (affiché le 5 octobre 2022, reçu en préfecture le 4 octobre 2022) : publication électronique à venir (CGCT, art. L. 2131-1). L'affichage seul ne rend pas l'acte exécutoire.",
    );
    const done = buildExtract(input({ postedOn: "2022-10-05", publishedOn: "2022-10-06", prefectureReceivedOn: "2022-10-04" }));
    expect(done.attestation).toMatchObject({ enforceable: true, since: "2022-10-06" });
    expect(done.attestation.text).toBe(
      "Acte certifié exécutoire le 6 octobre 2022 : affiché le 5 octobre 2022, publié sous forme électronique le 6 octobre 2022, reçu en préfecture le 4 octobre 2022 (CGCT, art. L. 2131-1).",
    );
    // Under a posting regime (a small commune's choice) or before the reform, posting counts.
    expect(buildExtract({ ...input({ postedOn: "2022-10-05", prefectureReceivedOn: "2022-10-04" }), regime: "posting" }).attestation.enforceable).toBe(true);
    expect(
      buildExtract({ ...input({ postedOn: "2022-10-05", prefectureReceivedOn: "2022-10-04" }), regime: "posting-or-electronic" }).attestation.enforceable,
    ).toBe(true);
    expect(done.actes).toMatchObject({ postedOn: "05/10/2022", publishedOn: "06/10/2022", prefectureReceivedOn: "04/10/2022" });
    const html = renderExtractHtml(done);
    expect(html).toContain("Date de publication électronique (ancien champ « Recueil des actes administratifs », RAA)");
    expect(html).not.toMatch(/Date de publication au Recueil/);
  });

  it("REC-2 ACTES block: nomenclature with its accented label, nature, identifier marked prévisionnel until acknowledged", () => {
    const m = buildExtract(input());
    expect(m.actes).toMatchObject({ code: "9.1", label: "Autres domaines de compétences des communes", nature: "DE", natureLabel: "Délibération" });
    expect(m.actes.teletransmissionId).toBe("086-218601946-20221003-2022_0245-DE (prévisionnel)");
    expect(buildExtract({ ...input(), actesId: { id: "086-218601946-20221003-2022_0245-DE", provisional: false } }).actes.teletransmissionId).toBe(
      "086-218601946-20221003-2022_0245-DE",
    );
    expect(buildExtract({ ...input(), actesId: null }).actes.teletransmissionId).toBe("à transmettre");
  });

  it("REC-15 made at, voies et délais de recours naming the court, the footer with the act's identifier", () => {
    const m = buildExtract(input());
    expect(m.madeAt).toBe("Fait à Poitiers, le 3 octobre 2022");
    expect(m.recourse).toMatch(/^Voies et délais de recours : .* devant le Tribunal administratif de Poitiers dans un délai de deux mois/);
    expect(m.recourse).toContain("Télérecours citoyens");
    expect(m.footer).toBe("Délibération n° 2022-0245 — séance du 3 octobre 2022 — 086-218601946-20221003-2022_0245-DE (prévisionnel)");
    expect(buildExtract({ ...input(), council: { name: "x", commune: "Ligugé", administrativeCourt: "" } }).recourse).toContain(
      "devant le tribunal administratif territorialement compétent",
    );
  });

  it("REC-13 the annexes: the draft's PJ. and the files deposited, with type, size and fingerprint", () => {
    const html = renderExtractHtml(
      buildExtract({
        ...input({ attachments: ["Grille tarifaire 2023"] }),
        annexes: [{ name: "grille.pdf", mediaType: "application/pdf", size: 120_000, sha256: "ab".repeat(32), href: "https://x/annexe" }],
      }),
    );
    expect(html).toContain("Pièces jointes au projet (PJ.) : Grille tarifaire 2023.");
    expect(html).toContain('<li><a href="https://x/annexe">grille.pdf</a> — application/pdf, 117 ko, SHA-256 abababababababab…</li>');
  });

  it("REC-1 HTML is a standalone A4 page, French, every text escaped", () => {
    const html = renderExtractHtml(buildExtract(input({ title: `<script>alert("x")</script> & co`, proposals: ["<b>gras</b>"] })));
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(/@page \{ size: A4;/);
    expect(html).toMatch(/font-family: [^;]*serif/);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>gras");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(html).toContain("EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL");
    expect(html).toContain("SEANCE DU 03/10/2022");
    expect(html).toContain("MONCOND&#39;HUY, Maire");
    expect(html).toContain('<tr><th>Pour</th><td class="num">3</td></tr>');
    expect(html).toContain('<tr><th>Ne prend pas part au vote</th><td class="num">1</td></tr>');
    expect(html).toContain("RESULTAT DU VOTE");
    expect(html).toContain('<div class="reason">Adoptée : 3 pour, 1 contre (CGCT L2121-20)</div>');
    expect(html).toContain("<th>Nom du mandant</th><th>Nom du mandataire</th>");
    expect(html).toContain("086-218601946-20221003-2022_0245-DE");
    // Adjoints come before the conseillers in the Présents block.
    expect(html.indexOf("Adjoints")).toBeLessThan(html.indexOf("Conseillers municipaux délégués"));
  });

  it("REC-1 the exposé keeps its paragraphs and nested lists, as text only", () => {
    expect(renderRichText("Premier <i>paragraphe</i>.\n\n- un\n  - un.a\n- deux\n\n1. a\n2. b")).toBe(
      "<p>Premier &lt;i&gt;paragraphe&lt;/i&gt;.</p>\n<ul><li>un<ul><li>un.a</li></ul></li><li>deux</li></ul>\n<ol><li>a</li><li>b</li></ol>",
    );
  });
});

describe("REC-4 list of deliberations", () => {
  it("REC-4 each item with number, identifier, subject and adopted / rejected / deferred / not examined; the day it went online", () => {
    const list = buildDeliberationList({
      state: sitting(),
      council: { name: "Ville de Poitiers", commune: "Poitiers" },
      sitting: { date: "2022-10-03", time: "18:00", place: "Hôtel de Ville" },
      texts: { i9: { identifier: "2022-0245", title: "Adhésion" }, i10: { identifier: "2022-0246", title: "Tarifs" } },
      hrefFor: (id) => `/x/${id}`,
      onlineOn: "2022-10-05",
    });
    expect(list.sittingLine).toBe("Séance du conseil municipal du 3 octobre 2022 à 18h00");
    expect(list.entries.map((x) => [x.number, x.identifier, x.decision, x.decisionLabel, x.href])).toEqual([
      [9, "2022-0245", "adopted", "Adoptée", "/x/i9"],
      [10, "2022-0246", "adopted", "Adoptée à l'unanimité", "/x/i10"],
      [11, "", "rejected", "Rejetée", "/x/i11"],
      [12, "", "deferred", "Reportée (quorum non atteint)", null],
      [13, "", "not-examined", "Non examinée", null],
    ]);
    const html = renderDeliberationListHtml(list);
    expect(html).toContain("LISTE DES DÉLIBÉRATIONS");
    expect(html).toContain("L. 2121-25");
    expect(html).toContain('<a href="/x/i9">Adhésion</a>');
    expect(html).toContain("Liste mise en ligne le 5 octobre 2022.");
  });
});

describe("REC-2 ACTES identifier of an item", () => {
  const council = { departement: "86", siren: "218601946" };
  const it9 = { identifier: "2022-0245", actesNature: "DE", teletransmissionId: null };
  it("REC-2 computed once decided, from the département, SIREN, sitting date, number and nature", () => {
    expect(actesIdFor(council, "2022-10-03", it9, true)).toEqual({ id: "086-218601946-20221003-2022_0245-DE", provisional: true, problem: null });
  });
  it("REC-2 none before the decision; a stored acknowledgement wins and is no longer provisional; a bad nature is reported, not guessed", () => {
    expect(actesIdFor(council, "2022-10-03", it9, false).id).toBeNull();
    expect(actesIdFor(council, "2022-10-03", { ...it9, teletransmissionId: "086-218601946-20221004-2022_0245-DE" }, false)).toMatchObject({
      id: "086-218601946-20221004-2022_0245-DE",
      provisional: false,
    });
    const bad = actesIdFor(council, "2022-10-03", { ...it9, actesNature: "XX" }, true);
    expect(bad.id).toBeNull();
    expect(bad.problem).toMatch(/nature/);
  });
});
