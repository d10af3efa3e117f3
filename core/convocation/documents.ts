// The convocation as members read and print it (#19.2): the mayor's letter with the day, hour, place
// and ordre du jour (L2121-10), the urgency's reason, the second convocation's notice (L2121-17);
// the ordre du jour with each item's note of synthesis (L2121-12); and the e-mail's plain text.
// Pure: the server renders the HTML to PDF and sends the e-mail.
import { escapeHtml as esc } from "../html";
import { frenchHour, longFrenchDate } from "../time";
import { weekday } from "./calendar";

export interface ConvocationItem {
  order: number;
  identifier: string;
  title: string;
  rapporteurs: string[];
  commission: string | null;
  /** The note explicative de synthèse (or, without one, the draft's exposé). */
  synthesis: string;
  addedAfterConvocation: boolean;
  postponedFrom: string | null;
}

export interface ConvocationDocument {
  councilName: string;
  commune: string;
  sitting: { date: string; time: string; place: string };
  /** The day of dispatch (or, before sending, the day it is meant to go). */
  sentOn: string;
  /** The letter's own words, between the greeting and the agenda (paragraphs separated by blank lines). */
  letter: string;
  urgencyReason: string | null;
  /** Date of the sitting whose quorum failed, for a second convocation. */
  secondConvocationOf: string | null;
  /** "La Maire", "Le Maire" and the name of who signs. */
  signatory: { title: string; name: string } | null;
  /** The addressee on a printed copy ("Mme Anne DUPONT"); the generic greeting otherwise. */
  addressee: string | null;
  items: ConvocationItem[];
  withSynthesis: boolean;
}

const DAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"] as const;

/** "lundi 14 décembre 2026". */
export function frenchDayDate(isoDate: string): string {
  return `${DAYS[weekday(isoDate)] ?? ""} ${longFrenchDate(isoDate)}`.trim();
}

const STYLE = `
@page { size: A4; margin: 20mm 20mm 22mm 20mm; }
body { font-family: "Liberation Serif", "DejaVu Serif", Georgia, serif; font-size: 11.5pt; color: #111; line-height: 1.45; margin: 0; }
.coll { font-variant: small-caps; letter-spacing: .04em; } .coll strong { display: block; font-size: 13pt; }
.top { display: flex; justify-content: space-between; align-items: flex-start; margin-bottom: 14mm; }
.made { text-align: right; } .to { margin: 0 0 8mm 95mm; }
h1 { font-size: 16pt; text-align: center; letter-spacing: .12em; margin: 0 0 2mm; } .sub { text-align: center; margin: 0 0 8mm; }
h2 { font-size: 12pt; border-bottom: .6pt solid #777; margin: 8mm 0 3mm; font-variant: small-caps; letter-spacing: .04em; break-after: avoid; }
.when { border: 1pt solid #000091; padding: 3mm 4mm; margin: 5mm 0; } .when strong { color: #000091; }
.urgency { border-left: 3pt solid #b34000; background: #fff4ec; padding: 2mm 4mm; margin: 4mm 0; }
ol.agenda { padding-left: 0; list-style: none; } ol.agenda li { margin: 0 0 2.5mm; break-inside: avoid; }
.num { font-weight: bold; display: inline-block; min-width: 10mm; } .meta { color: #444; font-size: 10pt; margin-left: 10mm; }
.flag { font-size: 9.5pt; border: .8pt solid #b34000; color: #b34000; padding: 0 1.5mm; margin-left: 2mm; }
.item { break-inside: avoid; border-top: .4pt solid #999; padding-top: 3mm; margin-top: 4mm; } .item h3 { font-size: 11.5pt; margin: 0 0 1.5mm; }
.note { white-space: pre-wrap; } .sign { margin: 12mm 0 0 95mm; } .small { font-size: 9.5pt; color: #333; }
`;

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

function agendaList(doc: ConvocationDocument): string {
  if (!doc.items.length) return `<p><em>Ordre du jour à compléter.</em></p>`;
  const li = doc.items.map((it) => {
    const meta = [
      it.rapporteurs.length ? `Rapporteur${it.rapporteurs.length > 1 ? "s" : ""} : ${it.rapporteurs.join(", ")}` : null,
      it.commission ? `Commission : ${it.commission}` : null,
      it.postponedFrom ? `Reporté de la séance du ${longFrenchDate(it.postponedFrom)}` : null,
    ].filter((x): x is string => !!x);
    const flag = it.addedAfterConvocation ? `<span class="flag">ajouté après la convocation</span>` : "";
    return `<li><span class="num">${it.order}.</span>${esc(it.title)} <span class="small">(${esc(it.identifier)})</span>${flag}${meta.length ? `<div class="meta">${esc(meta.join(" · "))}</div>` : ""}</li>`;
  });
  return `<ol class="agenda">${li.join("\n")}</ol>`;
}

function whenHtml(doc: ConvocationDocument): string {
  return `<div class="when">Le conseil municipal se réunira le <strong>${esc(frenchDayDate(doc.sitting.date))} à ${esc(frenchHour(doc.sitting.time))}</strong>, ${esc(doc.sitting.place)}.</div>`;
}

function noticesHtml(doc: ConvocationDocument): string {
  const out: string[] = [];
  if (doc.urgencyReason)
    out.push(
      `<div class="urgency"><strong>Convocation en urgence</strong> (article L2121-12 du CGCT) : ${esc(doc.urgencyReason)}<br><span class="small">Le maire en rendra compte à l'ouverture de la séance ; le conseil se prononcera sur l'urgence et pourra renvoyer tout ou partie de l'ordre du jour à une séance ultérieure.</span></div>`,
    );
  if (doc.secondConvocationOf)
    out.push(
      `<div class="urgency"><strong>Seconde convocation</strong> : le quorum n'ayant pas été atteint lors de la séance du ${esc(longFrenchDate(doc.secondConvocationOf))}, le conseil délibérera valablement sans condition de quorum (article L2121-17 du CGCT).</div>`,
    );
  return out.join("\n");
}

/** The mayor's letter, one A4 page or two. */
export function renderConvocationHtml(doc: ConvocationDocument): string {
  const greeting = doc.addressee ? `${esc(doc.addressee)},` : "Madame, Monsieur,";
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Convocation — ${esc(doc.councilName)} — ${esc(longFrenchDate(doc.sitting.date))}</title><style>${STYLE}</style></head><body>
<div class="top"><div class="coll"><strong>${esc(doc.councilName)}</strong>Conseil municipal</div><div class="made">${esc(doc.commune)}, le ${esc(longFrenchDate(doc.sentOn))}</div></div>
${doc.addressee ? `<p class="to">${esc(doc.addressee)}<br>Conseiller municipal</p>` : ""}
<h1>CONVOCATION</h1><p class="sub">Séance du conseil municipal du ${esc(frenchDayDate(doc.sitting.date))}</p>
<p>${greeting}</p>
${paragraphs(doc.letter)}
${whenHtml(doc)}
${noticesHtml(doc)}
<h2>Ordre du jour</h2>
${agendaList(doc)}
<p class="small">Les projets de délibération, leurs annexes${doc.withSynthesis ? " et la note explicative de synthèse sur chaque affaire" : ""} sont joints à cette convocation et consultables dans Séance (articles L2121-12 et L2121-13 du CGCT). Si vous ne pouvez pas assister à la séance, vous pouvez donner à un collègue de votre choix un pouvoir écrit de voter en votre nom ; un conseiller ne peut détenir qu'un seul pouvoir (article L2121-20 du CGCT).</p>
${doc.signatory ? `<div class="sign">${esc(doc.signatory.title)},<br><br>${esc(doc.signatory.name)}</div>` : ""}
</body></html>`;
}

/** The ordre du jour with each item's note of synthesis, as posted and attached to the convocation. */
export function renderAgendaHtml(doc: ConvocationDocument): string {
  const items = doc.items
    .map(
      (it) =>
        `<div class="item"><h3>${it.order}. ${esc(it.title)}${it.addedAfterConvocation ? `<span class="flag">ajouté après la convocation</span>` : ""}</h3><p class="small">${esc(it.identifier)}${it.rapporteurs.length ? ` · Rapporteur : ${esc(it.rapporteurs.join(", "))}` : ""}${it.commission ? ` · Commission : ${esc(it.commission)}` : ""}</p>${doc.withSynthesis && it.synthesis.trim() ? `<div class="note">${esc(it.synthesis.trim())}</div>` : ""}</div>`,
    )
    .join("\n");
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Ordre du jour — ${esc(doc.councilName)} — ${esc(longFrenchDate(doc.sitting.date))}</title><style>${STYLE}</style></head><body>
<div class="top"><div class="coll"><strong>${esc(doc.councilName)}</strong>Conseil municipal</div><div class="made">Convocation du ${esc(longFrenchDate(doc.sentOn))}</div></div>
<h1>ORDRE DU JOUR</h1><p class="sub">Séance du ${esc(frenchDayDate(doc.sitting.date))} à ${esc(frenchHour(doc.sitting.time))} — ${esc(doc.sitting.place)}</p>
${noticesHtml(doc)}
${doc.withSynthesis ? `<h2>Note explicative de synthèse</h2>` : ""}
${items || "<p><em>Ordre du jour à compléter.</em></p>"}
</body></html>`;
}

/** The e-mail: subject and plain text (the PDFs go as attachments, the link to read and acknowledge). */
export function convocationEmail(doc: ConvocationDocument, link: string): { subject: string; text: string } {
  const subject = `Convocation — conseil municipal de ${doc.commune} du ${frenchDayDate(doc.sitting.date)} à ${frenchHour(doc.sitting.time)}${doc.urgencyReason ? " (urgence)" : ""}`;
  const lines = [
    doc.addressee ? `${doc.addressee},` : "Madame, Monsieur,",
    "",
    ...doc.letter.split("\n"),
    "",
    `Le conseil municipal se réunira le ${frenchDayDate(doc.sitting.date)} à ${frenchHour(doc.sitting.time)}, ${doc.sitting.place}.`,
    ...(doc.urgencyReason ? ["", `Convocation en urgence (article L2121-12 du CGCT) : ${doc.urgencyReason}`] : []),
    ...(doc.secondConvocationOf ? ["", `Seconde convocation : le conseil délibérera sans condition de quorum (article L2121-17 du CGCT).`] : []),
    "",
    "Ordre du jour :",
    ...doc.items.map((it) => `${it.order}. ${it.title}${it.addedAfterConvocation ? " (ajouté après la convocation)" : ""}`),
    "",
    "La convocation et l'ordre du jour sont joints en PDF. Pour lire les projets de délibération et leurs annexes, accuser réception, annoncer votre présence, votre absence ou donner pouvoir :",
    link,
    "",
    ...(doc.signatory ? [`${doc.signatory.title}, ${doc.signatory.name}`] : []),
  ];
  return { subject, text: lines.join("\n") };
}
