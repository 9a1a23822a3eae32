/**
 * The unified resource library (统一信息资源库, 信息共享): requests and responses of the
 * syndication routes, shared by server and admin.
 */
import { z } from 'zod';

const Id = z.string().min(1).max(40);

export const SYNDICATION_STATES = ['offered', 'taken', 'declined', 'withdrawn'] as const;
export type SyndicationState = (typeof SYNDICATION_STATES)[number];
export const SYNDICATION_STATE_LABELS: Record<SyndicationState, string> = {
  offered: '待采用',
  taken: '已采用',
  declined: '未采用',
  withdrawn: '已撤下',
};

export const SYNDICATION_ORIGINS = ['subscription', 'push'] as const;
export type SyndicationOrigin = (typeof SYNDICATION_ORIGINS)[number];
export const SYNDICATION_ORIGIN_LABELS: Record<SyndicationOrigin, string> = { subscription: '订阅', push: '推送' };

/** POST /api/syndication/subscriptions: a receiving column subscribes to a source column of another site. */
export const CreateSubscriptionSchema = z.strictObject({
  columnId: Id,
  sourceColumnId: Id,
  auto: z.boolean().default(false),
});
export type CreateSubscriptionInput = z.input<typeof CreateSubscriptionSchema>;

/** POST /api/syndication/pushes: an editor offers one published article to a column of another site. */
export const PushArticleSchema = z.strictObject({ articleId: Id, columnId: Id });
export type PushArticleInput = z.input<typeof PushArticleSchema>;

/** Query of GET /api/syndication/entries. */
export const SyndicationListQuerySchema = z.strictObject({
  siteId: Id,
  state: z.enum(SYNDICATION_STATES).optional(),
});

/** Body of a decision (take, decline, remove): the version the editor saw. */
export const SyndicationDecisionSchema = z.strictObject({ version: z.number().int().min(1) });

export interface ColumnSubscription {
  id: string;
  siteId: string;
  columnId: string;
  columnName: string;
  sourceSiteId: string;
  sourceSiteName: string;
  sourceColumnId: string;
  sourceColumnName: string;
  auto: boolean;
  createdAt: string;
}

export interface SyndicationEntry {
  id: string;
  articleId: string;
  title: string;
  sourceSiteId: string;
  sourceSiteName: string;
  /** The source's issuing org as the receiving lists mark it (来源). */
  sourceOrgName: string;
  siteId: string;
  siteName: string;
  columnId: string;
  columnName: string;
  state: SyndicationState;
  origin: SyndicationOrigin;
  /** Whether the source article is public now (a retracted one is shown nowhere). */
  articlePublic: boolean;
  offeredAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  listedAt: string | null;
  version: number;
}
