/**
 * The database schema as Kysely sees it: one interface per table. Timestamps are UTC ISO
 * strings; calendar dates YYYY-MM-DD; flags 0/1 integers; JSON as text. The same shapes
 * hold on SQLite and PostgreSQL.
 */
import type { Generated, Selectable } from 'kysely';

export interface OrgTable {
  id: string;
  name: string;
  parent_id: string | null;
  credit_code: string | null;
  division_code: string | null;
  level: string;
  sort_order: number;
  /** The org's own 索引号 template (room disclosure); null uses the platform's. */
  index_template: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  org_id: string | null;
  password_hash: string;
  password_changed_at: string;
  must_change_password: number;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  last_login_at: string | null;
  last_login_ip: string | null;
  created_at: string;
  updated_at: string;
}

export interface PasswordHistoryTable {
  id: string;
  user_id: string;
  password_hash: string;
  created_at: string;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: string;
  /** '*' for a platform-wide grant, otherwise the site id. */
  scope: string;
  granted_by: string | null;
  granted_at: string;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself is only in the cookie. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  ended_at: string | null;
  end_reason: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface AuditEventTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  site_id: string | null;
  result: string;
  request_id: string | null;
  ip: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SiteTable {
  id: string;
  code: string | null;
  name: string;
  kind: string;
  sponsor_org_id: string;
  parent_site_id: string | null;
  hosting: string;
  base_url: string | null;
  domains: string;
  icp_number: string | null;
  psb_number: string | null;
  contact: string;
  /** Public look as JSON: colours, logo, banner, home blocks (publishing's ThemeView). */
  theme: Generated<string>;
  /** 党政机关网站标识 id at bszs.conac.cn. */
  conac_id: string | null;
  /** 1: the organ serves the public (办事服务 is checked); 0: it does not (scored out of 75 × 4/3). */
  external_services: Generated<number>;
  status: string;
  created_at: string;
  updated_at: string;
  /** The number of the site's last lifecycle event: the version a lifecycle step must name. */
  lifecycle_seq: Generated<number>;
  /** The request waiting for approval, or the approved open request, as JSON (sites/rules/lifecycle.ts). */
  lifecycle_request: string | null;
  successor_site_id: string | null;
  successor_url: string | null;
  /** The notice the site's pages show while offline or closing. */
  notice_text: string | null;
  notice_from: string | null;
  notice_until: string | null;
  merged_into_site_id: string | null;
  /** Migrate or close by (YYYY-MM-DD). */
  deadline: string | null;
  closed_at: string | null;
}

/** One step a site took (append-only; seq unique per site). */
export interface SiteLifecycleEventTable {
  id: string;
  site_id: string;
  seq: number;
  step: string;
  from_status: string;
  to_status: string;
  actor_id: string | null;
  actor_name: string;
  approver_name: string | null;
  text: string | null;
  details: string;
  created_at: string;
}

export interface ColumnTable {
  id: string;
  site_id: string;
  parent_id: string | null;
  name: string;
  slug: string;
  sort_order: number;
  freshness_class: string;
  freshness_days: number | null;
  owner_org_id: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  /** JSON array of article types this column accepts, or null for the types' defaults. */
  accepts: string | null;
  /** The 政府信息公开目录 category this column feeds (common/catalogue.ts), or null. */
  catalogue_category: string | null;
}

export interface ArticleTable {
  id: string;
  site_id: string;
  column_id: string;
  type: string;
  title: string;
  status: string;
  stage_index: number | null;
  current_revision_id: string;
  live_revision_id: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  first_published_at: string | null;
  published_at: string | null;
  scheduled_at: string | null;
  due_at: string | null;
  due_rule: string | null;
  late_minutes: number | null;
  emergency: number;
  emergency_reason: string | null;
  emergency_due_at: string | null;
  retracted_at: string | null;
  retract_reason: string | null;
  /** The old URL of an article brought in by the legacy import (migration 0025); null otherwise. */
  migrated_from?: string | null;
}

export interface ArticleRevisionTable {
  id: string;
  article_id: string;
  number: number;
  title: string;
  summary: string | null;
  source: string | null;
  body_html: string;
  metadata: string;
  created_by: string;
  created_by_name: string;
  created_at: string;
}

export interface ArticleEventTable {
  id: string;
  article_id: string;
  /** 1, 2, 3… per article: the order of its history. */
  seq: number;
  revision_id: string;
  kind: string;
  stage: string | null;
  actor_id: string | null;
  actor_name: string;
  opinion: string | null;
  created_at: string;
}

export interface ArticleCheckTable {
  id: string;
  article_id: string;
  revision_id: string;
  context: string;
  errors: number;
  warnings: number;
  results: string;
  created_at: string;
}

export interface ArticleLinkTable {
  policy_id: string;
  interpretation_id: string;
}

export interface FileTable {
  id: string;
  sha256: string;
  size: number;
  mime: string;
  ext: string;
  created_by: string | null;
  created_at: string;
}

export interface DictionaryEntryTable {
  id: string;
  scope: string;
  kind: string;
  word: string;
  extra: string;
  created_by: string | null;
  created_at: string;
}

export interface CalendarDayTable {
  date: string;
  kind: string;
  name: string;
  /** 'override' | 'import' */
  source: string;
  updated_at: string;
  updated_by: string | null;
}

export interface CalendarYearTable {
  year: number;
  /** 1 when the year's official notice has been imported. */
  official: number;
  note: string | null;
  updated_at: string;
}

export interface JobTable {
  id: string;
  name: string;
  payload: string;
  status: string;
  priority: number;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ScheduledRunTable {
  name: string;
  slot: string;
  job_id: string;
  created_at: string;
}

export interface WorkerHeartbeatTable {
  worker_id: string;
  hostname: string;
  pid: number;
  runs_scheduler: number;
  started_at: string;
  last_seen_at: string;
}

/** One row per article whose page is on disk: where it was written, from which revision. */
export interface PublishedArticleTable {
  article_id: string;
  site_id: string;
  column_id: string;
  revision_id: string;
  /** Site-relative file path, e.g. `xwdt/zwyw/202511/<id>.html`. */
  path: string;
  /** `YYYY-MM` of first publication: the sitemap chunk the article is listed in. */
  month: string;
  written_at: string;
  /** The instant the article is listed under (its place in the column's newest-first list); null in records older than this field. */
  listed_at: string | null;
}

/** A per-scope counter of 索引号 sequences (room disclosure). */
export interface IndexSequenceTable {
  scope: string;
  last_value: number;
}

/** The 索引号 of a published article: allocated once, never reused or changed (room disclosure). */
export interface IndexNumberTable {
  article_id: string;
  index_no: string;
  org_id: string;
  template: string;
  scope: string;
  sequence: number;
  allocated_at: string;
}

/** A 依申请公开 request (room disclosure); personal fields hold SM4 tokens (platform/personal-data.ts). */
export interface DisclosureRequestTable {
  id: string;
  tracking_no: string;
  query_code_hash: string;
  site_id: string;
  org_id: string;
  applicant_kind: string;
  applicant_name: string;
  id_type: string;
  id_number: string;
  id_blind: string;
  phone: string;
  address: string | null;
  email: string | null;
  description: string;
  purpose: string | null;
  /** JSON: the forms and channel the applicant wants. */
  forms: string;
  channel: string;
  received_on: string;
  state: string;
  due_on: string | null;
  /** The annual report's applicant column: natural, or the kind of legal person. */
  applicant_category: string;
  /** The day the request was answered or treated as abandoned. */
  closed_on: string | null;
  /** The annual report row it closed under (a reply outcome, or other.noAmendment / other.unpaid). */
  outcome: string | null;
  /** When the file was closed after delivery; an archived request is read-only. */
  archived_at: string | null;
  idempotency_key: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One clock event of a request (append-only). */
export interface DisclosureRequestEventTable {
  id: string;
  request_id: string;
  seq: number;
  type: string;
  /** JSON: the event as the request clock reads it. */
  data: string;
  note: string | null;
  actor_id: string;
  recorded_at: string;
}

/** An org's 政府信息公开指南 fields (条例 12). */
export interface DisclosureGuideTable {
  org_id: string;
  office_name: string;
  address: string;
  postal_code: string | null;
  office_hours: string;
  phone: string;
  fax: string;
  web_contact: string;
  /** 编排体系: how the org's information is classified and arranged. */
  arrangement: string;
  /** 获取方式: how to obtain information (proactive and on application). */
  obtaining: string;
  updated_by: string;
  updated_at: string;
}

/** What an org's annual report for a year holds besides what is computed from records. */
export interface AnnualReportTable {
  id: string;
  org_id: string;
  year: number;
  /** JSON: the counts entered by hand (section 二's licensing, penalty, enforcement and fee rows; section 四's 15 cells). */
  entered: string;
  /** JSON: the narrative sections (一, 五, 六) as plain text paragraphs. */
  narratives: string;
  /** The article the report was submitted for publication as, in the catalogue's 年报 column. */
  article_id: string | null;
  version: number;
  updated_by: string;
  updated_at: string;
}

/** One item of a site's 政府信息公开目录: a public article in a column mapped onto a category (room disclosure). */
export interface CatalogueEntryTable {
  article_id: string;
  site_id: string;
  column_id: string;
  /** The org the item belongs to: the 索引号's org, else the site's sponsor. */
  org_id: string;
  category: string;
  index_no: string | null;
  title: string;
  /** 内容概述: the summary, else the opening of the text. */
  summary: string;
  doc_number: string | null;
  topic: string | null;
  issuing_org: string | null;
  validity: string | null;
  /** 生成日期: the 成文日期, else the day of first publication (Beijing). */
  generated_on: string;
  year: number;
  published_at: string;
  /** The article page, site-relative. */
  url: string;
}

/** A column whose list pages after the first changed ones still show the old order (room publishing). */
export interface ColumnListTable {
  column_id: string;
  site_id: string;
  /** Set by each change that shifts the list; cleared by the job that rewrote the pages after reading it. */
  stale_token: string | null;
}

/** An article page's reference to another article (a body link or the replacing document). */
export interface PublishedRefTable {
  article_id: string;
  target_id: string;
}

/** The latest full build of a site's public files (one row per site): a running build holds off incremental publishing. */
export interface SiteBuildTable {
  site_id: string;
  build_id: string;
  status: string;
  started_at: string;
  heartbeat_at: string;
  finished_at: string | null;
  pages: number;
  error: string | null;
}

/**
 * One row per published article in the search index (room search). doc_key sorts like the
 * publication time; the segmented text lives in the dialect's full-text index (ADR 0007).
 */
export interface SearchDocumentTable {
  article_id: string;
  doc_key: number;
  site_id: string;
  column_id: string;
  column_name: string;
  type: string;
  title: string;
  /** Plain text of the body, for snippets. */
  body: string;
  /** Site-relative path of the article page, e.g. `/xwdt/zwyw/202511/<id>.html`. */
  url: string;
  published_at: string;
}

export interface InteractionChannelTable {
  id: string;
  site_id: string;
  /** common/schemas/interaction.ts CHANNEL_KINDS. */
  kind: string;
  name: string;
  handling_org_id: string;
  reply_days: number;
  publish_replies: number;
  review_replies: number;
  reopen_on_unsatisfied: number;
  intro: string | null;
  sort_order: number;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface LetterTable {
  id: string;
  tracking_no: string;
  query_code_hash: string;
  site_id: string;
  channel_id: string;
  /** The org handling the letter now (交办/转办 move it). */
  handling_org_id: string;
  /** A transfer (转办) waiting for the receiving org to accept or refuse. */
  pending_org_id: string | null;
  state: string;
  category: string;
  title: string;
  content: string;
  /** SM4 tokens (platform/personal-data.ts). */
  writer_name: string;
  writer_phone: string;
  writer_phone_blind: string;
  writer_email: string | null;
  consent_publish: number;
  /**
   * JSON summary of the attachments, [{ id, size, mime }] (no names: they are personal data).
   * The files themselves, with their names, are rows of letter_attachments.
   */
  attachments: string;
  received_on: string;
  due_on: string;
  /** The deadline's length in working days when it was set (the channel's, at receipt or reopening). */
  reply_days: number;
  duplicate_of: string | null;
  /** The reply being drafted, then the reply as sent. */
  reply: string | null;
  reply_org_id: string | null;
  replied_on: string | null;
  /** Set when the Q&A went on the public list; the public_* columns are its redacted copy. */
  published_at: string | null;
  public_title: string | null;
  public_content: string | null;
  public_reply: string | null;
  rating: string | null;
  rating_comment: string | null;
  rated_at: string | null;
  closed_on: string | null;
  /** The highest step of the warning ladder already announced (escalation runs once per step). */
  warned_level: string | null;
  idempotency_key: string | null;
  submitted_at: string;
  updated_at: string;
}

export interface LetterEventTable {
  id: string;
  letter_id: string;
  seq: number;
  type: string;
  data: string;
  note: string | null;
  actor_id: string;
  recorded_at: string;
}

/** A file sent with a letter (personal data: kept encrypted, out of the content room's file store). */
export interface LetterAttachmentTable {
  id: string;
  letter_id: string;
  /** 1, 2, 3: the order the writer sent them in. */
  seq: number;
  /** SM4 token of the original file name. */
  name: string;
  mime: string;
  size: number;
  /** SHA-256 (hex) of the plaintext bytes, checked again when they are read. */
  sha256: string;
  /** SM4 token of the bytes in base64. */
  data: string;
  created_at: string;
}

export interface ReplyTemplateTable {
  id: string;
  site_id: string;
  title: string;
  body: string;
  updated_by: string;
  updated_at: string;
}

export interface InteractionSettingTable {
  site_id: string;
  /** JSON array of words replaced by ＊ in published letters. */
  redact_words: string;
  updated_by: string;
  updated_at: string;
}

export interface SurveyTable {
  id: string;
  site_id: string;
  title: string;
  description: string;
  starts_on: string;
  ends_on: string;
  /** Shown to the public from this moment (null: a draft). */
  opened_at: string | null;
  result: string | null;
  result_published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface SurveyOpinionTable {
  id: string;
  survey_id: string;
  content: string;
  /** SM4 tokens, both optional. */
  writer_name: string | null;
  writer_phone: string | null;
  idempotency_key: string | null;
  submitted_at: string;
}

/** A service item (办事事项) with its guide as JSON; `published_guide` is what the public pages show (room guides). */
export interface ServiceItemTable {
  id: string;
  site_id: string;
  org_id: string;
  code: string;
  name: string;
  guide: string;
  state: string;
  version: number;
  published_version: number | null;
  published_guide: string | null;
  published_at: string | null;
  published_by: string | null;
  reviewed_on: string | null;
  created_at: string;
  updated_at: string;
  updated_by_id: string | null;
  updated_by: string | null;
}

/** The latest check of each link a service item's page offers. */
export interface ServiceLinkCheckTable {
  item_id: string;
  url: string;
  kind: string;
  label: string;
  ok: number;
  http_status: number | null;
  error: string | null;
  checked_at: string;
}

/** One run of a monitoring source over one site (a crawl, the database checks, the probes…). */
export interface MonitoringRunTable {
  id: string;
  site_id: string;
  /** crawl | database | probe | axe | tls */
  source: string;
  /** The calendar day (Beijing) the run judged the site as of. */
  as_of: string;
  started_at: string;
  finished_at: string;
  pages: number | null;
  links: number | null;
  /** ok | failed: a failed run changes no finding. */
  outcome: string;
  error: string | null;
  found: number;
  opened: number;
  reopened: number;
  resolved: number;
  recorded_by: string;
}

/**
 * One observed problem on one site, identified by (site, source, key) across runs. `key` is
 * findingKey(); `key_hash` its SHA-256 (the unique index, keys holding long URLs);
 * `evidence_hash` tells a run that saw the same evidence again from one that saw it change.
 */
export interface MonitoringFindingTable {
  id: string;
  site_id: string;
  source: string;
  key: string;
  key_hash: string;
  kind: string;
  severity: string;
  url: string;
  parent: string | null;
  column_name: string | null;
  element: string | null;
  http_status: number | null;
  last_updated: string | null;
  days: number | null;
  detail: string;
  rule: string;
  /** JSON object, or null. */
  params: string | null;
  snippet: string | null;
  evidence_hash: string;
  /** open | resolved */
  state: string;
  first_seen_at: string;
  last_seen_at: string;
  resolved_at: string | null;
  /** The run that last saw it. */
  last_run_id: string;
  /** How many history events it has (the next one is events + 1). */
  events: number;
}

/** A finding's history: opened, changed (severity), resolved, reopened. Records (no UPDATE, no DELETE). */
export interface MonitoringFindingEventTable {
  finding_id: string;
  seq: number;
  run_id: string;
  at: string;
  event: string;
  severity: string;
  previous_severity: string | null;
}

/** One availability probe of a site's homepage. */
export interface MonitoringProbeTable {
  id: string;
  site_id: string;
  url: string;
  at: string;
  ok: number;
  http_status: number | null;
  ms: number | null;
  error: string | null;
}

/** A notice to a site's owner org that a run opened (or reopened, or raised to) a veto finding. */
export interface MonitoringNoticeTable {
  id: string;
  org_id: string;
  site_id: string;
  finding_id: string;
  run_id: string;
  created_at: string;
  read_at: string | null;
  read_by: string | null;
}

/** An old URL of a retired site and where it leads now (room publishing). */
export interface SiteRedirectTable {
  site_id: string;
  /** The old URL's path and query as a browser sends them. */
  path: string;
  /** An absolute URL, or root-relative on the platform's own host. */
  target: string;
  kind: string;
  article_id: string | null;
  built_at: string;
}

/** Page views of a site on a day (Beijing), from the access logs (room traffic). */
export interface SiteTrafficDailyTable {
  site_id: string;
  day: string;
  page_views: number;
}

/** One distinct visitor of a site in a year: a keyed hash of year, client address and user agent, never the address. */
export interface SiteTrafficVisitorTable {
  site_id: string;
  year: number;
  visitor: string;
}

/** How far an access-log file has been read, and which file it was (device, inode, hash of its first line). */
export interface TrafficLogOffsetTable {
  path: string;
  dev: string;
  ino: string;
  head_hash: string | null;
  read_to: number;
  size_seen: number;
  lines: number;
  bad_lines: number;
  updated_at: string;
}

/** A spot check (抽查) of a period, scored against a frozen copy of an indicator system. */
export interface EvaluationBatchTable {
  id: string;
  name: string;
  /** `YYYY-Qn` or `YYYY-Hn`. */
  period: string;
  as_of: string;
  system_key: string;
  system_version: number;
  system_name: string;
  /** The indicator system as it was when the batch was made (JSON). */
  system_json: string;
  /** all | sample */
  scope: string;
  sample_size: number | null;
  seed: string | null;
  /** pending | running | done */
  state: string;
  sites: number;
  scored: number;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** One site of a batch: pending until scored; points in hundredths; JSON lists name the findings behind each veto and deduction. */
export interface EvaluationResultTable {
  batch_id: string;
  site_id: string;
  /** pending | scored */
  state: string;
  verdict: string | null;
  score_cents: number | null;
  deduction_cents: number | null;
  bonus_cents: number | null;
  vetoes: string | null;
  deductions: string | null;
  bonuses: string | null;
  not_assessed: string | null;
  findings: number | null;
  scored_at: string | null;
}

/** A checker's recorded result for an item scored by hand. */
export interface EvaluationManualResultTable {
  batch_id: string;
  site_id: string;
  item_code: string;
  points_cents: number | null;
  veto: number | null;
  /** JSON array of what was sampled. */
  sample: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** A rectification (整改) task: one lost item of a site in a spot check, for the site's owner org. */
export interface RectificationTaskTable {
  id: string;
  batch_id: string;
  site_id: string;
  org_id: string;
  item_code: string;
  indicator: string;
  /** veto | deduction */
  kind: string;
  points_cents: number | null;
  /** JSON array of the first 100 finding ids behind it, as last (re)checked. */
  finding_ids: string;
  finding_count: number;
  /** auto | manual */
  recheck: string;
  /** open | reported | dismissalRequested | closed | dismissed */
  state: string;
  deadline: string;
  escalated_at: string | null;
  reopened: number;
  /** How many events it has (the next one is events + 1). */
  events: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** A rectification task's history. Records (no UPDATE, no DELETE). */
export interface RectificationEventTable {
  task_id: string;
  seq: number;
  at: string;
  actor: string;
  /** The user, when a person did it. */
  actor_id: string | null;
  event: string;
  note: string | null;
}

/** A finding whose dismissal was approved for an item: later scoring of that item leaves it out. */
export interface EvaluationDismissalTable {
  finding_id: string;
  item_code: string;
  site_id: string;
  task_id: string;
  reason: string;
  approved_by: string;
  approved_at: string;
}

/** The record of an accountability interview (约谈问责). */
export interface EvaluationInterviewTable {
  id: string;
  site_id: string;
  org_id: string;
  batch_id: string | null;
  /** repeatFailure | overdueRectification */
  reason: string;
  held_on: string;
  attendees: string;
  summary: string;
  commitments: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** One saved version of a local indicator system (never updated). */
export interface IndicatorSystemVersionTable {
  key: string;
  version: number;
  name: string;
  /** The system it was copied from, `key@version`. */
  based_on: string | null;
  /** The whole system (IndicatorSystem) as JSON. */
  definition: string;
  note: string;
  created_by: string;
  created_at: string;
}

/** A site's 政府网站工作年度报表 of a year: the hand-entered fields, and the article publishing it. */
export interface WebsiteReportTable {
  site_id: string;
  year: number;
  version: number;
  /** ManualValues as JSON. */
  manual: string;
  article_id: string | null;
  updated_by: string;
  updated_at: string;
}

/** A January day the report of a site was found unpublished. */
export interface WebsiteReportReminderTable {
  site_id: string;
  year: number;
  reminded_on: string;
  days_left: number;
  created_at: string;
}

/** One import of a legacy site into a hosted site (room migration). JSON: options, columns, mapping. */
export interface LegacyImportTable {
  id: string;
  source_site_id: string;
  start_url: string;
  target_site_id: string;
  options: string;
  status: string;
  dry_run: number;
  pages_seen: number;
  articles_found: number;
  imported_count: number;
  updated_count: number;
  unchanged_count: number;
  duplicate_count: number;
  skipped_count: number;
  failed_count: number;
  columns: string;
  mapping: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  error: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A page an import crawled: kind, extracted fields (JSON), outcome and its reason. */
export interface LegacyImportPageTable {
  import_id: string;
  url: string;
  kind: string;
  column_key: string | null;
  fields: string | null;
  content_hash: string | null;
  duplicate_of: string | null;
  outcome: string;
  reason: string | null;
  article_id: string | null;
  updated_at: string;
}

/** An old URL of a legacy site and the article it became: the redirect map. */
export interface ArticleLegacyUrlTable {
  source_site_id: string;
  old_url: string;
  old_path: string;
  article_id: string;
  target_site_id: string;
  content_hash: string | null;
  import_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  orgs: OrgTable;
  users: UserTable;
  password_history: PasswordHistoryTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  settings: SettingTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  sites: SiteTable;
  site_columns: ColumnTable;
  jobs: JobTable;
  scheduled_runs: ScheduledRunTable;
  worker_heartbeats: WorkerHeartbeatTable;
  articles: ArticleTable;
  article_revisions: ArticleRevisionTable;
  article_events: ArticleEventTable;
  article_checks: ArticleCheckTable;
  article_links: ArticleLinkTable;
  files: FileTable;
  published_articles: PublishedArticleTable;
  site_builds: SiteBuildTable;
  published_refs: PublishedRefTable;
  column_lists: ColumnListTable;
  index_sequences: IndexSequenceTable;
  index_numbers: IndexNumberTable;
  disclosure_requests: DisclosureRequestTable;
  disclosure_request_events: DisclosureRequestEventTable;
  disclosure_guides: DisclosureGuideTable;
  annual_reports: AnnualReportTable;
  catalogue_entries: CatalogueEntryTable;
  dictionary_entries: DictionaryEntryTable;
  calendar_days: CalendarDayTable;
  calendar_years: CalendarYearTable;
  search_documents: SearchDocumentTable;
  interaction_channels: InteractionChannelTable;
  letters: LetterTable;
  service_items: ServiceItemTable;
  service_link_checks: ServiceLinkCheckTable;
  letter_events: LetterEventTable;
  letter_attachments: LetterAttachmentTable;
  reply_templates: ReplyTemplateTable;
  interaction_settings: InteractionSettingTable;
  surveys: SurveyTable;
  survey_opinions: SurveyOpinionTable;
  monitoring_runs: MonitoringRunTable;
  monitoring_findings: MonitoringFindingTable;
  monitoring_finding_events: MonitoringFindingEventTable;
  monitoring_probes: MonitoringProbeTable;
  monitoring_notices: MonitoringNoticeTable;
  site_traffic_daily: SiteTrafficDailyTable;
  site_traffic_visitors: SiteTrafficVisitorTable;
  traffic_log_offsets: TrafficLogOffsetTable;
  evaluation_batches: EvaluationBatchTable;
  evaluation_results: EvaluationResultTable;
  evaluation_manual_results: EvaluationManualResultTable;
  rectification_tasks: RectificationTaskTable;
  rectification_events: RectificationEventTable;
  evaluation_dismissals: EvaluationDismissalTable;
  evaluation_interviews: EvaluationInterviewTable;
  indicator_system_versions: IndicatorSystemVersionTable;
  website_reports: WebsiteReportTable;
  website_report_reminders: WebsiteReportReminderTable;
  site_redirects: SiteRedirectTable;
  site_lifecycle_events: SiteLifecycleEventTable;
  legacy_imports: LegacyImportTable;
  legacy_import_pages: LegacyImportPageTable;
  article_legacy_urls: ArticleLegacyUrlTable;
  column_subscriptions: ColumnSubscriptionTable;
  syndications: SyndicationTable;
}

export type OrgRow = Selectable<OrgTable>;
export type DisclosureRequestRow = Selectable<DisclosureRequestTable>;
export type UserRow = Selectable<UserTable>;
export type RoleGrantRow = Selectable<RoleGrantTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type SiteRow = Selectable<SiteTable>;
export type ColumnRow = Selectable<ColumnTable>;
export type JobRow = Selectable<JobTable>;
// Optional here: rows written before the legacy import (and literals that build them) do not name it.
export type ArticleRow = Omit<Selectable<ArticleTable>, 'migrated_from'> & { migrated_from?: string | null };
export type LegacyImportRow = Selectable<LegacyImportTable>;
export type LegacyImportPageRow = Selectable<LegacyImportPageTable>;
export type ArticleRevisionRow = Selectable<ArticleRevisionTable>;
export type ArticleEventRow = Selectable<ArticleEventTable>;
export type ArticleCheckRow = Selectable<ArticleCheckTable>;
export type FileRow = Selectable<FileTable>;
export type SiteBuildRow = Selectable<SiteBuildTable>;
export type DictionaryEntryRow = Selectable<DictionaryEntryTable>;
export type SearchDocumentRow = Selectable<SearchDocumentTable>;
export type InteractionChannelRow = Selectable<InteractionChannelTable>;
export type LetterRow = Selectable<LetterTable>;
export type LetterAttachmentRow = Selectable<LetterAttachmentTable>;
export type SurveyRow = Selectable<SurveyTable>;
export type MonitoringRunRow = Selectable<MonitoringRunTable>;
export type MonitoringFindingRow = Selectable<MonitoringFindingTable>;
export type MonitoringNoticeRow = Selectable<MonitoringNoticeTable>;
export type SiteLifecycleEventRow = Selectable<SiteLifecycleEventTable>;
// Generated is re-exported for tables that later gain database-generated columns.
export type { Generated };

/** A receiving column's subscription to a source column of another site (room syndication). */
export interface ColumnSubscriptionTable {
  id: string;
  /** The receiving site and column. */
  site_id: string;
  column_id: string;
  source_site_id: string;
  source_column_id: string;
  /** 1: new articles are taken at once; 0: each is offered to the receiving site's editors. */
  auto: number;
  created_by: string | null;
  created_at: string;
}

/** One article shown (or offered) in a column of another site (room syndication); never a copy. */
export interface SyndicationTable {
  id: string;
  article_id: string;
  source_site_id: string;
  /** The receiving site and column. */
  site_id: string;
  column_id: string;
  /** offered | taken | declined | withdrawn */
  state: string;
  /** subscription | push */
  origin: string;
  subscription_id: string | null;
  offered_by: string | null;
  offered_at: string;
  decided_by: string | null;
  decided_at: string | null;
  /** The instant the entry takes its place in the receiving column's newest-first list (set when taken). */
  listed_at: string | null;
  version: number;
}

export type ColumnSubscriptionRow = Selectable<ColumnSubscriptionTable>;
export type SyndicationRow = Selectable<SyndicationTable>;
