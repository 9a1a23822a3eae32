import { describe, expect, it } from 'vitest';
import { resolveInternalRefs } from './refs.ts';
import { links } from './test-fixtures.ts';

const run = (s: string) => resolveInternalRefs(s, links).toString();

describe('internal reference resolution', () => {
  it('replaces gk:article and gk:file links with public URLs, keeping other attributes', () => {
    expect(run('<p><a href="gk:article:a9" title="见">通知</a> <a href="gk:file:f1">附件</a></p>')).toBe(
      '<p><a href="/art/a9.html" title="见">通知</a> <a href="/files/f1">附件</a></p>',
    );
  });

  it('replaces gk:file image sources', () => {
    expect(run('<img src="gk:file:f2" alt="图" />')).toBe('<img src="/files/f2" alt="图" />');
  });

  it('removes links to unknown or unpublished targets but keeps their text', () => {
    expect(run('<p>见<a href="gk:article:missing1"><strong>旧文</strong></a>。</p>')).toBe('<p>见<strong>旧文</strong>。</p>');
    expect(run('<a href="gk:bogus:1">x</a>')).toBe('x');
  });

  it('replaces unresolvable images by their alt text', () => {
    expect(run('<p><img src="gk:file:missing2" alt="示意图" /></p>')).toBe('<p>示意图</p>');
  });

  it('leaves ordinary links and images alone', () => {
    const s = '<p><a href="https://www.gov.cn/" rel="noopener">中国政府网</a><img src="https://x.cn/a.png" alt="" /></p>';
    expect(run(s)).toBe(s);
  });

  it('refuses resolver URLs with unsafe schemes', () => {
    const out = resolveInternalRefs('<a href="gk:article:a1">t</a>', { article: () => 'javascript:alert(1)', file: () => null }).toString();
    expect(out).toBe('t');
  });
});
