/**
 * The 公文 page every generated DOCX uses (GB/T 9704: A4, its margins, 仿宋 三号 text and a
 * 小标宋 二号 heading), so review sheets, reply letters and reports look alike.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun, type FileChild, type ISectionPropertiesOptions } from 'docx';

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

/** One A4 section with these children, packed as DOCX bytes. */
export function officialDocx(children: FileChild[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ properties: A4_PAGE, children }] }));
}
