/**
 * Bodies of the public 政府信息公开目录 page (browse by category, topic, issuing org and year;
 * search by title, 文号, 索引号 and date; a plain GET form that works without JavaScript) and of
 * the 政府信息公开指南 page (条例 12: classification and arrangement, how to obtain information,
 * the office's address, hours, telephone, fax and online contact). Every value is escaped.
 */
import { CATALOGUE_GROUP_LABELS, CATALOGUE_GROUPS, type CatalogueCategory } from '../../../common/catalogue.ts';
import { beijingDate } from '../../../common/dates.ts';
import type { Guide } from '../../../common/schemas/catalogue.ts';
import { VALIDITY_LABELS, type Validity } from '../../../common/content.ts';
import { CATALOGUE_PATH, DISCLOSURE_REQUEST_PATH, DISCLOSURE_TRACKING_PATH, GUIDE_PATH } from '../../../common/public-paths.ts';
import { dateInputValue, html, paginationNav, type SafeHtml } from '../../publishing/index.ts';
import type { CatalogueEntryTable } from '../../platform/db/schema.ts';
import { categoryLabel, type CatalogueQuery } from '../rules/catalogue.ts';

/** Relative URLs between the one-level-deep public pages (`/gkml`, `/gkzn`, `/ysqgk`). */
const CATALOGUE_URL = CATALOGUE_PATH.slice(1);
const GUIDE_URL = GUIDE_PATH.slice(1);
const REQUEST_URL = DISCLOSURE_REQUEST_PATH.slice(1);
const TRACKING_URL = DISCLOSURE_TRACKING_PATH.slice(1);

/** What the visitor typed, echoed back (strings). */
export type CatalogueForm = Record<'category' | 'topic' | 'org' | 'year' | 'q' | 'wh' | 'sy' | 'from' | 'to', string>;

export interface CataloguePageInput {
  orgName: string;
  categories: readonly CatalogueCategory[];
  counts: ReadonlyMap<string, number>;
  facets: { topics: readonly string[]; orgs: readonly { id: string; name: string }[]; years: readonly number[] };
  form: CatalogueForm;
  query: CatalogueQuery;
  problems: readonly string[];
  result: { total: number; items: readonly CatalogueEntryTable[]; pages: number } | null;
  /** An item's page as this page links it (items store site-root paths). */
  itemUrl: (url: string) => string;
}

function queryString(form: CatalogueForm, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v) params.set(k, v);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function tree(input: CataloguePageInput): SafeHtml {
  const groups = CATALOGUE_GROUPS.map((g) => {
    const cats = input.categories.filter((c) => c.group === g);
    if (!cats.length) return null;
    const links = cats.map((c) => {
      if (c.code === 'request')
        return html`<li><a href="${REQUEST_URL}">提交申请</a></li>
          <li><a href="${TRACKING_URL}">申请查询</a></li> `;
      const n = input.counts.get(c.code) ?? 0;
      const current = input.form.category === c.code ? html` aria-current="page"` : '';
      const guide = c.code === 'guide' ? html`<li><a href="${GUIDE_URL}">${c.label}</a></li> ` : null;
      if (guide && !n) return guide;
      return html`${guide}
        <li>
          <a href="${CATALOGUE_URL}?category=${encodeURIComponent(c.code)}" ${current}>${c.code === 'guide' ? '指南相关文件' : c.label}</a>
          <span class="count">(${n})</span>
        </li> `;
    });
    return html`<li>
      ${CATALOGUE_GROUP_LABELS[g]}
      <ul>
        ${links}
      </ul>
    </li> `;
  });
  return html`<nav class="catalogue-tree" aria-label="目录分类">
    <ul>
      <li><a href="${CATALOGUE_URL}" ${input.form.category ? '' : html` aria-current="page"`}>全部信息</a></li>
      ${groups}
    </ul>
  </nav>`;
}

function option(value: string, label: string, selected: string): SafeHtml {
  return html`<option value="${value}" ${value === selected ? html` selected` : ''}>${label}</option> `;
}

function filterForm(input: CataloguePageInput): SafeHtml {
  const f = input.form;
  const cats = input.categories.filter((c) => c.code !== 'request').map((c) => option(c.code, c.label, f.category));
  const topics = input.facets.topics.map((t) => option(t, t, f.topic));
  const orgs = input.facets.orgs.map((o) => option(o.id, o.name, f.org));
  const years = input.facets.years.map((y) => option(String(y), `${y} 年`, f.year));
  return html`<form class="catalogue-form" role="search" aria-label="目录检索" action="${CATALOGUE_URL}" method="get">
    <p>
      <label for="gkml-category">目录分类</label>
      <select id="gkml-category" name="category">
        <option value="">全部</option>
        ${cats}
      </select>
    </p>
    <p>
      <label for="gkml-topic">主题分类</label>
      <select id="gkml-topic" name="topic">
        <option value="">全部</option>
        ${topics}
      </select>
    </p>
    <p>
      <label for="gkml-org">发布机构</label>
      <select id="gkml-org" name="org">
        <option value="">全部</option>
        ${orgs}
      </select>
    </p>
    <p>
      <label for="gkml-year">年份</label>
      <select id="gkml-year" name="year">
        <option value="">全部</option>
        ${years}
      </select>
    </p>
    <p><label for="gkml-q">标题</label> <input id="gkml-q" type="text" name="q" value="${f.q}" maxlength="50" /></p>
    <p><label for="gkml-wh">文号</label> <input id="gkml-wh" type="text" name="wh" value="${f.wh}" maxlength="50" /></p>
    <p><label for="gkml-sy">索引号</label> <input id="gkml-sy" type="text" name="sy" value="${f.sy}" maxlength="50" /></p>
    <p><label for="gkml-from">生成日期从</label> <input id="gkml-from" type="date" name="from" value="${dateInputValue(f.from)}" /></p>
    <p><label for="gkml-to">至</label> <input id="gkml-to" type="date" name="to" value="${dateInputValue(f.to)}" /></p>
    <p><button type="submit">检索</button></p>
  </form>`;
}

function validityNote(v: string | null): SafeHtml | null {
  if (!v || v === 'valid') return null;
  const label = VALIDITY_LABELS[v as Validity];
  return label ? html` <strong class="validity">[${label}]</strong>` : null;
}

function table(items: readonly CatalogueEntryTable[], itemUrl: (url: string) => string): SafeHtml {
  const rows = items.map(
    (e) =>
      html`<tr>
        <td>${e.index_no ?? '—'}</td>
        <td><a href="${itemUrl(e.url)}">${e.title}</a>${validityNote(e.validity)}<br /><span class="summary">${e.summary}</span></td>
        <td>${e.doc_number ?? '—'}</td>
        <td>${e.issuing_org ?? '—'}</td>
        <td><time datetime="${e.generated_on}">${e.generated_on}</time></td>
      </tr> `,
  );
  return html`<table class="catalogue-table">
    <caption>
      政府信息公开目录（索引号、名称、内容概述、文号、发布机构、生成日期）
    </caption>
    <thead>
      <tr>
        <th scope="col">索引号</th>
        <th scope="col">名称及内容概述</th>
        <th scope="col">文号</th>
        <th scope="col">发布机构</th>
        <th scope="col">生成日期</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

/** The catalogue page's body. */
export function catalogueBody(input: CataloguePageInput): SafeHtml {
  const r = input.result;
  const heading = input.form.category ? categoryLabel(input.form.category) : '全部信息';
  const summary = r
    ? html`<p class="search-summary" role="status">
        ${heading}：共 ${r.total} 条${r.pages > 1 ? html`，第 ${input.query.page}/${r.pages} 页` : ''}。
      </p>`
    : null;
  const errors = input.problems.length
    ? html`<div class="form-error" role="alert">
        <p>检索条件有误：</p>
        <ul>
          ${input.problems.map((p) => html`<li>${p}</li>`)}
        </ul>
      </div>`
    : null;
  const list = r ? (r.items.length ? table(r.items, input.itemUrl) : html`<p class="empty">没有符合条件的信息。</p>`) : null;
  const pages = r ? paginationNav('目录分页', input.query.page, r.pages, (p) => `${CATALOGUE_URL}${queryString(input.form, p)}`) : null;
  return html`<h1>${input.orgName}政府信息公开目录</h1>
    <div class="catalogue">
      ${tree(input)}
      <div>
        <h2>${heading}</h2>
        ${filterForm(input)} ${errors} ${summary} ${list} ${pages}
      </div>
    </div>`;
}

/** The guide as the page shows it: the org's fields and the structure of its catalogue. */
export interface GuideView extends Guide {
  categories: readonly CatalogueCategory[];
}

function paragraphs(text: string | null, fallback: string): SafeHtml {
  const parts = (text ?? '')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return html`<p class="empty">${fallback}</p>`;
  return html`${parts.map((p) => html`<p>${p}</p> `)}`;
}

/** The 政府信息公开指南 page's body. */
export function guideBody(g: GuideView): SafeHtml {
  const groups = CATALOGUE_GROUPS.map((grp) => {
    const cats = g.categories.filter((c) => c.group === grp);
    if (!cats.length) return null;
    return html`<li>
      ${CATALOGUE_GROUP_LABELS[grp]}${
        grp === 'statutory' || grp === 'local'
          ? html`<ul>
              ${cats.map((c) => html`<li>${c.label}${c.basis ? html`（${c.basis}）` : ''}</li>`)}
            </ul>`
          : ''
      }
    </li> `;
  });
  const row = (label: string, value: string | null) =>
    html`<tr>
      <th scope="row">${label}</th>
      <td>${value || '未填写'}</td>
    </tr> `;
  return html`<h1>${g.orgName}政府信息公开指南</h1>
    <p>
      根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定，编制本指南。本指南说明本机关政府信息的分类、编排体系和获取方式，以及政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码和互联网联系方式。
    </p>
    <h2>一、信息分类与编排体系</h2>
    ${paragraphs(g.arrangement, '本机关的政府信息按以下目录分类编排。')}
    <ul>
      ${groups}
    </ul>
    <p>
      每条信息列明索引号、名称、内容概述和生成日期，可在<a href="${CATALOGUE_URL}">政府信息公开目录</a
      >中按分类、主题、发布机构和年份浏览，或按标题、文号和日期检索。
    </p>
    <h2>二、获取政府信息的方式</h2>
    ${paragraphs(g.obtaining, '主动公开的政府信息通过本网站“政府信息公开”专栏公开。')}
    <p>
      申请获取主动公开以外的政府信息，可通过本网站<a href="${REQUEST_URL}">在线提交政府信息公开申请</a
      >，也可通过信函、当面等方式向下列工作机构提出。提交后可凭申请编号和查询码<a href="${TRACKING_URL}">查询办理进度</a>。
    </p>
    <h2>三、政府信息公开工作机构</h2>
    <table class="guide-contact">
      <caption>
        政府信息公开工作机构联系方式
      </caption>
      <tbody>
        ${row('机构名称', g.officeName)}${row('办公地址', g.address)}${row('邮政编码', g.postalCode)}${row('办公时间', g.officeHours)}${row('联系电话', g.phone)}${row('传真号码', g.fax)}${row('互联网联系方式', g.webContact)}
      </tbody>
    </table>
    ${g.updatedAt ? html`<p class="article-info">本指南更新于 <time datetime="${beijingDate(g.updatedAt)}">${beijingDate(g.updatedAt)}</time></p>` : null}`;
}
