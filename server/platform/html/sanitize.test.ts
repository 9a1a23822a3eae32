import { describe, expect, it } from 'vitest';
import { sanitizeRichText } from './sanitize.ts';

describe('the rich-text sanitiser', () => {
  it.each([
    ['<p>你好<script>alert(1)</script></p>', '<p>你好</p>'],
    ['<img src="x" onerror="alert(1)" alt="图">', '<img src="x" alt="图" />'],
    ['<a href="javascript:alert(1)">链接</a>', '<a>链接</a>'],
    ['<a href="JaVaScRiPt:alert(1)">链接</a>', '<a>链接</a>'],
    ['<img src="data:image/png;base64,AAAA" alt="大图">', '<img alt="大图" />'],
    ['<p style="color:red" class="MsoNormal"><span style="font-family:宋体">正文<o:p></o:p></span></p>', '<p>正文</p>'],
    ['<iframe src="https://evil.example"></iframe><p>留下</p>', '<p>留下</p>'],
    ['<svg><script>alert(1)</script></svg>', ''],
    ['<h1>标题</h1><b>粗</b><i>斜</i>', '<h2>标题</h2><strong>粗</strong><em>斜</em>'],
    ['<a href="gk:article:123">相关文件</a>', '<a href="gk:article:123">相关文件</a>'],
    ['<a href="https://www.gov.cn/">中国政府网</a>', '<a href="https://www.gov.cn/" rel="noopener">中国政府网</a>'],
    ['<table><tr><td colspan="2" onclick="x()">单元格</td></tr></table>', '<table><tr><td colspan="2">单元格</td></tr></table>'],
    ['<style>p{}</style><p>文字</p>', '<p>文字</p>'],
  ])('cleans %s', (dirty, clean) => {
    expect(sanitizeRichText(dirty)).toBe(clean);
  });

  it('is idempotent', () => {
    const once = sanitizeRichText('<p>一<a href="https://a.example/?q=1&amp;b=2">链</a><img src="/x.png" alt="图"></p>');
    expect(sanitizeRichText(once)).toBe(once);
  });
});
