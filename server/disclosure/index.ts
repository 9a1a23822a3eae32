/**
 * The disclosure room (政府信息公开): 索引号 of published articles, and the rules of
 * 依申请公开 requests (the legal clock, fees). Content allocates an article's number in the
 * transaction of its first publication; publishing shows it:
 *   const indexNo = await allocateIndexNumber(deps, tx, { articleId, siteId, columnId, publishedAt });
 *   const numbers = await indexNumbersOf(deps, articleIds);
 */
export { allocateIndexNumber, indexNumbersOf, keepIndexNumber, type NumberedArticle } from './commands/index-numbers.ts';
export {
  getRequest,
  listRequests,
  queryCodeHash,
  recordRequestEvent,
  registerRequest,
  type RegisteredRequest,
  type RequestView,
} from './commands/requests.ts';
export { annualRequestReport, type AnnualRequestReport } from './commands/annual-report.ts';
export { annualReportDocxFile, annualReportXlsxFile, getAnnualReport, saveAnnualReport } from './commands/annual-reports.ts';
export { publishAnnualReport, type AnnualReportPublication } from './commands/publish-annual-report.ts';
export { disclosureRoutes } from './disclosure.routes.ts';
export { catalogueRoutes } from './catalogue.routes.ts';
export {
  catalogueCoverageOf,
  getGuide,
  pruneCatalogue,
  recordCatalogueEntries,
  removeCatalogueEntries,
  saveGuide,
} from './commands/catalogue.ts';
export type { CatalogueSource } from './rules/catalogue.ts';
export { replyLetterDocx } from './commands/reply-letter.ts';
export { archiveRequest, assignRequest, recordDelivery, type RecordedEvent } from './commands/request-handling.ts';
export { overdueRequests, repeatedRequests } from './commands/request-oversight.ts';
export { consultationLetterDocx, feeNoticeDocx } from './commands/request-documents.ts';
export { requestClock, clockEventRefusals, type ClockEvent, type RequestClock } from './rules/request-clock.ts';
export { calculateFee, type FeeCalculation, type FeeInput } from './rules/fees.ts';
