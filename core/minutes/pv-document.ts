// The procès-verbal as a printable document (L2121-15): the sitting, its president and secretaries,
// who was present, represented, excused or absent at the opening (by name), the approval at a later
// held sitting, the minutes' text with the sitting's facts, each deliberation with its identifier,
// decision, figures and operative text, "Fait à …" and the signatures. Pure: the caller walks the text.
import { escapeHtml as esc } from "../html";
import { renderVersionNote } from "../records/extract-html";
import { groupByRole, presidentLabel, presidentWithTitle, secretaryLabel, type MemberDetails, type RoleGroup } from "../records/attendance";
import type { VersionNote } from "../records/publication";
import { usableProxies } from "../sitting/derive";
import type { SittingHeader } from "../sitting/projection";
import type { SittingState } from "../sitting/state";
import { frenchClock, frenchHour, longFrenchDate } from "../time";

export interface PvDeliberation {
  order: number;
  identifier: string;
  title: string;
  /** "Adoptée à l'unanimité", "Rejetée", "Reportée (quorum non atteint)", "Non examinée". */
  decision: string;
  figures: string | null;
  proposals: string[];
  /** "086-218601946-20221003-2022_0245-DE" (with " (prévisionnel)" until transmitted). */
  actesId: string | null;
  /** The published extract (the full text of the act). */
  href: string | null;
  /** Amendments voted before it and a nomination's rounds, one line each (#13). */
  extra?: string[];
}

export interface PvInput {
  state: SittingState;
  /** The state the opening was decided on, and who was present then; null when the sitting never opened. */
  opening: { before: SittingState; presentIds: string[]; at: string } | null;
  header: SittingHeader;
  /** The convocation's dispatch and posting; `urgencyReason` when it was sent in urgency (#19, L2121-12). */
  convocation: { date: string; postedOn: string | null; urgencyReason?: string | null };
  details: MemberDetails;
  /** The minutes' text, facts included, as HTML (escaped by the caller). */
  body: string;
  approval: { version: number | null; hash: string | null; atDate: string; item: { order: number; title: string } | null } | null;
  deliberations: PvDeliberation[];
  note: VersionNote | null;
  /** The speaking time per group and per member (#15), as HTML; empty when nobody spoke. */
  speakingTime?: string;
}

const STYLE = `
@page { size: A4; margin: 18mm 18mm 20mm 18mm; }
body { font-family: "Liberation Serif", "DejaVu Serif", Georgia, serif; font-size: 11pt; color: #111; line-height: 1.42; margin: 0; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 3pt; letter-spacing: .03em; } .sub { text-align: center; margin: 0 0 12pt; }
h2 { font-size: 12pt; border-bottom: .6pt solid #777; margin: 14pt 0 5pt; font-variant: small-caps; letter-spacing: .04em; }
h3 { font-size: 11pt; margin: 10pt 0 3pt; }
.coll { font-variant: small-caps; letter-spacing: .04em; margin-bottom: 8pt; } .coll strong { display: block; font-size: 12.5pt; }
dl.attendance { margin: 0; } dl.attendance dt { font-weight: bold; margin-top: 3pt; } dl.attendance dd { margin: 0 0 0 6mm; }
.group em { font-style: normal; text-decoration: underline; }
.fact { border-left: 3pt solid #000091; background: #f1f4ff; padding: 4pt 8pt; margin: 5pt 0; }
.approval { font-style: italic; } .muted { color: #555; }
.deliberation { break-inside: avoid; border-top: .4pt solid #999; padding-top: 4pt; margin-top: 6pt; } h2 + .deliberation { border-top: 0; }
h2, h3 { break-after: avoid; }
.rectification { display: block; border: 1.2pt solid #111; padding: 2mm 3mm; margin: 0 0 5mm; font-size: 10pt; }
table.speaking { border-collapse: collapse; margin: 4pt 0 8pt; min-width: 60%; break-inside: avoid; } table.speaking caption { text-align: left; font-style: italic; margin-bottom: 2pt; }
table.speaking th, table.speaking td { border-bottom: .4pt solid #999; padding: 1.5pt 6pt 1.5pt 0; text-align: left; } table.speaking .num { text-align: right; font-variant-numeric: tabular-nums; }
.made-at { margin-top: 14pt; } .signatures { margin-top: 8pt; display: flex; justify-content: space-between; break-inside: avoid; } .signatures div { width: 45%; min-height: 22mm; }
`;

/** #19: a convocation sent in urgency says why; the mayor explains it at the opening and the council rules on it (L2121-12). */
function urgencyHtml(reason: string | null | undefined): string {
  return reason
    ? `<p class="urgency">Convocation adressée en urgence, le délai étant abrégé à un jour franc (article L2121-12 du CGCT). Motif de l'urgence : ${esc(reason)}</p>`
    : "";
}

function groupsHtml(groups: RoleGroup[]): string {
  return groups.length ? groups.map((g) => `<span class="group"><em>${esc(g.label)}</em> : ${esc(g.names.join(", "))}</span>`).join(" ; ") : "néant";
}

/** Who was there at the opening, by name: present, represented (with their mandataire), excused, absent. */
function openingAttendance(input: PvInput): string {
  const o = input.opening;
  if (!o) return `<p class="muted">La séance n'a pas été ouverte.</p>`;
  const s = o.before;
  const roster = s.roster;
  const proxies = usableProxies(s);
  const represented = new Set(proxies.map((p) => p.from));
  const here = new Set(o.presentIds);
  const away = Object.keys(roster).filter((id) => !here.has(id) && !represented.has(id));
  const excused = away.filter((id) => s.attendance[id]?.status === "excused");
  const absent = away.filter((id) => s.attendance[id]?.status !== "excused");
  const name = (id: string) => roster[id]?.name ?? id;
  const rows = [
    [`Présents (${o.presentIds.length})`, groupsHtml(groupByRole(roster, o.presentIds, input.details))],
    [`Représentés (${proxies.length})`, proxies.length ? esc(proxies.map((p) => `${name(p.from)} (pouvoir à ${name(p.to)})`).join(", ")) : "néant"],
    [`Absents excusés (${excused.length})`, groupsHtml(groupByRole(roster, excused, input.details))],
    [`Absents (${absent.length})`, groupsHtml(groupByRole(roster, absent, input.details))],
  ];
  return `<p>À l'ouverture de la séance, à ${esc(frenchClock(o.at, s.settings.timeZone))} (${s.membersInOffice} membres en exercice) :</p>
<dl class="attendance">${rows.map(([dt, dd]) => `<dt>${esc(dt ?? "")}</dt><dd>${dd}</dd>`).join("")}</dl>`;
}

function approvalLine(input: PvInput): string {
  const a = input.approval;
  if (!a) return `<p class="approval">Projet — soumis à l'approbation du conseil municipal lors d'une prochaine séance.</p>`;
  const item = a.item ? ` (point n° ${a.item.order} : « ${esc(a.item.title)} », adopté)` : "";
  const version = a.version !== null && a.hash ? ` (version ${a.version}, empreinte SHA-256 ${esc(a.hash.slice(0, 16))}…)` : "";
  const online = input.note ? ` Mis en ligne le ${esc(longFrenchDate(input.note.publishedOn))}.` : "";
  return `<p class="approval">Procès-verbal approuvé par le conseil municipal en sa séance du ${esc(longFrenchDate(a.atDate))}${item}${version}.${online}</p>`;
}

function deliberationsHtml(list: PvDeliberation[]): string {
  return list
    .map(
      (d) => `<div class="deliberation">
<h3>N° ${d.order} — ${esc(d.identifier)} — ${esc(d.title)}</h3>
<p><strong>Décision : ${esc(d.decision)}.</strong>${d.figures ? ` ${esc(d.figures)}.` : ""}</p>
${d.extra?.length ? `<ul class="extra">${d.extra.map((x) => `<li>${esc(x)}</li>`).join("")}</ul>` : ""}
${d.proposals.length ? `<p>Proposition soumise au vote :</p><ul>${d.proposals.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>` : ""}
${d.actesId || d.href ? `<p>${d.actesId ? `Acte ${esc(d.actesId)}.` : ""}${d.href ? ` Texte intégral de la délibération : <a href="${esc(d.href)}">${esc(d.href)}</a>` : ""}</p>` : ""}
</div>`,
    )
    .join("\n");
}

export function renderPvHtml(input: PvInput): { html: string; footer: string } {
  const s = input.state;
  const h = input.header;
  const date = longFrenchDate(h.date);
  const president = presidentWithTitle(s);
  const secretaries = s.secretaryIds.map((id) => s.roster[id]?.name ?? id);
  const presidentName = s.roster[s.presidentMemberId ?? ""]?.name ?? "";
  const madeOn = longFrenchDate(input.approval?.atDate ?? h.date);
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Procès-verbal — ${esc(h.councilName)} — séance du ${esc(date)}</title>
<style>${STYLE}</style></head><body>
<div class="coll">République française<strong>${esc(h.councilName)}</strong></div>
${renderVersionNote(input.note)}
<h1>PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL</h1>
<p class="sub">Séance du ${esc(date)} à ${esc(frenchHour(h.time))} — ${esc(h.place)}</p>
<p>Convocation adressée le ${esc(longFrenchDate(input.convocation.date))}${input.convocation.postedOn ? `, affichée le ${esc(longFrenchDate(input.convocation.postedOn))}` : ""}.</p>${urgencyHtml(input.convocation.urgencyReason)}
<p>Présidence : ${esc(president ?? "—")}. ${esc(secretaryLabel(s.secretaryIds, s.roster))} : ${esc(secretaries.join(", ") || "—")}.</p>
${approvalLine(input)}
<h2>Présences</h2>
${openingAttendance(input)}
<h2>Déroulement de la séance</h2>
${input.body}
${input.speakingTime ?? ""}
<h2>Ordre du jour et délibérations</h2>
${deliberationsHtml(input.deliberations)}
<p class="made-at">Fait à ${esc(h.commune)}, le ${esc(madeOn)}.</p>
<div class="signatures"><div>${esc(presidentLabel(s))},<br>${esc(presidentName)}</div><div>${esc(secretaryLabel(s.secretaryIds, s.roster))},<br>${esc(secretaries.join(", "))}</div></div>
</body></html>`;
  return { html, footer: `Procès-verbal de la séance du conseil municipal du ${date}` };
}
