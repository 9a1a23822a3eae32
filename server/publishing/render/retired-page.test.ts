import { describe, expect, it } from 'vitest';
import { renderRetiredPage } from './retired-page.ts';

describe("a retired site's notice page", () => {
  it('names and links the new site, with the last day of the notice', () => {
    const page = renderRetiredPage({
      siteName: '南岭县教育局网站',
      noticeText: null,
      successor: { name: '南岭县人民政府', url: 'https://www.nl.gov.cn/' },
      noticeUntil: '2026-12-31',
      merged: true,
    });
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<h1>南岭县教育局网站已整合</h1>');
    expect(page).toContain('已整合至「南岭县人民政府」');
    expect(page).toContain('<a href="https://www.nl.gov.cn/">南岭县人民政府（https://www.nl.gov.cn/）</a>');
    expect(page).toContain('公示至 2026年12月31日');
  });

  it('shows the filed notice as text, escaped, and drops an unsafe link', () => {
    const page = renderRetiredPage({
      siteName: '<b>旧站</b>',
      noticeText: '第一段<script>alert(1)</script>\n第二段',
      successor: { name: '新站', url: 'javascript:alert(1)' },
      noticeUntil: null,
      merged: false,
    });
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
    expect(page).toContain('<p>第一段&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(page).toContain('<p>第二段</p>');
    expect(page).not.toContain('javascript:');
    expect(page).not.toContain('公示至');
  });
});
