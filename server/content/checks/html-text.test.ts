import { describe, expect, it } from 'vitest';
import { extractHtmlText, htmlOffsetAt, paragraphNumberAt } from './html-text.ts';

describe('extractHtmlText', () => {
  it('strips tags, decodes entities and puts one line break between paragraphs', () => {
    const { text } = extractHtmlText(
      '<h1>标题</h1><p>第一段&nbsp;<b>加粗</b>&amp;&lt;文字&gt;</p>\n\n<div><p>第二段</p></div>第三行<br>第四行',
    );
    expect(text).toBe('标题\n第一段\u00a0加粗&<文字>\n第二段\n第三行\n第四行');
  });

  it('collapses runs of HTML whitespace to one space, as a browser shows them', () => {
    expect(extractHtmlText('<p>  甲 \n\t 乙<span> </span>丙  </p>\n  <p>\n丁</p>').text).toBe('甲 乙 丙\n丁');
  });

  it('keeps scripts, styles and comments out of the text', () => {
    expect(extractHtmlText('<p>甲<script>var 既使 = 1</script><style>p{}</style><!-- 注释 -->乙</p>').text).toBe('甲乙');
  });

  it('lists images with their alt, telling an absent alt from an empty one', () => {
    const { images, text } = extractHtmlText(
      '<p>图一<img src=" /a/1.jpg " alt="A&amp;B"></p><p><img src="/a/2.png" alt=""><img src="/a/3.png"></p>',
    );
    expect(images).toEqual([
      { src: '/a/1.jpg', alt: 'A&B', offset: 2 },
      // The trailing line break is trimmed, so images after the last text sit at its end.
      { src: '/a/2.png', alt: '', offset: 2 },
      { src: '/a/3.png', alt: null, offset: 2 },
    ]);
    expect(text).toBe('图一');
  });

  it('lists links with their visible text and its offsets', () => {
    const html =
      '<p>详见<a href="/articles/12"> 《关于开展&ldquo;清朗&rdquo;行动的通知》 </a>，以及<a href="https://www.gov.cn/">中国政府网</a></p>';
    const r = extractHtmlText(html);
    expect(r.links).toEqual([
      { href: '/articles/12', text: '《关于开展“清朗”行动的通知》', start: 3, end: 18 },
      { href: 'https://www.gov.cn/', text: '中国政府网', start: 22, end: 27 },
    ]);
    for (const l of r.links) expect(r.text.slice(l.start, l.end)).toBe(l.text);
  });

  it('ignores anchors without href, closes a link when another starts, and closes an unclosed one at the end', () => {
    const r = extractHtmlText('<a name="top">顶部</a><a href="/1">一<a href="/2">二</a><p><a href="/3">三');
    expect(r.links.map((l) => [l.href, l.text])).toEqual([
      ['/1', '一'],
      ['/2', '二'],
      ['/3', '三'],
    ]);
  });

  it('keeps the first of two duplicate attributes and does not trip over odd attribute names', () => {
    const r = extractHtmlText('<img alt="第一" alt="第二" __proto__="x" constructor src="/p.jpg">');
    expect(r.images).toEqual([{ src: '/p.jpg', alt: '第一', offset: 0 }]);
  });

  it('records paragraph starts so a finding can say which paragraph it is in', () => {
    const r = extractHtmlText('<p>一段</p><p>二段<br>二段第二行</p><ul><li>三段</li></ul>');
    expect(r.text).toBe('一段\n二段\n二段第二行\n三段');
    expect(r.paragraphStarts).toEqual([0, 3, 12]);
    expect(paragraphNumberAt(r, 0)).toBe(1);
    expect(paragraphNumberAt(r, r.text.indexOf('第二行'))).toBe(2);
    expect(paragraphNumberAt(r, r.text.indexOf('三段'))).toBe(3);
  });

  it('maps text offsets back to the HTML, to the entity for decoded characters', () => {
    const html = '<p>前&amp;言</p><p><b>关于</b>开展&nbsp;既使工作</p>';
    const r = extractHtmlText(html);
    const at = r.text.indexOf('既使');
    expect(html.slice(htmlOffsetAt(r, at), htmlOffsetAt(r, at) + 2)).toBe('既使');
    expect(html.slice(htmlOffsetAt(r, r.text.indexOf('&')))).toMatch(/^&amp;/);
    expect(html.slice(htmlOffsetAt(r, r.text.indexOf('开展')))).toMatch(/^开展/);
  });

  it('returns empty results for empty or text-free HTML', () => {
    expect(extractHtmlText('')).toMatchObject({ text: '', images: [], links: [], paragraphStarts: [] });
    expect(extractHtmlText('<p> </p><div>\n</div>').text).toBe('');
  });

  it('survives hostile input: deep nesting, a megabyte of text, broken markup', () => {
    const deep = '<div><span>'.repeat(50_000) + '深处' + '</span></div>'.repeat(50_000);
    expect(extractHtmlText(deep).text).toBe('深处');
    const unclosed = '<p><a href="/x"><b>'.repeat(20_000) + '未闭合';
    expect(extractHtmlText(unclosed).text).toBe('未闭合');
    const big = `<p>${'政府网站信息公开'.repeat(131_072)}</p>`;
    expect(extractHtmlText(big).text).toHaveLength(1_048_576);
    const broken = '<<<>>>&&&#xZZZZ;&#99999999;<p <a href=>< / p>\u0000<img src="x" alt=\'"></';
    expect(() => extractHtmlText(broken)).not.toThrow();
  });
});
