// Proxy (pouvoir) rules: who may give one, who may hold one, and which ones can be used on an item.
// validateNewProxy is what the live sitting calls when a proxy is registered; validateProxies checks a whole list.

import { enCount, frCount, reason } from "./reason";
import type { NewProxyContext, Proxy, ProxyCheck, Reason, RuleSet } from "./types";

function noProxies(rs: RuleSet): Reason {
  return reason(
    "PROXY-1",
    rs.articles.proxies,
    `Le vote par procuration n'existe pas sous « ${rs.label.fr} »`,
    `Proxy voting does not exist under "${rs.label.en}"`,
  );
}

export function validateNewProxy(rs: RuleSet, existing: readonly Proxy[], candidate: Proxy, ctx: NewProxyContext = {}): ProxyCheck {
  if (rs.maxProxiesPerHolder === 0) return { valid: false, problems: [noProxies(rs)] };
  const article = rs.articles.proxies;
  const { from, to } = candidate;
  const problems: Reason[] = [];

  if (from === to) {
    problems.push(reason("PROXY-5", article, `${from} ne peut pas se donner pouvoir à lui-même`, `${from} cannot give a proxy to themself`));
  }
  if (existing.some((p) => p.from === from)) {
    problems.push(
      reason(
        "PROXY-4",
        article,
        `${from} a déjà donné un pouvoir ; il doit le révoquer avant d'en donner un autre`,
        `${from} has already given a proxy and must revoke it before giving another`,
      ),
    );
  }
  const held = existing.filter((p) => p.to === to).length;
  if (held >= rs.maxProxiesPerHolder) {
    problems.push(
      reason(
        "PROXY-2",
        article,
        `${to} détient déjà ${frCount(held, "pouvoir")} : un mandataire ne peut en détenir que ${rs.maxProxiesPerHolder}`,
        `${to} already holds ${enCount(held, "proxy", "proxies")}: a mandataire may hold at most ${rs.maxProxiesPerHolder}`,
      ),
    );
  }
  if (from !== to && existing.some((p) => p.to === from)) {
    problems.push(
      reason(
        "PROXY-3",
        article,
        `${from} détient un pouvoir et ne peut donc pas en donner un : on ne peut être à la fois mandant et mandataire`,
        `${from} holds a proxy and so cannot give one: a member cannot be both mandant and mandataire`,
      ),
    );
  }
  if (from !== to && existing.some((p) => p.from === to)) {
    problems.push(
      reason(
        "PROXY-3",
        article,
        `${to} a donné pouvoir et ne peut donc pas en recevoir : on ne peut être à la fois mandant et mandataire`,
        `${to} has given a proxy and so cannot hold one: a member cannot be both mandant and mandataire`,
      ),
    );
  }
  const limit = rs.maxConsecutiveSittingsPerProxy;
  if (limit !== null && candidate.sittingsUsed !== undefined && candidate.sittingsUsed > limit && !candidate.illnessCertified) {
    problems.push(
      reason(
        "PROXY-6",
        article,
        `Le pouvoir de ${from} sert pour la ${candidate.sittingsUsed}e séance consécutive : au-delà de ${limit} séances, il faut une maladie dûment constatée`,
        `${from}'s proxy would serve a ${ordinalEn(candidate.sittingsUsed)} consecutive sitting: beyond ${limit}, only a certified illness allows it`,
      ),
    );
  }
  if (ctx.presentIds && !ctx.presentIds.has(to)) {
    problems.push(
      reason(
        "PROXY-7",
        article,
        `${to} n'est pas présent et ne peut donc pas voter au nom de ${from}`,
        `${to} is not present and so cannot vote on behalf of ${from}`,
      ),
    );
  }
  if (ctx.itemKind === "compte-administratif" && ctx.mayorId !== undefined && ctx.mayorId === from) {
    problems.push(
      reason(
        "PROXY-8",
        rs.articles.compteAdministratif,
        `Le maire ne peut pas donner pouvoir pour le vote du compte administratif`,
        `The mayor may not give a proxy for the vote on the compte administratif`,
      ),
    );
  }
  return problems.length === 0 ? { valid: true } : { valid: false, problems };
}

/** Checks each proxy against the ones before it, so every conflict is reported once, on the later proxy. */
export function validateProxies(rs: RuleSet, proxies: readonly Proxy[]): ProxyCheck {
  if (proxies.length === 0) return { valid: true };
  if (rs.maxProxiesPerHolder === 0) return { valid: false, problems: [noProxies(rs)] };
  const problems: Reason[] = [];
  proxies.forEach((p, i) => {
    const check = validateNewProxy(rs, proxies.slice(0, i), p);
    if (!check.valid) problems.push(...check.problems);
  });
  return problems.length === 0 ? { valid: true } : { valid: false, problems };
}

/**
 * Mandants whose proxy can be used on an item: the mandataire is in the room and neither side is
 * interested in the item (an interested mandataire may not use the proxy; an interested mandant may not vote at all).
 */
export function countUsableProxies(
  proxies: readonly Proxy[],
  ctx: {
    presentIds?: ReadonlySet<string>;
    recusedIds?: ReadonlySet<string>;
  } = {},
): number {
  return proxies.filter(
    (p) => (ctx.presentIds === undefined || ctx.presentIds.has(p.to)) && !(ctx.recusedIds?.has(p.to) ?? false) && !(ctx.recusedIds?.has(p.from) ?? false),
  ).length;
}

function ordinalEn(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}
