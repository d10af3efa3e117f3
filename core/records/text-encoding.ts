// Reading a file a spreadsheet or a word processor wrote (#14.12): Excel's "CSV (séparateur :
// point-virgule)" is Windows-1252, not UTF-8. Valid UTF-8 (with or without a byte-order mark) is read
// as such; anything else as Windows-1252, which every byte sequence is. Pure, for browser and server.

export type TextEncodingName = "utf-8" | "utf-8-bom" | "windows-1252";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** The text of a file's bytes and the encoding it was read in. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // fatal: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD.
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
    return { text, encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

/** 0x80–0x9F in Windows-1252 (WHATWG): €, ‚, ƒ, „, …, †, ‡, ˆ, ‰, Š, ‹, Œ, Ž, ‘, ’, “, ”, •, –, —, ˜, ™, š, ›, œ, ž, Ÿ. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Windows-1252 by hand: Node's TextDecoder("windows-1252") reads 0x80–0x9F as Latin-1 control
 * characters (the apostrophe ’ and € of a Word file would be lost); browsers and this table do not.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x4000) {
    const chunk = Array.from(bytes.subarray(i, i + 0x4000), (b) => (b >= 0x80 && b < 0xa0 ? (CP1252_HIGH[b - 0x80] ?? b) : b));
    out += String.fromCharCode(...chunk);
  }
  return out;
}

/** Base64 (as JSON carries bytes) to bytes; null when the text is not base64. */
export function base64ToBytes(b64: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return null;
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

/** Bytes to base64, in chunks (a spread of a large array would overflow the call stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
