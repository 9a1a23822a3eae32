import { describe, expect, it } from 'vitest';
import { SafeHtml, escapeAttr, html, joinHtml, safeUrl, trustedSanitized } from './html.ts';

describe('the html template', () => {
  it('escapes every interpolated string, including quotes that would end an attribute', () => {
    const title = `<script>alert("x")</script>' onmouseover='x`;
    const out = html`<a title="${title}">${title}</a>`.toString();
    expect(out).not.toContain('<script>');
    expect(out).toBe(
      '<a title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x</a>',
    );
  });

  it('keeps SafeHtml fragments as they are and renders nothing for null, undefined and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${null}${undefined}${false}${0}</p>`.toString()).toBe('<p><b>&lt;i&gt;</b>0</p>');
  });

  it('joins arrays of values, escaping plain strings', () => {
    expect(html`${['<a>', html`<br>`]}`.toString()).toBe('&lt;a&gt;<br>');
    expect(joinHtml([html`<i>1</i>`, '2&'], ' | ').toString()).toBe('<i>1</i> | 2&amp;');
  });

  it('lets sanitised bodies through only via trustedSanitized and cannot be forged with new SafeHtml', () => {
    expect(html`${trustedSanitized('<p>ok</p>')}`.toString()).toBe('<p>ok</p>');
    expect(() => new SafeHtml(Symbol('SafeHtml') as never, '<script></script>')).toThrow(TypeError);
  });

  it('escapes attribute values', () => {
    expect(escapeAttr(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });
});

describe('safeUrl', () => {
  it('accepts site-relative paths and http(s) and mailto URLs', () => {
    expect(safeUrl('/a/b.html')).toBe('/a/b.html');
    expect(safeUrl('https://www.gov.cn/')).toBe('https://www.gov.cn/');
    expect(safeUrl('mailto:a@b.cn')).toBe('mailto:a@b.cn');
    expect(safeUrl('../zcwj/202511/a.html')).toBe('../zcwj/202511/a.html');
    expect(safeUrl('./')).toBe('./');
    expect(safeUrl('a/b?x=1:2')).toBe('a/b?x=1:2');
  });

  it('refuses javascript:, data:, protocol-relative and whitespace-smuggled URLs', () => {
    for (const u of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:image/png;base64,xx',
      '//evil.example/x',
      'java\tscript:x',
      '/\\evil',
      'a\\b',
      'vbscript:x',
      'ftp:x/y',
      '',
      null,
    ]) {
      expect(safeUrl(u)).toBeNull();
    }
  });
});
