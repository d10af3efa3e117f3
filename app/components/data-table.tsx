"use client";
// The one table of the clerk's screens: a caption (read by screen readers), column headers with
// scope, one row header per row (what the row is about), and the cells each column renders.
import type { ReactNode } from "react";

export interface Column<Row> {
  key: string;
  header: ReactNode;
  /** The cell for one row. */
  cell: (row: Row, index: number) => ReactNode;
  /** This column names the row (rendered as <th scope="row">). */
  rowHeader?: boolean;
  className?: string;
}

export function DataTable<Row>({
  caption,
  captionVisible = false,
  columns,
  rows,
  rowKey,
  rowProps,
  testId,
  dense = false,
}: {
  caption: ReactNode;
  captionVisible?: boolean;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** Extra attributes of a row (data-* for tests, a highlight). */
  rowProps?: (row: Row) => Record<string, string | undefined>;
  testId?: string;
  dense?: boolean;
}) {
  const pad = dense ? "p-1" : "p-2";
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" data-testid={testId}>
        <caption className={captionVisible ? "text-left font-semibold" : "sr-only"}>{caption}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400 text-left">
            {columns.map((c) => (
              <th key={c.key} scope="col" className={pad}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const { className: rowClass, ...attrs } = rowProps?.(row) ?? {};
            return (
              <tr key={rowKey(row)} className={`border-b border-slate-200 align-top ${rowClass ?? ""}`} {...attrs}>
                {columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.key} scope="row" className={`${pad} text-left font-normal ${c.className ?? ""}`}>
                      {c.cell(row, i)}
                    </th>
                  ) : (
                    <td key={c.key} className={`${pad} ${c.className ?? ""}`}>
                      {c.cell(row, i)}
                    </td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
