/** 公文 import: an official document (pasted text or an uploaded DOCX/text file) becomes a pre-filled article. */
import type { ParsedDocument } from '../../../common/schemas/content.ts';
import { documentSummary, parseDocumentFile, parseOfficialDocument, type OfficialDocument } from '../../documents/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { Errors } from '../../platform/errors.ts';

// A parsed 公文 as the API answers it; the shape is shared with the admin (common/).
export type ImportedDocument = ParsedDocument;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function present(doc: OfficialDocument): ImportedDocument {
  const paragraphs = doc.body
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  return { ...documentSummary(doc), bodyHtml: paragraphs.map((p) => `<p>${esc(p)}</p>`).join('') };
}

/** Parses pasted text or an uploaded file for any user who may write content somewhere. */
export async function importDocument(
  actor: Actor,
  input: { text: string } | { bytes: Buffer; filename: string },
): Promise<ImportedDocument> {
  requirePermission(actor, 'content.author');
  if ('text' in input) {
    if (input.text.trim().length === 0) throw Errors.validation('请粘贴公文文本', [{ field: 'text', message: '请粘贴公文文本' }]);
    return present(parseOfficialDocument(input.text));
  }
  return present(await parseDocumentFile(input.bytes, input.filename));
}
