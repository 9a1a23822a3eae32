/**
 * The 公文 page every generated DOCX uses (GB/T 9704: A4, its margins, 仿宋 三号 text and a
 * 小标宋 二号 heading), so review sheets, reply letters and reports look alike.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ISectionPropertiesOptions,
} from 'docx';

export const DOC_FONT = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const HEADING_FONT = { eastAsia: '方正小标宋简体', ascii: 'SimSun' };
const A4_PAGE: ISectionPropertiesOptions = {
  page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } },
};

/** A run of body text (size in half-points: 32 = 三号). */
export function docText(text: string, size = 32): TextRun {
  return new TextRun({ text, font: DOC_FONT, size });
}

/** The document's centred heading. */
export function docHeading(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 300 },
    children: [new TextRun({ text, font: HEADING_FONT, size: 44 })],
  });
}

/** The red of the 版头 (GB/T 9704: 发文机关标志 and the separation line). */
export const OFFICIAL_RED = 'FF0000';

/**
 * The 版头 of a 公文 (GB/T 9704-2012 §7.2): the issuing organ's mark in red 小标宋, centred; the
 * 发文字号 below it (〔〕 around the year); then the red separation line.
 */
export function docMasthead(issuer: string, docNumber: string): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 600, after: 600 },
      children: [new TextRun({ text: issuer, font: HEADING_FONT, size: 72, color: OFFICIAL_RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: OFFICIAL_RED, space: 8 } },
      children: [docText(docNumber)],
    }),
    new Paragraph({ spacing: { after: 300 }, children: [] }),
  ];
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** A table cell of body text (四号 unless `size`), spanning `span` columns. */
export function docCell(text: string, opts: { span?: number; size?: number; bold?: boolean } = {}): TableCell {
  return new TableCell({
    columnSpan: opts.span ?? 1,
    borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER },
    children: [new Paragraph({ children: [new TextRun({ text, font: DOC_FONT, size: opts.size ?? 28, bold: opts.bold ?? false })] })],
  });
}

/** A full-width table of text; the header row repeats on every page. */
export function docTable(header: readonly string[], rows: readonly (readonly string[])[], size = 28): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => docCell(h, { size, bold: true })) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => docCell(c, { size })) })),
    ],
  });
}

/** One A4 section with these children, packed as DOCX bytes. */
export function officialDocx(children: FileChild[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ properties: A4_PAGE, children }] }));
}
