/**
 * The annual report as the body of a catalogue article: headings, the tables of sections 二, 三
 * and 四, and the narratives as escaped paragraphs. Pure; every text is escaped here, and the
 * content room sanitises the body again when the article is saved.
 */
import {
  REPORT_SECTIONS,
  REQUEST_COLUMNS,
  REQUEST_TABLE_NOTE,
  REVIEW_BLOCKS,
  REVIEW_RESULTS,
  requestTableLines,
  type AnnualReportView,
} from '../../../common/annual-report.ts';
import { escapeHtml } from '../../publishing/index.ts';

const esc = (s: string | number) => escapeHtml(String(s));

/** Plain text as paragraphs, one per non-empty line; an empty section reads 无。 */
export function narrativeParagraphs(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length ? lines : ['无。'];
}

const paragraphs = (text: string) =>
  narrativeParagraphs(text)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');
const cell = (v: string | number, tag: 'td' | 'th' = 'td', attrs = '') => `<${tag}${attrs}>${esc(v)}</${tag}>`;

function proactiveTable(r: AnnualReportView): string {
  const { regulations, normative, entered, feeWanYuan } = r.proactive;
  const block = (title: string) => `<tr>${cell(title, 'th', ' colspan="4"')}</tr>`;
  const docRow = (label: string, c: { issued: number; repealed: number; inForce: number }) =>
    `<tr>${cell(label)}${cell(c.issued)}${cell(c.repealed)}${cell(c.inForce)}</tr>`;
  const oneRow = (label: string, v: string | number) => `<tr>${cell(label)}${cell(v, 'td', ' colspan="3"')}</tr>`;
  const head = (...h: string[]) =>
    `<tr>${cell('信息内容', 'th')}${h.map((x) => cell(x, 'th', h.length === 1 ? ' colspan="3"' : '')).join('')}</tr>`;
  return [
    '<table>',
    block('第二十条第（一）项'),
    head('本年制发件数', '本年废止件数', '现行有效件数'),
    docRow('规章', regulations),
    docRow('行政规范性文件', normative),
    block('第二十条第（五）项'),
    head('本年处理决定数量'),
    oneRow('行政许可', entered.licensing),
    block('第二十条第（六）项'),
    head('本年处理决定数量'),
    oneRow('行政处罚', entered.penalty),
    oneRow('行政强制', entered.enforcement),
    block('第二十条第（八）项'),
    head('本年收费金额（单位：万元）'),
    oneRow('行政事业性收费', feeWanYuan),
    '</table>',
  ].join('\n');
}

function requestsTable(r: AnnualReportView): string {
  const orgs = REQUEST_COLUMNS.filter((c) => c.code !== 'natural' && c.code !== 'total');
  const header = [
    `<tr>${cell(REQUEST_TABLE_NOTE, 'th', ' rowspan="3"')}${cell('申请人情况', 'th', ' colspan="7"')}</tr>`,
    `<tr>${cell('自然人', 'th', ' rowspan="2"')}${cell('法人或其他组织', 'th', ' colspan="5"')}${cell('总计', 'th', ' rowspan="2"')}</tr>`,
    `<tr>${orgs.map((c) => cell(c.label, 'th')).join('')}</tr>`,
  ];
  const rows = requestTableLines(r.requests).map((line) => {
    const label = `${'　'.repeat(line.depth * 2)}${line.label}`;
    const cells = line.cells;
    return cells
      ? `<tr>${cell(label)}${REQUEST_COLUMNS.map((c) => cell(cells[c.code])).join('')}</tr>`
      : `<tr>${cell(label, 'td', ' colspan="8"')}</tr>`;
  });
  return ['<table>', ...header, ...rows, '</table>'].join('\n');
}

function reviewTable(r: AnnualReportView): string {
  const header = [
    `<tr>${cell('行政复议', 'th', ' colspan="5"')}${cell('行政诉讼', 'th', ' colspan="10"')}</tr>`,
    `<tr>${REVIEW_RESULTS.map((c) => cell(c.label, 'th', ' rowspan="2"')).join('')}${cell('未经复议直接起诉', 'th', ' colspan="5"')}${cell('复议后起诉', 'th', ' colspan="5"')}</tr>`,
    `<tr>${[...REVIEW_RESULTS, ...REVIEW_RESULTS].map((c) => cell(c.label, 'th')).join('')}</tr>`,
  ];
  const values = REVIEW_BLOCKS.flatMap((b) => REVIEW_RESULTS.map((c) => cell(r.review[b.code][c.code])));
  return ['<table>', ...header, `<tr>${values.join('')}</tr>`, '</table>'].join('\n');
}

/** The report's title as published. */
export function annualReportTitle(r: Pick<AnnualReportView, 'orgName' | 'year'>): string {
  return `${r.orgName}${r.year}年政府信息公开工作年度报告`;
}

/** The whole report as article body HTML. */
export function annualReportHtml(r: AnnualReportView): string {
  const h = (t: string) => `<h2>${esc(t)}</h2>`;
  return [
    h(REPORT_SECTIONS.overview),
    paragraphs(r.narratives.overview),
    h(REPORT_SECTIONS.proactive),
    proactiveTable(r),
    h(REPORT_SECTIONS.requests),
    requestsTable(r),
    h(REPORT_SECTIONS.review),
    reviewTable(r),
    h(REPORT_SECTIONS.problems),
    paragraphs(r.narratives.problems),
    h(REPORT_SECTIONS.other),
    paragraphs(r.narratives.other),
  ].join('\n');
}
