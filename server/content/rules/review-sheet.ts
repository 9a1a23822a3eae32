/**
 * The review sheet (审签单): an article's metadata and every review decision with time and
 * opinion, for 存档备查. Pure: from data to a table model, then to print-ready HTML; the DOCX
 * writer renders the same model.
 */

export interface ReviewSheetData {
  siteName: string;
  columnName: string;
  typeLabel: string;
  title: string;
  source: string | null;
  issuingOrg: string | null;
  docNumber: string | null;
  writtenOn: string | null;
  authorName: string;
  revisionNumber: number;
  status: string;
  publishedAt: string | null;
  emergencyReason: string | null;
  checks: { errors: number; warnings: number } | null;
  decisions: { stageLabel: string; decision: string; actorName: string; at: string; opinion: string | null }[];
  printedAt: string;
}

/** A UTC instant as Beijing time, YYYY-MM-DD HH:mm. */
export function beijing(iso: string | null): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export interface SheetModel {
  heading: string;
  fields: [string, string][];
  decisionHeader: [string, string, string, string, string];
  decisions: [string, string, string, string, string][];
  footer: string;
}

export function reviewSheetModel(d: ReviewSheetData): SheetModel {
  return {
    heading: '信息发布审签单',
    fields: [
      ['网站', d.siteName],
      ['栏目', d.columnName],
      ['标题', d.title],
      ['信息类型', d.typeLabel],
      ['来源', d.source ?? ''],
      ['发布机构', d.issuingOrg ?? ''],
      ['文号', d.docNumber ?? ''],
      ['成文日期', d.writtenOn ?? ''],
      ['撰稿人', d.authorName],
      ['审签版本', `第 ${d.revisionNumber} 版`],
      ['发布时间', beijing(d.publishedAt)],
      ['发布前检查', d.checks ? `错误 ${d.checks.errors} 个，提示 ${d.checks.warnings} 个` : '未检查'],
      ...(d.emergencyReason ? ([['紧急发布理由', d.emergencyReason]] as [string, string][]) : []),
    ],
    decisionHeader: ['环节', '审核人', '结果', '时间', '意见'],
    decisions: d.decisions.map((x) => [x.stageLabel, x.actorName, x.decision, beijing(x.at), x.opinion ?? '']),
    footer: `打印时间：${beijing(d.printedAt)}`,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Print-ready HTML of the sheet (A4, 仿宋, no scripts). */
export function reviewSheetHtml(m: SheetModel): string {
  const rows = m.fields.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td colspan="4">${esc(v)}</td></tr>`).join('');
  const head = `<tr>${m.decisionHeader.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr>`;
  const decisions = m.decisions.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(m.heading)}</title><style>
@page{size:A4;margin:37mm 26mm 35mm 28mm}body{font-family:FangSong,"仿宋","Noto Serif CJK SC",serif;font-size:16pt;color:#000}
h1{font-family:"方正小标宋简体","Noto Serif CJK SC",serif;font-size:22pt;text-align:center;font-weight:normal}
table{width:100%;border-collapse:collapse}th,td{border:1px solid #000;padding:4pt 6pt;vertical-align:top;text-align:left}th{width:6em;font-weight:normal}
p.footer{font-size:12pt;text-align:right}</style></head><body><h1>${esc(m.heading)}</h1><table>${rows}</table><h2 style="font-size:16pt;font-weight:normal">审核记录</h2><table>${head}${decisions}</table><p class="footer">${esc(m.footer)}</p></body></html>`;
}
