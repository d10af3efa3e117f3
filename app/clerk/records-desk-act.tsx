"use client";
// One act on the records desk: its extract, the dates it was posted, published and received by the
// préfecture with its ACTES id (checked as the clerk types, with the attestation they give), its
// publication (a rectification says why) and its annexes.
import { useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { recordsRoutes } from "@/core/api/records";
import { recordsDeskRoutes, type DeskItem, type RecordsDesk } from "@/core/api/records-desk";
import { ANNEX_TYPES, MAX_ANNEX_BYTES } from "@/core/records/annexes";
import { attestation } from "@/core/records/attestation";
import { publicationProblems, type PublicationFields } from "@/core/records/publication-rules";
import { bytesToBase64 } from "@/core/records/text-encoding";
import { call } from "@/lib/client/api";
import type { DeskFeedback } from "./records-desk";
import { PublishForm, todayOn, Versions } from "./records-desk-publish";

const input = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1 font-normal";
const ACCEPT = Object.values(ANNEX_TYPES)
  .flat()
  .map((x) => `.${x}`)
  .join(",");

type Fields = { postedOn: string; publishedOn: string; prefectureReceivedOn: string; teletransmissionId: string };

function DatesForm({ desk, item, feedback }: { desk: RecordsDesk; item: DeskItem; feedback: DeskFeedback }) {
  const t = useTranslations("clerk.records.dates");
  const locale = useLocale();
  const [v, setV] = useState<Fields>({
    postedOn: item.postedOn ?? "",
    publishedOn: item.publishedOn ?? "",
    prefectureReceivedOn: item.prefectureReceivedOn ?? "",
    teletransmissionId: item.teletransmissionId ?? "",
  });
  const fields: PublicationFields = {
    postedOn: v.postedOn || null,
    publishedOn: v.publishedOn || null,
    prefectureReceivedOn: v.prefectureReceivedOn || null,
    teletransmissionId: v.teletransmissionId.trim() || null,
  };
  const today = todayOn(desk.sitting.timeZone);
  const problems = publicationProblems(fields, { sittingDate: desk.sitting.date, ...desk.council, today });
  const live = attestation(
    { postedOn: fields.postedOn ?? null, publishedOn: fields.publishedOn ?? null, prefectureReceivedOn: fields.prefectureReceivedOn ?? null },
    desk.regime.regime,
  );
  const problemOf = (f: keyof Fields) => problems.find((p) => p.field === f);
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (problems.length) return;
    const r = await call(recordsRoutes.publication, { itemId: item.id }, fields);
    if (r.ok) await feedback.done(t("saved", { identifier: item.identifier }));
    else feedback.failed(r.error);
  };
  const field = (f: keyof Fields, type: "date" | "text") => {
    const problem = problemOf(f);
    const id = `${f}-${item.id}`;
    return (
      <label className="block text-xs font-semibold">
        {t(f)}
        <input
          id={id}
          type={type}
          value={v[f]}
          min={type === "date" ? desk.sitting.date : undefined}
          max={type === "date" ? today : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setV({ ...v, [f]: e.currentTarget.value })}
          className={`${input} ${type === "text" ? "font-mono text-xs" : ""}`}
        />
        {problem ? (
          <span id={`${id}-problem`} className="mt-1 block font-normal text-contre">
            {locale === "en" ? problem.en : problem.fr}
          </span>
        ) : null}
      </label>
    );
  };
  return (
    <form onSubmit={(e) => void save(e)} className="grid min-w-64 gap-2" aria-label={t("formFor", { identifier: item.identifier })}>
      {field("postedOn", "date")}
      {field("publishedOn", "date")}
      {field("prefectureReceivedOn", "date")}
      {field("teletransmissionId", "text")}
      <p className={`text-xs ${live.enforceable ? "text-pour" : "text-slate-700"}`} data-testid="attestation">
        {live.text}
      </p>
      <button type="submit" className="btn btn-secondary px-2 py-1" disabled={problems.length > 0}>
        {t("save")}
      </button>
    </form>
  );
}

function ActPublication({ desk, item, feedback }: { desk: RecordsDesk; item: DeskItem; feedback: DeskFeedback }) {
  const t = useTranslations("clerk.records.publish");
  const versions = item.extract?.versions ?? [];
  const publish = async (publishedOn: string, reason: string | null) => {
    const r = await call(recordsDeskRoutes.publishExtract, { itemId: item.id }, { publishedOn, ...(reason !== null ? { reason } : {}) });
    if (r.ok) await feedback.done(t("done", { identifier: item.identifier, version: r.data.version }));
    else feedback.failed(r.error);
  };
  return (
    <div className="grid gap-2">
      <Versions versions={versions} size="text-xs" />
      {item.extract?.differs ? <p className="text-xs font-semibold text-abst">{t("differs")}</p> : null}
      {desk.sitting.status === "closed" ? (
        <PublishForm
          desk={desk}
          label={t("formFor", { identifier: item.identifier })}
          publishLabel={t("publish")}
          again={versions.length > 0}
          size="text-xs"
          onPublish={publish}
        />
      ) : null}
    </div>
  );
}

function Annexes({ item, feedback }: { item: DeskItem; feedback: DeskFeedback }) {
  const t = useTranslations("clerk.records.annexes");
  const published = (item.extract?.versions.length ?? 0) > 0;
  const upload = async (file: File | undefined, inputEl: HTMLInputElement) => {
    if (!file) return;
    if (file.size > MAX_ANNEX_BYTES) return feedback.failed({ code: "too-large", message: "", text: { fr: t("tooBig"), en: t("tooBig") } });
    const r = await call(
      recordsDeskRoutes.uploadAnnex,
      { itemId: item.id },
      { name: file.name, dataBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) },
    );
    inputEl.value = "";
    if (r.ok) await feedback.done(t("added", { name: r.data.name }));
    else feedback.failed(r.error);
  };
  const remove = async (id: string, name: string) => {
    const r = await call(recordsDeskRoutes.deleteAnnex, { annexId: id });
    if (r.ok) await feedback.done(t("removed", { name }));
    else feedback.failed(r.error);
  };
  return (
    <div className="grid min-w-48 gap-2">
      {item.annexes.length ? (
        <ul className="space-y-1 text-xs">
          {item.annexes.map((a) => (
            <li key={a.id} className="flex items-center justify-between gap-2">
              <a className="underline" href={a.href}>
                {a.name}
              </a>
              {!published ? (
                <button
                  type="button"
                  className="btn btn-secondary px-1 py-0 text-xs"
                  onClick={() => void remove(a.id, a.name)}
                  aria-label={t("remove", { name: a.name })}
                >
                  ✕
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-slate-700">{t("none")}</p>
      )}
      <label className="block text-xs font-semibold">
        {t("add", { identifier: item.identifier })}
        <input type="file" accept={ACCEPT} onChange={(e) => void upload(e.currentTarget.files?.[0], e.currentTarget)} className="mt-1 block w-full text-xs" />
      </label>
    </div>
  );
}

export function ActRow({ desk, item, feedback }: { desk: RecordsDesk; item: DeskItem; feedback: DeskFeedback }) {
  const t = useTranslations("clerk.records.acts");
  const decided = item.status === "decided";
  return (
    <tr className="border-b border-slate-200 align-top" data-item={item.identifier}>
      <td className="p-2 font-mono">{item.order}</td>
      <th scope="row" className="max-w-72 p-2 text-left font-normal">
        <span className="block font-mono text-xs">{item.identifier}</span>
        <span className="block font-semibold">{item.title}</span>
        <span className="block">{decided ? t(item.outcome === "adopted" ? "adopted" : "rejected") : t(`status.${item.status}`)}</span>
        {item.actesId ? (
          <span className="mt-1 block font-mono text-xs">
            {item.actesId.id}
            {item.actesId.provisional ? ` (${t("provisional")})` : ""}
          </span>
        ) : null}
        {decided && item.extract ? (
          <span className="mt-1 flex gap-3">
            <a className="underline" href={item.extract.links.html}>
              {t("extractHtml", { identifier: item.identifier })}
            </a>
            <a className="underline" href={item.extract.links.pdf} download>
              {t("extractPdf", { identifier: item.identifier })}
            </a>
          </span>
        ) : null}
        {item.scdlProblems?.length ? (
          <span className="mt-1 block text-xs text-contre">
            {t("scdlRefused")} {item.scdlProblems.join(" ; ")}
          </span>
        ) : null}
      </th>
      <td className="p-2">
        {decided ? (
          // Saved or published dates start the form afresh.
          <DatesForm
            key={[item.postedOn, item.publishedOn, item.prefectureReceivedOn, item.teletransmissionId].join("|")}
            desk={desk}
            item={item}
            feedback={feedback}
          />
        ) : (
          <span className="text-slate-700">—</span>
        )}
      </td>
      <td className="p-2">{decided ? <ActPublication desk={desk} item={item} feedback={feedback} /> : <span className="text-slate-700">—</span>}</td>
      <td className="p-2">
        <Annexes item={item} feedback={feedback} />
      </td>
    </tr>
  );
}
