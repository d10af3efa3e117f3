// CLERK-6: the CSV reader and writer behind the roster's export and import.
import { describe, expect, it } from "vitest";
import { csvCell, detectDelimiter, parseCsv, toCsv } from "../../core/records/csv";

describe("CLERK-6 CSV", () => {
  it("CLERK-6 reads semicolons, quotes, doubled quotes, line breaks in quotes, CRLF, a BOM and blank lines", () => {
    const text = '\uFEFFa;b;c\r\n1;"x;y";"il dit ""oui"""\r\n\r\n2;"deux\r\nlignes";\r\n';
    const r = parseCsv(text);
    expect(r.delimiter).toBe(";");
    expect(r.errors).toEqual([]);
    expect(r.records).toEqual([
      { line: 1, cells: ["a", "b", "c"] },
      { line: 2, cells: ["1", "x;y", 'il dit "oui"'] },
      { line: 4, cells: ["2", "deux\r\nlignes", ""] },
    ]);
  });

  it("CLERK-6 finds the delimiter on the header line and reports an unclosed quote", () => {
    expect(detectDelimiter("a,b,c\n1;2;3;4")).toBe(",");
    expect(detectDelimiter('a;"b,c";d')).toBe(";");
    expect(parseCsv('a,b\n1,"never closed\n').errors).toEqual([{ line: 2, message: "a quoted value is never closed" }]);
  });

  it("CLERK-6 writes what it reads back, with a BOM and CRLF, formulas defused", () => {
    const rows = [
      ["nom", "groupe"],
      ["DUPONT; Jean", 'Les "Verts"'],
      ['=HYPERLINK("x")', "-Non inscrits"],
      [" espace", "ligne\nbrisée"],
    ];
    const text = toCsv(rows, { delimiter: ";", bom: true });
    expect(text.startsWith("\uFEFFnom;groupe\r\n")).toBe(true);
    expect(text).toContain("'=HYPERLINK");
    expect(parseCsv(text).records.map((r) => r.cells)).toEqual(rows);
    expect(csvCell("a,b", ";")).toBe("a,b");
    expect(csvCell("a,b", ",")).toBe('"a,b"');
  });
});
