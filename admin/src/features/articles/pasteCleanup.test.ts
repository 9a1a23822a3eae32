import { describe, expect, it } from 'vitest';
import { cleanPastedHtml } from './pasteCleanup.ts';

describe('cleanPastedHtml', () => {
  it('strips mso- styles and Mso classes, keeping other styles and classes', () => {
    const word = `<p class=MsoNormal style='margin:0cm;mso-line-height-rule:exactly;text-align:center'>通知</p><p class="MsoListParagraph keep">甲</p><span style="mso-bidi-font-family:Arial">乙</span>`;
    expect(cleanPastedHtml(word)).toBe('<p style="margin:0cm; text-align:center">通知</p><p class="keep">甲</p><span>乙</span>');
  });

  it('drops conditional comments, Office tags, style blocks and local images', () => {
    const word =
      '<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--><style>p.MsoNormal{margin:0}</style>' +
      '<meta charset="utf-8"><p>正文<o:p></o:p></p><img src="file:///C:/Users/a/image001.png" alt=""><img src="https://x.cn/a.png" alt="图">';
    expect(cleanPastedHtml(word)).toBe('<p>正文</p><img src="https://x.cn/a.png" alt="图">');
  });

  it('turns h1 into h2 and leaves clean HTML as it is', () => {
    expect(cleanPastedHtml('<h1 class="MsoTitle">标题</h1>')).toBe('<h2>标题</h2>');
    const clean = '<p>一<strong>二</strong></p><table><tbody><tr><td>三</td></tr></tbody></table>';
    expect(cleanPastedHtml(clean)).toBe(clean);
  });
});
