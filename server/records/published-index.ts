// Where the public finds the records once they are published (#14.11): for each sitting, the latest
// version of each published extract, of its list of deliberations and of its procès-verbal.
import type { PublishedLink, PublishedRecords } from "../../core/api/records";
import { recordPaths } from "../../core/api/records";
import type { Db } from "../db/client";

/** The published records of the given sittings (all of them when none is named), latest sitting first. */
export async function publishedRecords(db: Db, sittingId?: string): Promise<PublishedRecords[]> {
  const rows = await db.publishedRecord.findMany({
    where: sittingId ? { sittingId } : {},
    select: { sittingId: true, record: true, itemId: true, version: true, publishedOn: true },
    orderBy: [{ version: "asc" }],
  });
  const sittingIds = sittingId ? [sittingId] : [...new Set(rows.map((r) => r.sittingId))];
  const sittings = await db.sitting.findMany({
    where: { id: { in: sittingIds } },
    include: { council: { select: { name: true } }, items: { select: { id: true, order: true, identifier: true, title: true } } },
    orderBy: [{ date: "desc" }, { time: "desc" }],
  });
  return sittings.map((s) => {
    const paths = recordPaths(s.id);
    // The latest version of each record (rows come oldest first).
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows.filter((x) => x.sittingId === s.id)) latest.set(`${r.record}:${r.itemId}`, r);
    const link = (key: string, href: string, pdf: string): PublishedLink | null => {
      const r = latest.get(key);
      return r ? { href, pdf, publishedOn: r.publishedOn, version: r.version } : null;
    };
    return {
      sittingId: s.id,
      council: s.council.name,
      date: s.date,
      deliberations: link("deliberations:", paths.deliberations(), paths.deliberationsPdf()),
      minutes: link("minutes:", paths.minutes(), paths.minutesPdf()),
      extracts: [...s.items]
        .sort((a, b) => a.order - b.order)
        .flatMap((it) => {
          const l = link(`extract:${it.id}`, paths.extract(it.id), paths.extractPdf(it.id));
          return l ? [{ ...l, itemId: it.id, order: it.order, identifier: it.identifier, title: it.title }] : [];
        }),
    };
  });
}
