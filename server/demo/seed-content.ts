/**
 * Demo content for the 示例市教育和体育局 site: articles in every state of the review, a
 * policy with its interpretation, and check dictionaries — all made through the real
 * commands, acting as the demo users.
 */
import type { Actor } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { addDictionaryEntry, approveArticle, createArticle, getArticle, publishArticle, submitArticle } from '../content/index.ts';
import { listColumns } from '../sites/index.ts';

export interface DemoStaff {
  author: Actor;
  firstReviewer: Actor;
  sectionReviewer: Actor;
  leader: Actor;
  system: Actor;
}

const beijingDate = (d: Date, days = 0) => new Date(d.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

export async function seedDemoContent(deps: Deps, siteId: string, staff: DemoStaff): Promise<number> {
  const columns = await listColumns(deps, staff.system, siteId);
  const col = (slug: string) => {
    const c = columns.find((x) => x.slug === slug);
    if (!c) throw new Error(`demo column ${slug} missing`);
    return c.id;
  };
  for (const [word, correct] of [
    ['既使', '即使'],
    ['按排', '安排'],
    ['布署', '部署'],
    ['帐号', '账号'],
    ['截止目前', '截至目前'],
  ] as const) {
    await addDictionaryEntry(deps, staff.system, { scope: '*', kind: 'commonError', word, correct });
  }
  await addDictionaryEntry(deps, staff.system, {
    scope: '*',
    kind: 'sensitive',
    word: '内部资料',
    level: 'warning',
    note: '内部资料不得公开发布',
  });
  await addDictionaryEntry(deps, staff.system, { scope: '*', kind: 'leader', word: '李明远', title: '市长', org: '示例市人民政府' });
  await addDictionaryEntry(deps, staff.system, { scope: '*', kind: 'leader', word: '王芳华', title: '副市长', org: '示例市人民政府' });

  const now = deps.clock.now();
  const review = async (id: string, upTo: number) => {
    await submitArticle(deps, staff.author, id);
    const reviewers = [staff.firstReviewer, staff.sectionReviewer, staff.leader].slice(0, upTo);
    for (const who of reviewers) {
      const revisionId = (await getArticle(deps, who, id)).current?.id as string;
      await approveArticle(deps, who, id, { revisionId, opinion: '同意' });
    }
  };
  let n = 0;
  const write = async (input: Record<string, unknown>) => {
    n++;
    return createArticle(deps, staff.author, { siteId, source: '示例市教育和体育局', ...input });
  };

  const meeting = await write({
    columnId: col('gzdt'),
    type: 'news',
    title: '示例市召开2026年全市教育工作会议（示例）',
    summary: '会议总结2025年全市教育工作，部署2026年重点任务。',
    bodyHtml:
      '<p>近日，示例市召开2026年全市教育工作会议，副市长王芳华出席会议并讲话。</p><p>会议总结了2025年全市教育工作，安排部署2026年重点任务。</p>',
    metadata: { author: '教育局办公室', isLivelihood: true, eventEndedAt: new Date(now.getTime() - 6 * 3_600_000).toISOString() },
  });
  await review(meeting.id, 3);
  await publishArticle(deps, staff.author, meeting.id);

  const safety = await write({
    columnId: col('gzdt'),
    type: 'news',
    title: '示例市开展秋季学期校园安全大检查（示例）',
    bodyHtml: '<p>为切实保障师生安全，市教育和体育局联合有关部门开展校园安全大检查。</p>',
    metadata: { isLivelihood: true, eventEndedAt: new Date(now.getTime() - 20 * 3_600_000).toISOString() },
  });
  await review(safety.id, 1);

  const policy = await write({
    columnId: col('zcwj'),
    type: 'policy',
    title: '示例市教育和体育局关于规范校外培训机构管理的通知（示例）',
    bodyHtml: '<p>各县（区）教育行政部门，市直各学校：</p><p>为规范校外培训机构办学行为，现就有关事项通知如下。</p>',
    metadata: {
      issuingOrg: '示例市教育和体育局',
      docNumber: '示教体发〔2026〕15号',
      writtenOn: beijingDate(now, -3),
      issuedOn: beijingDate(now, -2),
      isNormative: true,
      validity: 'valid',
    },
  });
  await review(policy.id, 3);
  await publishArticle(deps, staff.author, policy.id);

  await write({
    columnId: col('zcjd'),
    type: 'interpretation',
    title: '《关于规范校外培训机构管理的通知》政策解读（示例）',
    bodyHtml: '<p>一、出台背景</p><p>二、主要内容</p><p>三、适用范围</p>',
    metadata: { issuingOrg: '示例市教育和体育局', relatedPolicies: [policy.id] },
  });

  // A policy with its interpretation, both public: what a citizen finds by searching 社保 or 医保.
  const insurance = await write({
    columnId: col('zcwj'),
    type: 'policy',
    title: '示例市教育和体育局关于做好2026年度学生社保和医保参保工作的通知（示例）',
    summary: '部署2026年度在校学生城乡居民基本医疗保险（医保）和社保参保缴费工作。',
    bodyHtml:
      '<p>各县（区）教育行政部门，市直各学校：</p><p>为保障在校学生基本医疗需求，现就2026年度学生城乡居民医保和社保参保缴费工作通知如下。</p><p>一、参保范围：全市各级各类学校在校学生。</p><p>二、缴费时间：2026年9月1日至12月31日。</p><p>三、工作要求：各学校要做好政策宣传，不得强制或变相强制参保。</p>',
    metadata: {
      issuingOrg: '示例市教育和体育局',
      docNumber: '示教体发〔2026〕21号',
      writtenOn: beijingDate(now, -2),
      issuedOn: beijingDate(now, -1),
      validity: 'valid',
      keywords: ['社保', '医保', '参保'],
    },
  });
  await review(insurance.id, 3);
  await publishArticle(deps, staff.author, insurance.id);
  const explained = await write({
    columnId: col('zcjd'),
    type: 'interpretation',
    title: '一图读懂：2026年度学生社保和医保参保（示例）',
    bodyHtml:
      '<p>一、谁可以参保？全市在校学生均可参加城乡居民医保。</p><p>二、怎么缴费？可通过学校统一代收或线上自行缴费。</p><p>三、有什么待遇？住院、门诊费用按规定报销。</p>',
    metadata: { issuingOrg: '示例市教育和体育局', relatedPolicies: [insurance.id], keywords: ['社保', '医保'] },
  });
  await review(explained.id, 3);
  await publishArticle(deps, staff.author, explained.id);

  await write({
    columnId: col('tzgg'),
    type: 'notice',
    title: '关于2026年寒假放假安排的通知（示例）',
    bodyHtml: '<p>既使假期较长，各校也要按排好值班工作。</p>',
    metadata: { issuingOrg: '示例市教育和体育局', writtenOn: beijingDate(now, -25) },
  });
  return n;
}
