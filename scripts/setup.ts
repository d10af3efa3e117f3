// `npm run setup`: sets up a real council in an empty database — the council (name, commune,
// SIREN/SIRET, population, département, rule set) and the clerk's and the mayor's accounts, with
// passwords the person types (strength checked). Interactive when a terminal is attached; for
// scripts, every answer can come from a flag, and passwords from the environment (never a flag, so
// they stay out of the shell history and the process list):
//
//   SEANCE_CLERK_PASSWORD=… SEANCE_MAYOR_PASSWORD=… npm run setup -- --council-name "Ville de Ligugé" \
//     --commune Ligugé --siren 218601334 --siret 21860133400012 --population 3200 --departement 86 \
//     --clerk-login greffe --mayor-civility Mme --mayor-first-name Anne --mayor-last-name MARTIN --mayor-login maire
//
// `npm run setup -- password <login>` sets a new password on an account (SEANCE_NEW_PASSWORD or typed).
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { CouncilSetupSchema, type CouncilSetupInput } from "../core/api/setup";
import { describeZodError } from "../core/refusal";
import { openDatabase } from "../server/db/client";
import { migrateDatabase } from "../server/db/migrate";
import { resolveDatabaseUrl } from "../server/db/url";
import { errorMessage } from "../server/ports";
import { setPassword, setUpCouncil } from "../server/setup/council-setup";

const FLAGS = {
  "council-name": "councilName",
  commune: "commune",
  siren: "siren",
  siret: "siret",
  population: "population",
  departement: "departement",
  "rule-set": "ruleSet",
  "clerk-login": "clerkLogin",
  "clerk-name": "clerkName",
  "mayor-civility": "mayorCivility",
  "mayor-first-name": "mayorFirstName",
  "mayor-last-name": "mayorLastName",
  "mayor-login": "mayorLogin",
} as const;
type Field = (typeof FLAGS)[keyof typeof FLAGS];

const QUESTIONS: { field: Field; fr: string; example?: string }[] = [
  { field: "councilName", fr: "Nom officiel du conseil", example: "Ville de Poitiers" },
  { field: "commune", fr: "Commune", example: "Poitiers" },
  { field: "siren", fr: "SIREN de la commune (9 chiffres)", example: "218601946" },
  { field: "siret", fr: "SIRET (14 chiffres)", example: "21860194600013" },
  { field: "population", fr: "Population municipale (habitants)", example: "88291" },
  { field: "departement", fr: "Département", example: "86" },
  { field: "ruleSet", fr: "Jeu de règles (fr-cgct par défaut)", example: "fr-cgct" },
  { field: "clerkLogin", fr: "Identifiant du service des assemblées", example: "greffe" },
  { field: "clerkName", fr: "Nom affiché du service des assemblées", example: "Service des assemblées" },
  { field: "mayorCivility", fr: "Civilité du maire (M. ou Mme)", example: "Mme" },
  { field: "mayorFirstName", fr: "Prénom du maire" },
  { field: "mayorLastName", fr: "Nom du maire" },
  { field: "mayorLogin", fr: "Identifiant du maire", example: "maire" },
];

function fail(message: string): never {
  console.error(`setup: ${message}`);
  process.exit(1);
}

/** Reads a line without echoing it (a password), on a terminal. */
async function askHidden(prompt: string): Promise<string> {
  process.stdout.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve) => {
    let text = "";
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          stdin.off("data", onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stdout.write("\n");
          resolve(text);
          return;
        }
        if (ch === "\u0003") process.exit(130);
        if (ch === "\u007f" || ch === "\b") text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function askPassword(who: string): Promise<string> {
  for (;;) {
    const first = await askHidden(`Mot de passe (${who}, 12 caractères au moins) : `);
    const again = await askHidden("Le même, une seconde fois : ");
    if (first === again) return first;
    console.log("Les deux saisies diffèrent, recommencez.");
  }
}

async function setupCouncil(values: Record<string, string | undefined>): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  const answers: Record<string, string> = {};
  for (const [flag, field] of Object.entries(FLAGS)) if (values[flag] !== undefined) answers[field] = values[flag]!;
  if (interactive) {
    console.log("Mise en place d'un conseil dans Séance. Les valeurs entre crochets sont des exemples.\n");
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    for (const q of QUESTIONS) {
      if (answers[q.field] !== undefined) continue;
      const a = (await rl.question(`${q.fr}${q.example ? ` [${q.example}]` : ""} : `)).trim();
      if (a) answers[q.field] = a;
    }
    rl.close();
  }
  const clerkPassword = process.env.SEANCE_CLERK_PASSWORD ?? (interactive ? await askPassword("service des assemblées") : undefined);
  const mayorPassword = process.env.SEANCE_MAYOR_PASSWORD ?? (interactive ? await askPassword("maire") : undefined);
  const input: Partial<CouncilSetupInput> = { ...answers, clerkPassword, mayorPassword };
  const parsed = CouncilSetupSchema.safeParse(input);
  if (!parsed.success)
    fail(
      `${describeZodError(parsed.error)}${interactive ? "" : " (without a terminal, give every answer as a flag and the passwords in SEANCE_CLERK_PASSWORD and SEANCE_MAYOR_PASSWORD)"}`,
    );
  const url = resolveDatabaseUrl();
  await migrateDatabase(url);
  const db = await openDatabase(url);
  try {
    const r = await setUpCouncil(db, parsed.data);
    if (!r.ok) fail(r.text?.en ?? r.code);
    console.log(`Council "${r.value.councilId}" set up in ${url}.`);
    console.log(
      `Sign in as "${r.value.clerkLogin}" (clerk) to import the roster and prepare the first sitting; the mayor signs in as "${r.value.mayorLogin}".`,
    );
    console.log("Start the server with: npm start");
  } finally {
    await db.$disconnect();
  }
}

async function changePassword(login: string | undefined): Promise<void> {
  if (!login) fail("usage: npm run setup -- password <login>");
  const password = process.env.SEANCE_NEW_PASSWORD ?? (process.stdin.isTTY ? await askPassword(login) : undefined);
  if (!password) fail("give the new password in SEANCE_NEW_PASSWORD, or run this in a terminal");
  const url = resolveDatabaseUrl();
  await migrateDatabase(url);
  const db = await openDatabase(url);
  try {
    const r = await setPassword(db, login, password);
    if (!r.ok) fail(r.text?.en ?? r.code);
    console.log(`New password set for "${login}"; its sessions were signed out.`);
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: "string" as const }])),
  });
  if (positionals[0] === "password") return changePassword(positionals[1]);
  if (positionals.length) fail(`unknown command "${positionals.join(" ")}" (expected nothing, or: password <login>)`);
  return setupCouncil(values);
}

main().catch((err: unknown) => fail(errorMessage(err)));
