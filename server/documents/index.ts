/**
 * The documents room's door: reading 公文 (official documents) from text and DOCX files,
 * and the 发文字号 rules the content room uses to validate and normalise doc numbers.
 */
export {
  DOC_NUMBER_MAX_YEAR,
  DOC_NUMBER_MIN_YEAR,
  DOC_NUMBER_PATTERN,
  isStandardDocNumber,
  isValidDocNumber,
  normalizeDocNumber,
  parseDocNumber,
  type DocNumberParse,
} from './rules/doc-number.ts';
export {
  documentSummary,
  parseOfficialDocument,
  type DocumentSummary,
  type OfficialDocument,
  type ParseOptions,
} from './rules/parse-official-document.ts';
export {
  DOCUMENT_ERROR_CODES,
  MAX_DOCUMENT_BYTES,
  MAX_DOCX_XML_BYTES,
  decodeText,
  docxToText,
  parseDocumentFile,
  type DocumentFormat,
  type DocumentSource,
  type ParsedDocumentFile,
  type TextEncoding,
} from './read-docx.ts';
