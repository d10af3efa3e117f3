// What an annex may be (#14.8): a PDF, an image or an office document, at most 10 MB, its type read
// from its first bytes (not from what the browser claims), its name made safe to show and to serve.

export const MAX_ANNEX_BYTES = 10 * 1024 * 1024;
/** Annexes an item may hold. */
export const MAX_ANNEXES_PER_ITEM = 20;

/** The types accepted, each with the extensions a file of that type may carry. */
export const ANNEX_TYPES = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": ["pptx"],
  "application/vnd.oasis.opendocument.text": ["odt"],
  "application/vnd.oasis.opendocument.spreadsheet": ["ods"],
  "application/vnd.oasis.opendocument.presentation": ["odp"],
  "application/msword": ["doc"],
  "application/vnd.ms-excel": ["xls"],
} as const;
export type AnnexType = keyof typeof ANNEX_TYPES;

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);

/** The type the bytes are, judged by their signature and the name's extension; null when not accepted. */
export function annexTypeOf(name: string, bytes: Uint8Array): AnnexType | null {
  const ext = (/\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1] ?? "").toLowerCase();
  const byExt = (Object.keys(ANNEX_TYPES) as AnnexType[]).find((t) => (ANNEX_TYPES[t] as readonly string[]).includes(ext)) ?? null;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  // Office Open XML and OpenDocument are zip files: the extension says which document it is.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && byExt && /openxml|opendocument/.test(byExt)) return byExt;
  // Word 97 and Excel 97 are OLE compound files.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) && (byExt === "application/msword" || byExt === "application/vnd.ms-excel"))
    return byExt;
  return null;
}

/**
 * A file name safe to store, show and send in Content-Disposition: no folders, no control or
 * reserved characters, no leading dots, at most 120 characters (the extension kept), accents kept.
 */
export function sanitiseAnnexName(name: string): string {
  const base = name.replace(/\\/g, "/").split("/").pop() ?? "";
  const clean = base
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const m = /^(.*?)(\.[A-Za-z0-9]{1,5})?$/.exec(clean);
  // No leading dot: a hidden file on the clerk's disk, or "..", is not a name to show.
  const stem = (m?.[1] ?? "")
    .replace(/^[.\s]+/, "")
    .slice(0, 110)
    .trim();
  const ext = m?.[2] ?? "";
  return stem ? `${stem}${ext.toLowerCase()}` : `annexe${ext.toLowerCase()}`;
}

/** Content-Disposition value: an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
