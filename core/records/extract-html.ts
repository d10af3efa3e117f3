// Standalone, printable HTML of the official records (A4, French, serif, inline CSS): the extract
// of the register and the list of deliberations. Every text from the database is escaped here.
import type { DeliberationListModel } from "./deliberation-list";
import type { ExtractModel, RoleGroup } from "./extract";
import type { VersionNote } from "./publication";
import { longFrenchDate } from "../time";
import { escapeHtml as e } from "../html";

interface ListNode {
  ordered: boolean;
  items: { text: string; children: ListNode[] }[];
}

const LIST_LINE = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;

function renderList(node: ListNode): string {
  const tag = node.ordered ? "ol" : "ul";
  const items = node.items.map((it) => `<li>${e(it.text)}${it.children.map(renderList).join("")}</li>`).join("");
  return `<${tag}>${items}</${tag}>`;
}

/** Lines of list items → nested lists by indentation (the exposé keeps the clerk's nesting). */
function parseList(lines: readonly string[]): ListNode {
  const root: ListNode = { ordered: /^\s*\d/.test(lines[0] ?? ""), items: [] };
  const stack: { indent: number; node: ListNode }[] = [];
  for (const line of lines) {
    const m = LIST_LINE.exec(line);
    if (!m) continue;
    const indent = (m[1] ?? "").length;
    const item = { text: m[3] ?? "", children: [] as ListNode[] };
    while (stack.length > 1 && (stack[stack.length - 1]?.indent ?? 0) > indent) stack.pop();
    const top = stack[stack.length - 1];
    if (!top) {
      root.items.push(item);
      stack.push({ indent, node: root });
    } else if (indent > top.indent) {
      const parent = top.node.items[top.node.items.length - 1];
      const child: ListNode = { ordered: /^\d/.test(m[2] ?? ""), items: [item] };
      if (parent) parent.children.push(child);
      else top.node.items.push({ text: "", children: [child] });
      stack.push({ indent, node: child });
    } else top.node.items.push(item);
  }
  return root;
}

/** The exposé's Markdown-ish text: paragraphs (blank-line separated) and nested lists; nothing else is interpreted. */
export function renderRichText(text: string): string {
  const out: string[] = [];
  for (const block of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = block.split("\n").filter((l) => l.trim() !== "");
    let i = 0;
    while (i < lines.length) {
      const listLines: string[] = [];
      while (i < lines.length && LIST_LINE.test(lines[i] ?? "")) listLines.push(lines[i++] ?? "");
      if (listLines.length) out.push(renderList(parseList(listLines)));
      const para: string[] = [];
      while (i < lines.length && !LIST_LINE.test(lines[i] ?? "")) para.push((lines[i++] ?? "").trim());
      if (para.length) out.push(`<p>${e(para.join(" "))}</p>`);
    }
  }
  return out.join("\n");
}

const STYLE = `
@page { size: A4; margin: 16mm 18mm 18mm 18mm; }
* { box-sizing: border-box; }
html { background: #e9e6df; }
body { margin: 0; font-family: "Liberation Serif", "Times New Roman", "DejaVu Serif", Times, serif; font-size: 11pt; line-height: 1.38; color: #111; }
.page { width: 210mm; min-height: 297mm; margin: 12mm auto; padding: 16mm 18mm; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
@media print { html { background: #fff; } .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; } }
header.top { display: flex; justify-content: space-between; gap: 8mm; align-items: flex-start; margin-bottom: 8mm; }
.coll { font-variant: small-caps; letter-spacing: .04em; line-height: 1.25; }
.coll strong { font-size: 13pt; display: block; }
.attestation { width: 78mm; border: 1px solid #111; padding: 2.5mm 3mm; font-size: 9pt; font-style: italic; }
.attestation.pending { border-style: dashed; color: #444; }
h1 { font-size: 13.5pt; text-align: center; letter-spacing: .06em; margin: 0 0 1.5mm; font-weight: bold; }
.sitting { text-align: center; font-weight: bold; font-size: 12pt; margin: 0; letter-spacing: .05em; }
.place { text-align: center; margin: .5mm 0 5mm; }
dl.facts { display: grid; grid-template-columns: 64mm 1fr; margin: 0 0 3mm; row-gap: .6mm; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
h2 { font-size: 11pt; font-variant: small-caps; letter-spacing: .05em; margin: 4mm 0 1mm; border-bottom: .4pt solid #777; break-after: avoid; }
.keep { break-inside: avoid; }
.group { margin: .5mm 0; }
.group em { font-style: normal; text-decoration: underline; }
table { border-collapse: collapse; width: 100%; margin: 1.5mm 0 2mm; }
th, td { border: .6pt solid #333; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #f1efe9; font-weight: bold; }
td.num { text-align: right; width: 20mm; font-variant-numeric: tabular-nums; }
td.decision { width: 48mm; }
.list td.num { width: 12mm; }
.item-head { border-top: 1.2pt solid #111; margin-top: 6mm; padding-top: 2mm; }
.item-title { font-weight: bold; font-size: 12pt; margin: 1.5mm 0; }
.expose p { text-align: justify; margin: 0 0 2mm; }
.expose ul, .expose ol, .proposals { margin: 0 0 2mm; padding-left: 7mm; }
.proposals li { font-weight: bold; margin-bottom: 1mm; }
.lead { font-weight: bold; margin: 3mm 0 1mm; }
.result { border: 1.2pt solid #111; padding: 2mm 3mm; margin: 2mm 0; break-inside: avoid; }
.result .outcome { font-weight: bold; font-size: 12.5pt; text-transform: uppercase; letter-spacing: .04em; }
.result .reason { font-size: 9.5pt; font-style: italic; }
.names dt { font-weight: bold; margin-top: 1mm; }
.names dd { margin: 0 0 0 6mm; }
.signatures { display: flex; justify-content: space-between; margin: 6mm 0 4mm; break-inside: avoid; }
.signatures div { width: 45%; min-height: 20mm; }
.actes { font-size: 9.5pt; break-inside: avoid; }
.actes th { width: 72mm; font-weight: normal; background: #f7f6f2; }
.muted { color: #555; }
.rectification { display: block; border: 1.2pt solid #111; padding: 2mm 3mm; margin: 0 0 5mm; font-size: 10pt; }
.movements { margin: 1mm 0 2mm; padding-left: 7mm; }
.figures td.num { width: 16mm; }
.made-at { margin: 5mm 0 0; }
.recourse { font-size: 8.5pt; color: #222; border-top: .4pt solid #777; padding-top: 2mm; margin-top: 4mm; text-align: justify; break-inside: avoid; }
.annexes li { margin-bottom: .5mm; }
a { color: inherit; }
`;

/** A rectified record says so at its top, why, and where its earlier versions remain (#14.5). */
export function renderVersionNote(note: VersionNote | null): string {
  if (!note || note.version === 1) return "";
  const previous = note.previous.map((p) => `<a href="${e(p.href)}">version ${p.version} publiée le ${e(longFrenchDate(p.publishedOn))}</a>`).join(", ");
  return `<aside class="rectification"><strong>Version ${note.version}, rectifiée le ${e(longFrenchDate(note.publishedOn))}</strong>${note.reason ? ` : ${e(note.reason)}` : ""}. Versions précédentes, consultables : ${previous}.</aside>`;
}

function htmlDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="page">
${body}
</main>
</body>
</html>
`;
}

/** The engine's sentence usually names its article already; add it only when it does not. */
function withArticle(reason: string, article: string): string {
  return !article || reason.includes(article) ? reason : `${reason} (${article})`;
}

function groups(list: RoleGroup[]): string {
  if (!list.length) return `<p class="group muted">Néant</p>`;
  return list.map((g) => `<p class="group"><em>${e(g.label)}</em> : ${e(g.names.join(", "))}</p>`).join("\n");
}

function fact(label: string, value: string | null | undefined): string {
  return `<dt>${e(label)}</dt><dd>${value ? e(value) : `<span class="muted">—</span>`}</dd>`;
}

function header(councilName: string, commune: string, aside: string): string {
  return `<header class="top">
<div class="coll">République française<strong>${e(councilName)}</strong>${e(commune)}</div>
${aside}
</header>`;
}

function countsLine(m: ExtractModel): string {
  const c = m.counts;
  const n = (k: number, one: string, many: string) => `${k} ${k > 1 ? many : one}`;
  return `${n(c.present, "présent", "présents")}, ${n(c.represented, "représenté", "représentés")}, ${n(c.excused, "absent excusé", "absents excusés")}, ${n(c.absent, "absent", "absents")} (${m.membersInOffice} membres en exercice)`;
}

/** The figures of the vote (#14.6): votants, suffrages exprimés, then each choice. */
function figuresTable(m: ExtractModel): string {
  const f = m.vote.figures;
  const row = (label: string, value: number | null | undefined) => `<tr><th>${e(label)}</th><td class="num">${value ?? "—"}</td></tr>`;
  return `<table class="figures"><tbody>
${row("Votants", f?.votants)}
${f && f.blancsNuls !== null ? row("Bulletins blancs ou nuls", f.blancsNuls) : ""}
${row("Suffrages exprimés", f?.exprimes)}
${row("Pour", f?.pour)}
${row("Contre", f?.contre)}
${f && f.blancsNuls !== null ? "" : row("Abstention", f?.abstention)}
${row("Ne prend pas part au vote", f?.nppv)}
</tbody></table>`;
}

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} Mo` : `${Math.max(1, Math.round(bytes / 1024))} ko`;
}

/** The whole sitting's facts on the item (#13): amendments voted first, a nomination's rounds, votes cancelled, ballots the chair recorded. */
function wholeSitting(m: ExtractModel): string {
  const w = m.wholeSitting;
  const parts: string[] = [];
  if (w.inCamera) parts.push(`<p><strong>Délibération prise à huis clos</strong> (CGCT L. 2121-18).</p>`);
  if (w.amendments.length)
    parts.push(`<h2>Amendements</h2>
<ol class="amendments">${w.amendments
      .map(
        (a) =>
          `<li><strong>${e(a.decision)}</strong> — déposé par ${e(a.author)} : « ${e(a.text)} »${a.figures ? `<br>${e(a.figures)}` : ""}${a.reason ? `<br>${e(a.reason)}` : ""}</li>`,
      )
      .join("")}</ol>`);
  if (w.nomination) {
    const n = w.nomination;
    parts.push(`<h2>Désignation</h2>
<p>${n.seats} siège${n.seats > 1 ? "s" : ""} à pourvoir. Candidats : ${e(n.candidates.join(", ") || "—")}.</p>
${n.openBallot ? `<p>Le conseil municipal a décidé à l'unanimité de ne pas procéder au scrutin secret (CGCT L. 2121-21).</p>` : ""}
<ol class="rounds">${n.rounds.map((r) => `<li>${e(r)}</li>`).join("")}</ol>`);
  }
  if (w.cancelled.length) parts.push(`<ul class="cancelled">${w.cancelled.map((c) => `<li>${e(c)}.</li>`).join("")}</ul>`);
  if (w.paperBallots)
    parts.push(
      `<p>Dont ${w.paperBallots} bulletin${w.paperBallots > 1 ? "s" : ""} de l'urne papier, dépouillé${w.paperBallots > 1 ? "s" : ""} par la présidence.</p>`,
    );
  if (w.byChair.length) parts.push(`<p>Votes enregistrés par la présidence pour des membres sans tablette : ${e(w.byChair.join(", "))}.</p>`);
  return parts.length
    ? `<section class="whole-sitting">
${parts.join("\n")}
</section>`
    : "";
}

/** The draft's announced attachments and the files deposited: both published with the act. */
function annexes(m: ExtractModel): string {
  if (!m.annexes.length && !m.item.attachments.length) return "";
  const deposited = m.annexes
    .map((a) => `<li><a href="${e(a.href)}">${e(a.name)}</a> — ${e(a.mediaType)}, ${fileSize(a.size)}, SHA-256 ${e(a.sha256.slice(0, 16))}…</li>`)
    .join("");
  return `<section class="annexes">
<h2>Annexes</h2>
${m.item.attachments.length ? `<p>Pièces jointes au projet (PJ.) : ${e(m.item.attachments.join(" ; "))}.</p>` : ""}
${deposited ? `<ol>${deposited}</ol>` : `<p class="muted">Aucun fichier annexe déposé.</p>`}
</section>`;
}

export function renderExtractHtml(m: ExtractModel): string {
  const v = m.vote;
  const names = v.names;
  const body = `
${header(m.councilName, m.commune, `<aside class="attestation${m.attestation.enforceable ? "" : " pending"}">${e(m.attestation.text)}</aside>`)}
${renderVersionNote(m.version)}
<h1>${e(m.title)}</h1>
<p class="sitting">${e(m.sittingLine)}</p>
<p class="place">${e(m.place)} — ${e(m.time.replace(":", "h"))}${m.secondConvocation ? " — seconde convocation, sans condition de quorum (CGCT L. 2121-17)" : ""}</p>
<dl class="facts">
${fact("Secrétaire(s) de séance", m.secretaries.join(", "))}
${fact("Nombre de membres en exercice", String(m.membersInOffice))}
${fact("Quorum", m.quorum ? `${m.quorum.required} — ${m.quorum.reached ? "atteint" : "non atteint"} à l'appel du point (${m.quorum.counted} comptés)` : null)}
${fact("Date de la convocation", m.convocationDate)}
${fact("Affichée le", m.convocationPostedOn)}
${fact("Président de séance", m.president ? `${m.president.name}, ${m.president.title}` : null)}
${fact("À l'appel du point", countsLine(m))}
</dl>
<h2>Présents</h2>
${groups(m.present)}
<h2>Absents excusés</h2>
${groups(m.excused)}
${m.absent.length ? `<h2>Absents</h2>\n${groups(m.absent)}` : ""}
${m.movements.length ? `<h2>Arrivées et départs en cours de séance</h2>\n<ul class="movements">${m.movements.map((x) => `<li>${e(x)}.</li>`).join("")}</ul>` : ""}
<section class="keep">
<h2>Pouvoirs</h2>
${
  m.proxies.length
    ? `<p>${e(m.proxySentence ?? "")}</p>
<table><thead><tr><th>Nom du mandant</th><th>Nom du mandataire</th></tr></thead><tbody>
${m.proxies.map((p) => `<tr><td>${e(p.mandant)}</td><td>${e(p.mandataire)}</td></tr>`).join("\n")}
</tbody></table>`
    : `<p class="muted">Aucun pouvoir.</p>`
}
</section>
<section class="item-head">
<dl class="facts">
${fact("N° d'ordre", String(m.item.order))}
${fact("N° identifiant", m.item.identifier)}
${fact("Rapporteur(s)", m.item.rapporteurs.join(", "))}
${fact("Projet de délibération étudié par", m.item.commission)}
${fact("Service référent", m.item.service)}
${m.item.observations ? fact("Observations", m.item.observations) : ""}
${m.item.recused.length ? fact("Élus intéressés (ne prennent pas part au vote)", m.item.recused.join(", ")) : ""}
</dl>
<p class="item-title">${e(m.item.title)}</p>
</section>
<section class="expose">
${renderRichText(m.item.expose)}
</section>
${
  m.item.proposals.length
    ? `<p class="lead">Après examen de ce dossier, il vous est proposé :</p>
<ul class="proposals">${m.item.proposals.map((p) => `<li>${e(p)}</li>`).join("")}</ul>`
    : ""
}
${annexes(m)}
${wholeSitting(m)}
<section>
<div class="keep">
<h2>Vote${v.modeLabel ? ` ${e(v.modeLabel)}` : ""}</h2>
${figuresTable(m)}
<div class="result">
<div>RESULTAT DU VOTE</div>
<div class="outcome">${v.result ? e(v.result.label) : v.status === "deferred" ? "Reporté" : "Non voté"}</div>
${v.result ? `<div class="reason">${e(withArticle(v.result.reason, v.result.article))}</div>` : m.quorum && !m.quorum.reached ? `<div class="reason">${e(m.quorum.text)}</div>` : ""}
</div>
</div>
${
  names
    ? `<dl class="names">
<dt>Ont voté pour (${names.pour.length})</dt><dd>${e(names.pour.join(", ") || "—")}</dd>
<dt>Ont voté contre (${names.contre.length})</dt><dd>${e(names.contre.join(", ") || "—")}</dd>
<dt>Se sont abstenus (${names.abstention.length})</dt><dd>${e(names.abstention.join(", ") || "—")}</dd>
<dt>N'ont pas pris part au vote (${names.nppv.length})</dt><dd>${e(names.nppv.join(", ") || "—")}</dd>
</dl>`
    : ""
}
</section>
<p class="made-at">${e(m.madeAt)}.<br>Pour extrait conforme.</p>
<section class="signatures">
<div>${e(m.signatures.presidentLabel)}<br>${e(m.signatures.president ?? "")}</div>
<div>${e(m.signatures.secretaryLabel)}<br>${e(m.signatures.secretaries.join(", "))}</div>
</section>
<section class="actes">
<table><tbody>
<tr><th>Affichée le</th><td>${e(m.actes.postedOn ?? "—")}</td></tr>
<tr><th>Date de publication électronique (ancien champ « Recueil des actes administratifs », RAA)</th><td>${e(m.actes.publishedOn ?? "—")}</td></tr>
<tr><th>Date de réception en préfecture</th><td>${e(m.actes.prefectureReceivedOn ?? "—")}</td></tr>
<tr><th>Identifiant de télétransmission</th><td>${e(m.actes.teletransmissionId)}</td></tr>
<tr><th>Nature de l'acte</th><td>${e(`${m.actes.nature} — ${m.actes.natureLabel}`)}</td></tr>
<tr><th>Nomenclature Préfecture</th><td>${e([m.actes.code, m.actes.label].filter(Boolean).join(" — ") || "—")}</td></tr>
</tbody></table>
</section>
<p class="recourse">${e(m.recourse)}</p>`;
  return htmlDocument(`Extrait du registre — ${m.item.identifier} — ${m.councilName}`, body);
}

export function renderDeliberationListHtml(m: DeliberationListModel): string {
  const rows = m.entries
    .map(
      (x) =>
        `<tr><td class="num">${x.number}</td><td>${e(x.identifier)}</td><td>${x.href ? `<a href="${e(x.href)}">${e(x.subject)}</a>` : e(x.subject)}</td><td class="decision">${e(x.decisionLabel)}</td></tr>`,
    )
    .join("\n");
  const body = `
${header(m.councilName, m.commune, "")}
${renderVersionNote(m.version)}
<h1>${e(m.title)}</h1>
<p class="sitting">${e(m.sittingLine)}</p>
<p class="place">${e(m.place)}</p>
<table class="list">
<thead><tr><th>N°</th><th>Identifiant</th><th>Objet</th><th>Décision</th></tr></thead>
<tbody>
${rows || `<tr><td colspan="4" class="muted">Aucun point inscrit.</td></tr>`}
</tbody>
</table>
<p class="muted">${e(m.legalNote)}</p>
${m.onlineLine ? `<p><strong>${e(m.onlineLine)}</strong></p>` : `<p class="muted">Document de travail : la liste n'est pas encore mise en ligne.</p>`}`;
  return htmlDocument(`Liste des délibérations — ${m.sittingLine} — ${m.councilName}`, body);
}
