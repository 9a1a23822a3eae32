/**
 * The public side of letters on every hosted site: the interaction home, the letter form with a
 * text challenge and a honeypot against bots and up to three attachments (type checked from the
 * bytes), the receipt, tracking with the rating of the reply, the answered letters and the
 * year's figures. Each function answers with a status and a whole page (null: no such site).
 * Whatever is posted is read through length-cut readers and the shared schemas; bad input gets
 * the form again with every typed value but the challenge answer and the reasons in Chinese.
 */
import { fileTypeFromBuffer } from 'file-type';
import { LetterFormSchema, RateLetterSchema, type ChannelView, type LetterForm } from '../../../common/schemas/interaction.ts';
import { plainTextProblem } from '../../../common/schemas/text.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { isAppError, type AppError } from '../../platform/errors.ts';
import { challengeProblem, framedPages, newChallenge, sm3, textField, type PublicPage } from '../../platform/public-forms.ts';
import { publicSiteId, sitePage, type SafeHtml } from '../../publishing/index.ts';
import {
  answeredLetterBody,
  answeredListBody,
  EMPTY_LETTER_FORM,
  interactionHomeBody,
  INTERACTION_PATH,
  LETTER_FILE_MAX_BYTES,
  LETTER_FILES_MAX,
  LETTER_LIST_PATH,
  LETTER_STATISTICS_PATH,
  LETTER_TRACKING_PATH,
  LETTER_WRITE_PATH,
  letterFormBody,
  letterLookupBody,
  letterPath,
  letterReceiptBody,
  letterStatusBody,
  notFoundBody,
  statisticsBody,
  type LetterFormValues,
} from '../render/letter-pages.ts';
import {
  letterStatistics,
  publicChannels,
  publishedLetter,
  publishedLetters,
  rateLetter,
  submitLetter,
  trackLetter,
  type PublicLetterStatus,
} from './letters.ts';
import { LETTER_FILE_MIMES, type LetterAttachment } from './letter-attachments.ts';

export type { PublicPage };

/** Purpose of the letter form's challenge token: of this form on this site (a token of another form or site is worthless here). */
const challengeOf = (code: string) => `hdjl-challenge.${code}`;
export const LETTERS_PER_PAGE = 20;
/** Beyond any real list; a larger number is not a page. */
const MAX_PAGE = 100_000;
const LETTER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const page = framedPages<SafeHtml>(() => sitePage);

/** A file as the route read it from the multipart body (at most the size limit, `truncated` past it). */
export interface PostedFile {
  filename: string;
  bytes: Buffer;
  truncated: boolean;
}

/** A posted letter form: its fields, the files read, how many were sent, and whether the body broke off. */
export interface PostedLetterForm {
  fields: Record<string, unknown>;
  files: PostedFile[];
  /** Files sent with a name (the route stops reading after the allowed number). */
  fileCount: number;
  malformed: boolean;
}

// ---------------------------------------------------------------------------------------------
// Home, form and receipt

/** GET /hdjl/: the site's open channels and the ways to the other pages. */
export async function interactionHomePage(deps: Deps, code: string): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  return page(deps, code, INTERACTION_PATH, '政民互动', 200, interactionHomeBody(await publicChannels(deps, siteId)));
}

/** GET /hdjl/xx/: the empty form, with the channel of `?channel=<id>` chosen when it is one of the site's. */
export async function letterFormPage(deps: Deps, code: string, channel?: unknown): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const channels = await publicChannels(deps, siteId, { withOrgNames: false });
  const wanted = textField(channel, 40);
  const values = { ...EMPTY_LETTER_FORM, channelId: channels.some((c) => c.id === wanted) ? wanted : '' };
  return formPage(deps, code, channels, values, [], 200);
}

function formPage(
  deps: Deps,
  code: string,
  channels: readonly ChannelView[],
  values: LetterFormValues,
  errors: readonly string[],
  status: number,
): Promise<PublicPage | null> {
  const body = letterFormBody(channels, { ...values, answer: '' }, newChallenge(deps, challengeOf(code)), errors);
  return page(deps, code, LETTER_WRITE_PATH, '我要写信', status, body);
}

function formValues(fields: Record<string, unknown>): LetterFormValues {
  return {
    // Cut well beyond each field's limit: too long is refused with a message, not silently shortened.
    channelId: textField(fields.channelId, 200),
    category: textField(fields.category, 100),
    title: textField(fields.title, 1000),
    content: textField(fields.content, 20_000),
    name: textField(fields.name, 500),
    phone: textField(fields.phone, 200),
    email: textField(fields.email, 1000),
    consentPublish: fields.consentPublish === '1',
    answer: textField(fields.answer, 3),
  };
}

/** The form as the schema reads it: a blank e-mail left out. */
function formInput(v: LetterFormValues): Record<string, unknown> {
  return {
    channelId: v.channelId,
    category: v.category,
    title: v.title,
    content: v.content,
    name: v.name,
    phone: v.phone,
    ...(v.email.trim() ? { email: v.email.trim() } : {}),
    consentPublish: v.consentPublish,
  };
}

/** The name a file is shown and kept under: without any folder the browser sent. */
const baseName = (filename: string) => filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1).trim();
const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** One attachment ready to store, or why it cannot be taken (name, size, or content that is not what its extension says). */
async function checkFile(file: PostedFile): Promise<LetterAttachment | string> {
  const name = baseName(file.filename);
  const nameProblem = plainTextProblem(name, '附件文件名');
  if (nameProblem) return nameProblem;
  if (name.length > 100) return '附件文件名不能超过 100 个字符';
  const mime = LETTER_FILE_MIMES[extensionOf(name)];
  if (!mime) return `附件“${name}”的格式不支持，只能上传 PDF、JPG、PNG、DOCX 文件`;
  if (file.truncated || file.bytes.length > LETTER_FILE_MAX_BYTES) return `附件“${name}”超过 5 MB`;
  if (file.bytes.length === 0) return `附件“${name}”是空文件`;
  const sniffed = await fileTypeFromBuffer(file.bytes);
  if (sniffed?.mime !== mime) return `附件“${name}”的内容与扩展名不符，请上传真实的 PDF、JPG、PNG 或 DOCX 文件`;
  return { name, mime, bytes: file.bytes };
}

/** The attachments that may be stored (with the type their bytes were checked to be), and every reason some may not. */
async function checkFiles(posted: PostedLetterForm): Promise<{ files: LetterAttachment[]; errors: string[] }> {
  if (posted.fileCount > LETTER_FILES_MAX) return { files: [], errors: [`最多上传 ${LETTER_FILES_MAX} 个附件`] };
  const files: LetterAttachment[] = [];
  const errors: string[] = [];
  for (const f of posted.files) {
    const checked = await checkFile(f);
    if (typeof checked === 'string') errors.push(checked);
    else files.push(checked);
  }
  return { files, errors };
}

/** Every reason the posted letter cannot be taken, with the schema's output when the fields are good. */
async function checkLetter(
  deps: Deps,
  code: string,
  channels: readonly ChannelView[],
  posted: PostedLetterForm,
  values: LetterFormValues,
): Promise<{ errors: string[]; form: LetterForm | null; files: LetterAttachment[] }> {
  const errors: string[] = [];
  if (posted.malformed) errors.push('提交的内容不完整，请重新填写后再提交');
  const f = posted.fields;
  const challenge = challengeProblem(deps, challengeOf(code), textField(f.challenge, 2000), values.answer, textField(f.website, 200));
  if (challenge) errors.push(challenge);
  const parsed = LetterFormSchema.safeParse(formInput(values));
  if (!parsed.success) errors.push(...parsed.error.issues.map((i) => i.message));
  // The schema checks the id's shape; only this site's open channels may be written to.
  if (values.channelId && !channels.some((c) => c.id === values.channelId)) errors.push('所选信件类型不存在，请重新选择');
  const files = await checkFiles(posted);
  errors.push(...files.errors);
  return { errors, form: parsed.success ? parsed.data : null, files: files.files };
}

const problemsOf = (e: AppError) => (e.fields.length ? e.fields.map((f) => f.message) : [e.message]);

/** POST /hdjl/xx/: checks everything, stores the letter with its attachments (one transaction), and shows the receipt. */
export async function submitLetterForm(deps: Deps, code: string, posted: PostedLetterForm): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const channels = await publicChannels(deps, siteId, { withOrgNames: false });
  const values = formValues(posted.fields);
  const check = await checkLetter(deps, code, channels, posted, values);
  const channel = channels.find((c) => c.id === values.channelId);
  if (check.errors.length || !check.form || !channel) {
    const errors = [...check.errors];
    if (posted.fileCount > 0) errors.push('如需附件，请重新选择附件文件');
    return formPage(deps, code, channels, values, errors, 400);
  }
  const token = textField(posted.fields.challenge, 2000);
  try {
    // The same form sent twice (a double click, a resent page) carries the same token: one letter.
    const done = await submitLetter(deps, { siteId, form: check.form, attachments: check.files, idempotencyKey: sm3(token) });
    const receipt = { ...done, channelName: channel.name, replyDays: channel.replyDays };
    // A repeated form (a double click) shows the same receipt again, query code included.
    return page(deps, code, LETTER_WRITE_PATH, '信件已提交', done.repeated ? 200 : 201, letterReceiptBody(receipt));
  } catch (e) {
    if (!isAppError(e) || e.status >= 500) throw e;
    const again = posted.fileCount > 0 ? ['如需附件，请重新选择附件文件'] : [];
    return formPage(deps, code, channels, values, [...problemsOf(e), ...again], e.status);
  }
}

// ---------------------------------------------------------------------------------------------
// Tracking and rating

/** GET /hdjl/cx/: the lookup form. */
export async function letterTrackingPage(deps: Deps, code: string): Promise<PublicPage | null> {
  return page(deps, code, LETTER_TRACKING_PATH, '信件办理情况查询', 200, letterLookupBody(LETTER_TRACKING_PATH, '', null));
}

const lookupFailed = (deps: Deps, code: string, trackingNo: string) =>
  page(
    deps,
    code,
    LETTER_TRACKING_PATH,
    '信件办理情况查询',
    404,
    letterLookupBody(LETTER_TRACKING_PATH, trackingNo, '信件编号或查询码不正确'),
  );

const statusPage = (deps: Deps, code: string, status: number, s: PublicLetterStatus, queryCode: string, opts = {}) =>
  page(deps, code, LETTER_TRACKING_PATH, '信件办理情况', status, letterStatusBody(s, queryCode, opts));

/** POST /hdjl/cx/: `action=lookup` shows the letter; `action=rate` records the writer's rating of the reply. */
export async function letterTrackingAction(deps: Deps, code: string, body: Record<string, unknown>): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const trackingNo = textField(body.trackingNo, 20).trim();
  const queryCode = textField(body.queryCode, 8).trim();
  const status = await trackLetter(deps, siteId, trackingNo, queryCode);
  if (!status) return lookupFailed(deps, code, trackingNo);
  if (body.action !== 'rate') return statusPage(deps, code, 200, status, queryCode);
  return rate(deps, code, siteId, status, queryCode, body);
}

async function rate(
  deps: Deps,
  code: string,
  siteId: string,
  status: PublicLetterStatus,
  queryCode: string,
  body: Record<string, unknown>,
): Promise<PublicPage | null> {
  const values = { rating: textField(body.rating, 20), comment: textField(body.comment, 2000) };
  const input = { rating: values.rating, ...(values.comment.trim() ? { comment: values.comment } : {}) };
  const parsed = RateLetterSchema.safeParse(input);
  if (!parsed.success)
    return statusPage(deps, code, 400, status, queryCode, { errors: parsed.error.issues.map((i) => i.message), rating: values });
  try {
    const after = await rateLetter(deps, siteId, status.trackingNo, queryCode, parsed.data);
    return statusPage(deps, code, 200, after, queryCode, { message: '感谢您的评价' });
  } catch (e) {
    if (!isAppError(e) || e.status >= 500) throw e;
    if (e.status === 404) return lookupFailed(deps, code, status.trackingNo);
    const now = (await trackLetter(deps, siteId, status.trackingNo, queryCode)) ?? status;
    return statusPage(deps, code, e.status, now, queryCode, { errors: problemsOf(e), rating: values });
  }
}

// ---------------------------------------------------------------------------------------------
// Answered letters and figures

/** The page number of `?page=`, or null when it is not one. */
function pageNumber(v: unknown): number | null {
  if (v === undefined) return 1;
  const s = textField(v, 10);
  if (!/^[1-9]\d{0,5}$/.test(s)) return null;
  const n = Number(s);
  return n <= MAX_PAGE ? n : null;
}

/** GET /hdjl/xj/: 20 answered letters a page, newest first, with numbered pages. */
export async function answeredLettersPage(deps: Deps, code: string, pageParam?: unknown): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const n = pageNumber(pageParam);
  const list = n === null ? null : await publishedLetters(deps, siteId, n, LETTERS_PER_PAGE);
  const pages = Math.max(1, Math.ceil((list?.total ?? 0) / LETTERS_PER_PAGE));
  if (n === null || !list || n > pages)
    return page(deps, code, LETTER_LIST_PATH, '信件选登', 404, notFoundBody(LETTER_LIST_PATH, '没有这一页'));
  const title = n === 1 ? '信件选登' : `信件选登（第 ${n} 页）`;
  const body = answeredListBody(list.items, n, pages, list.total);
  return page(deps, code, LETTER_LIST_PATH, title, 200, body, n === 1 ? undefined : `${LETTER_LIST_PATH}?page=${n}`);
}

/** GET /hdjl/xj/<id>: one answered letter (404 page when it is not, or no longer, published). */
export async function answeredLetterPage(deps: Deps, code: string, id: string): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const letter = LETTER_ID.test(id) ? await publishedLetter(deps, siteId, id) : null;
  if (!letter) {
    // An id that is not one is answered at the list's address, never echoed into a path.
    const at = LETTER_ID.test(id) ? letterPath(id) : LETTER_LIST_PATH;
    return page(deps, code, at, '信件选登', 404, notFoundBody(at, '信件不存在或已撤回公开'));
  }
  return page(deps, code, letterPath(letter.id), letter.title, 200, answeredLetterBody(letter));
}

/** GET /hdjl/tj/: per channel, letters received and answered this year and the average days to answer. */
export async function letterStatisticsPage(deps: Deps, code: string): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const to = beijingToday(deps.clock);
  const year = Number(to.slice(0, 4));
  const from = `${year}-01-01`;
  const [open, figures] = await Promise.all([publicChannels(deps, siteId), letterStatistics(deps, siteId, from, to)]);
  // A closed channel still counts for the letters it received this year.
  const rows = figures.filter((r) => r.received > 0 || open.some((c) => c.id === r.channelId));
  return page(deps, code, LETTER_STATISTICS_PATH, '来信办理统计', 200, statisticsBody(year, from, to, rows));
}
