/**
 * What a site administrator sets up for interaction: the channels (each with its handling org,
 * reply deadline in working days, whether replies are reviewed by a leader and published, and
 * whether an unsatisfied rating reopens the letter), the words masked in published letters;
 * and what handlers share: reply templates. Every change is audited.
 */
import { randomUUID } from 'node:crypto';
import {
  SaveChannelSchema,
  SaveInteractionSettingsSchema,
  SaveReplyTemplateSchema,
  type ChannelView,
} from '../../../common/schemas/interaction.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { channels, interactionSettings, letters, replyTemplates, routing } from '../interaction.repository.ts';
import { publicCopy } from './letter-handling.ts';
import { channelView } from './letters.ts';

async function requireSite(tx: Tx, siteId: string): Promise<void> {
  if (!(await routing.siteExists(tx.trx, siteId))) throw Errors.notFound('网站不存在');
}

async function handlingOrgName(tx: Tx, orgId: string): Promise<string> {
  const org = await routing.org(tx.trx, orgId);
  if (!org) throw Errors.validation('办理单位不存在', [{ field: 'handlingOrgId', message: '办理单位不存在' }]);
  if (!(await routing.siteIdsOfOrgs(tx.trx, [orgId])).get(orgId)?.length)
    throw Errors.validation('办理单位没有在平台上的网站，无法办理信件', [
      { field: 'handlingOrgId', message: '办理单位没有在平台上的网站，无法办理信件' },
    ]);
  return org.name;
}

/** The site's channels, enabled or not (the office's view). */
export async function listChannels(deps: Deps, actor: Actor, siteId: string): Promise<ChannelView[]> {
  requirePermission(actor, 'sites.read', siteId);
  const rows = await channels.ofSite(deps.db.kysely, siteId);
  const names = await routing.orgNames(
    deps.db.kysely,
    rows.map((r) => r.handling_org_id),
  );
  return rows.map((r) => channelView(r, names.get(r.handling_org_id) ?? ''));
}

/** Opens a channel on a site. */
export async function createChannel(deps: Deps, actor: Actor, siteId: string, input: unknown): Promise<ChannelView> {
  requirePermission(actor, 'sites.edit', siteId);
  const data = parseInput(SaveChannelSchema, input);
  return inTransaction(deps.db, async (tx) => {
    await requireSite(tx, siteId);
    const orgName = await handlingOrgName(tx, data.handlingOrgId);
    const now = deps.clock.now().toISOString();
    const existing = await channels.ofSite(tx.trx, siteId);
    const row = {
      id: randomUUID(),
      site_id: siteId,
      kind: data.kind,
      name: data.name,
      handling_org_id: data.handlingOrgId,
      reply_days: data.replyDays,
      publish_replies: data.publishReplies ? 1 : 0,
      review_replies: data.reviewReplies ? 1 : 0,
      reopen_on_unsatisfied: data.reopenOnUnsatisfied ? 1 : 0,
      intro: data.intro ?? null,
      sort_order: data.sortOrder ?? (existing.at(-1)?.sort_order ?? 0) + 10,
      enabled: data.enabled ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await channels.insert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'interaction.channel.create',
      targetType: 'interactionChannel',
      targetId: row.id,
      siteId,
      details: data,
    });
    return channelView(row, orgName);
  });
}

/** Changes a channel. Letters already received keep their due dates; new ones follow the new deadline. */
export async function updateChannel(deps: Deps, actor: Actor, id: string, input: unknown): Promise<ChannelView> {
  const data = parseInput(SaveChannelSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const before = await channels.byId(tx.trx, id);
    if (!before) throw Errors.notFound('渠道不存在');
    requirePermission(actor, 'sites.edit', before.site_id);
    const orgName = await handlingOrgName(tx, data.handlingOrgId);
    const patch = {
      kind: data.kind,
      name: data.name,
      handling_org_id: data.handlingOrgId,
      reply_days: data.replyDays,
      publish_replies: data.publishReplies ? 1 : 0,
      review_replies: data.reviewReplies ? 1 : 0,
      reopen_on_unsatisfied: data.reopenOnUnsatisfied ? 1 : 0,
      intro: data.intro ?? null,
      sort_order: data.sortOrder ?? before.sort_order,
      enabled: data.enabled ? 1 : 0,
      updated_at: deps.clock.now().toISOString(),
    };
    await channels.update(tx.trx, id, patch);
    await recordAudit(tx, deps.clock, actor, {
      action: 'interaction.channel.update',
      targetType: 'interactionChannel',
      targetId: id,
      siteId: before.site_id,
      details: data,
    });
    return channelView({ ...before, ...patch }, orgName);
  });
}

export async function getInteractionSettings(deps: Deps, actor: Actor, siteId: string): Promise<{ redactWords: string[] }> {
  requirePermission(actor, 'sites.read', siteId);
  return { redactWords: await interactionSettings.redactWords(deps.db.kysely, siteId) };
}

/** The words masked (＊) whenever a letter of the site is published; the letters already published are masked again with them. */
export async function saveInteractionSettings(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: unknown,
): Promise<{ redactWords: string[] }> {
  requirePermission(actor, 'sites.edit', siteId);
  const data = parseInput(SaveInteractionSettingsSchema, input);
  const words = [...new Set(data.redactWords)];
  return inTransaction(deps.db, async (tx) => {
    await requireSite(tx, siteId);
    await interactionSettings.save(tx.trx, {
      site_id: siteId,
      redact_words: JSON.stringify(words),
      updated_by: actor.id ?? actor.name,
      updated_at: deps.clock.now().toISOString(),
    });
    const published = await letters.publishedSources(tx.trx, siteId);
    for (const row of published) await letters.update(tx.trx, row.id, publicCopy(deps, row, words));
    await recordAudit(tx, deps.clock, actor, {
      action: 'interaction.settings.save',
      targetType: 'site',
      targetId: siteId,
      siteId,
      details: { redactWords: words.length, republished: published.length },
    });
    return { redactWords: words };
  });
}

export interface ReplyTemplateView {
  id: string;
  title: string;
  body: string;
}

const templateView = (r: { id: string; title: string; body: string }): ReplyTemplateView => ({ id: r.id, title: r.title, body: r.body });

export async function listReplyTemplates(deps: Deps, actor: Actor, siteId: string): Promise<ReplyTemplateView[]> {
  requirePermission(actor, 'interaction.handle', siteId);
  return (await replyTemplates.ofSite(deps.db.kysely, siteId)).map(templateView);
}

export async function createReplyTemplate(deps: Deps, actor: Actor, siteId: string, input: unknown): Promise<ReplyTemplateView> {
  requirePermission(actor, 'interaction.handle', siteId);
  const data = parseInput(SaveReplyTemplateSchema, input);
  return inTransaction(deps.db, async (tx) => {
    await requireSite(tx, siteId);
    const row = {
      id: randomUUID(),
      site_id: siteId,
      title: data.title,
      body: data.body,
      updated_by: actor.id ?? actor.name,
      updated_at: deps.clock.now().toISOString(),
    };
    await replyTemplates.insert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'interaction.template.create',
      targetType: 'replyTemplate',
      targetId: row.id,
      siteId,
      details: { title: data.title },
    });
    return templateView(row);
  });
}

export async function updateReplyTemplate(deps: Deps, actor: Actor, id: string, input: unknown): Promise<ReplyTemplateView> {
  const data = parseInput(SaveReplyTemplateSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const before = await replyTemplates.byId(tx.trx, id);
    if (!before) throw Errors.notFound('答复模板不存在');
    requirePermission(actor, 'interaction.handle', before.site_id);
    await replyTemplates.update(tx.trx, id, {
      title: data.title,
      body: data.body,
      updated_by: actor.id ?? actor.name,
      updated_at: deps.clock.now().toISOString(),
    });
    await recordAudit(tx, deps.clock, actor, {
      action: 'interaction.template.update',
      targetType: 'replyTemplate',
      targetId: id,
      siteId: before.site_id,
      details: { title: data.title },
    });
    return templateView({ id, ...data });
  });
}

export async function deleteReplyTemplate(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const before = await replyTemplates.byId(tx.trx, id);
    if (!before) throw Errors.notFound('答复模板不存在');
    requirePermission(actor, 'interaction.handle', before.site_id);
    await replyTemplates.remove(tx.trx, id);
    await recordAudit(tx, deps.clock, actor, {
      action: 'interaction.template.delete',
      targetType: 'replyTemplate',
      targetId: id,
      siteId: before.site_id,
      details: { title: before.title },
    });
  });
}
