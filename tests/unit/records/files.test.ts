// REC-13 and REC-18: what an annex may be (type from its bytes, size, a safe name), and files read as
// a French office writes them — UTF-8 with or without a byte-order mark, else Windows-1252.
import { describe, expect, it } from "vitest";
import { annexTypeOf, contentDisposition, sanitiseAnnexName } from "@/core/records/annexes";
import { publicationProblems } from "@/core/records/publication-rules";
import { base64ToBytes, bytesToBase64, decodeText } from "@/core/records/text-encoding";

const bytes = (...b: number[]) => new Uint8Array(b);
const latin = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe("REC-18 reading a file's bytes", () => {
  it("REC-18 Excel's Windows-1252 'HÉRAULT;Élodie' is read as written; UTF-8 with and without BOM too", () => {
    // É is 0xC9 and é 0xE9 in Windows-1252: not valid UTF-8.
    const cp1252 = bytes(0x48, 0xc9, 0x52, 0x41, 0x55, 0x4c, 0x54, 0x3b, 0xc9, 0x6c, 0x6f, 0x64, 0x69, 0x65);
    expect(decodeText(cp1252)).toEqual({ text: "HÉRAULT;Élodie", encoding: "windows-1252" });
    const utf8 = new TextEncoder().encode("HÉRAULT;Élodie");
    expect(decodeText(utf8)).toEqual({ text: "HÉRAULT;Élodie", encoding: "utf-8" });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: "HÉRAULT;Élodie", encoding: "utf-8-bom" });
    // Windows-1252's typographic apostrophe and euro sign (0x92, 0x80) are read as such.
    expect(decodeText(bytes(0x6c, 0x92, 0x80)).text).toBe("l’€");
  });

  it("REC-18 base64 both ways, large files in chunks; anything else is not base64", () => {
    const big = new Uint8Array(200_000).map((_, i) => i % 251);
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big);
    expect(base64ToBytes("pas du base64 !")).toBeNull();
  });
});

describe("REC-13 annexes", () => {
  it("REC-13 the type comes from the bytes: PDF, PNG, JPEG, office zips and OLE files by their extension; nothing else", () => {
    expect(annexTypeOf("plan.pdf", latin("%PDF-1.7\n"))).toBe("application/pdf");
    expect(annexTypeOf("sans-extension", latin("%PDF-1.7\n"))).toBe("application/pdf");
    expect(annexTypeOf("photo.png", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe("image/png");
    expect(annexTypeOf("photo.jpg", bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(annexTypeOf("grille.xlsx", latin("PK\u0003\u0004rest"))).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(annexTypeOf("note.odt", latin("PK\u0003\u0004rest"))).toBe("application/vnd.oasis.opendocument.text");
    expect(annexTypeOf("ancien.doc", bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe("application/msword");
    expect(annexTypeOf("archive.zip", latin("PK\u0003\u0004rest"))).toBeNull();
    expect(annexTypeOf("faux.pdf", latin("MZ\u0090\u0000"))).toBeNull();
    expect(annexTypeOf("page.pdf", latin("<html><script>"))).toBeNull();
  });

  it("REC-13 names lose folders, control and reserved characters, keep accents, and stay short", () => {
    expect(sanitiseAnnexName("C:\\Users\\greffe\\Grille tarifaire 2023.PDF")).toBe("Grille tarifaire 2023.pdf");
    expect(sanitiseAnnexName("../../etc/passwd")).toBe("passwd");
    expect(sanitiseAnnexName('plan "A"<b>\u0007.pdf')).toBe("plan Ab.pdf");
    // A name that is all dots and reserved characters still gets one.
    expect(sanitiseAnnexName("...pdf")).toBe("annexe.pdf");
    expect(sanitiseAnnexName('<>:"|?*.pdf')).toBe("annexe.pdf");
    expect(sanitiseAnnexName(`${"é".repeat(300)}.pdf`)).toBe(`${"é".repeat(110)}.pdf`);
    expect(contentDisposition("inline", "Maquette budgétaire.pdf")).toBe(
      `inline; filename="Maquette budgetaire.pdf"; filename*=UTF-8''Maquette%20budg%C3%A9taire.pdf`,
    );
  });
});

describe("REC-5 REC-17 the publication's rules, as typed on the desk and checked by the server", () => {
  const ctx = { sittingDate: "2022-10-03", siren: "218601946", departement: "86", today: "2022-10-10" };
  it("REC-17 dates between the sitting and today; an ACTES id of this council's act of this sitting", () => {
    expect(publicationProblems({ postedOn: "2022-10-04", teletransmissionId: "086-218601946-20221003-2022_0245-DE" }, ctx)).toEqual([]);
    expect(publicationProblems({ postedOn: "2022-10-02" }, ctx).map((p) => p.fr)).toEqual(["La date d'affichage (2022-10-02) précède la séance (2022-10-03)."]);
    expect(publicationProblems({ publishedOn: "2022-10-11" }, ctx).map((p) => p.field)).toEqual(["publishedOn"]);
    expect(publicationProblems({ prefectureReceivedOn: "2022-02-30" }, ctx).map((p) => p.field)).toEqual(["prefectureReceivedOn"]);
    expect(publicationProblems({ teletransmissionId: "086-218601946-20221004-2022_0245-DE" }, ctx).map((p) => p.field)).toEqual(["teletransmissionId"]);
    expect(publicationProblems({ teletransmissionId: "pas un identifiant" }, ctx)[0]?.fr).toMatch(/^L'identifiant n'a pas la forme ACTES/);
  });
});
