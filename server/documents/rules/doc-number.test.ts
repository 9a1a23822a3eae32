import { describe, expect, it } from 'vitest';
import { DOC_NUMBER_PATTERN, isStandardDocNumber, isValidDocNumber, normalizeDocNumber, parseDocNumber } from './doc-number.ts';

describe('发文字号 normalisation', () => {
  it.each([
    ['攀办函〔2017〕122号', 'the standard form itself'],
    ['攀办函[2017]122号', 'ASCII square brackets'],
    ['攀办函［2017］122号', 'full-width square brackets'],
    ['攀办函(2017)122号', 'ASCII parentheses'],
    ['攀办函（2017）122号', 'full-width parentheses'],
    ['攀办函【2017】122号', 'black lenticular brackets'],
    ['攀办函﹝2017﹞122号', 'small tortoise-shell brackets'],
    ['攀办函〖2017〗122号', 'white lenticular brackets'],
    ['攀办函〔２０１７〕１２２号', 'full-width digits'],
    ['攀办函 〔 2017 〕 122 号', 'spaces inside'],
    ['攀办函　〔2017〕122号', 'a full-width space'],
    ['攀 办 函〔2017〕12\n2号', 'spaces and a line break from a PDF copy'],
    ['攀办函〔2017〕122', 'a missing 号'],
    ['攀办函〔2017〕第122号', 'a 第 before the serial'],
    ['攀办函[2017]第0122号', 'a 第 and padding zeros'],
    ['  攀办函〔2017〕122号\n', 'surrounding whitespace'],
    ['文号：攀办函〔2017〕122号', 'a 文号 label'],
    ['发文字号:攀办函〔2017〕122号', 'a 发文字号 label'],
  ])('reads %j (%s) as 攀办函〔2017〕122号', (input) => {
    expect(parseDocNumber(input)).toEqual({ ok: true, normalized: '攀办函〔2017〕122号', orgAbbr: '攀办函', year: 2017, serial: 122 });
    expect(normalizeDocNumber(input)).toBe('攀办函〔2017〕122号');
    expect(isValidDocNumber(input)).toBe(true);
  });

  it.each([
    ['国办发明电〔2020〕1号', '国办发明电〔2020〕1号'],
    ['国办公开办函〔2019〕61号', '国办公开办函〔2019〕61号'],
    ['ＸＸ规〔2021〕1号', 'XX规〔2021〕1号'],
    ['示府办规[2026]001号', '示府办规〔2026〕1号'],
    ['攀府发〔1949〕1号', '攀府发〔1949〕1号'],
    ['攀府发〔2100〕999999号', '攀府发〔2100〕999999号'],
  ])('normalises %j to %j, which matches the standard pattern', (input, expected) => {
    expect(normalizeDocNumber(input)).toBe(expected);
    expect(DOC_NUMBER_PATTERN.test(expected)).toBe(true);
  });

  it.each([
    ['', ['发文字号为空']],
    ['   ', ['发文字号为空']],
    ['攀办函122号', ['缺少用六角括号〔〕括起的年份，标准格式如：攀办函〔2017〕122号']],
    ['2017122号', ['缺少机关代字', '缺少用六角括号〔〕括起的年份，标准格式如：攀办函〔2017〕122号']],
    ['攀办函〔1948〕1号', ['年份 1948 超出范围（1949—2100 年）']],
    ['攀办函〔2101〕1号', ['年份 2101 超出范围（1949—2100 年）']],
    ['攀办函〔17〕122号', ['年份应写全四位数字，不能简写为“17”']],
    ['攀办函〔二〇一七〕122号', ['年份应使用阿拉伯数字']],
    ['攀办函〔20170〕122号', ['年份应为四位阿拉伯数字：20170']],
    ['攀办函〔〕122号', ['括号内缺少年份']],
    ['〔2017〕122号', ['缺少机关代字']],
    ['攀办函〔2017〕', ['缺少发文顺序号']],
    ['攀办函〔2017〕号', ['缺少发文顺序号']],
    ['攀办函〔2017〕0号', ['发文顺序号不能为 0']],
    ['攀办函〔2017〕一二二号', ['发文顺序号应使用阿拉伯数字']],
    ['攀办函〔2017〕12a号', ['发文顺序号应为阿拉伯数字：12a']],
    ['攀办函〔2017〕1234567号', ['发文顺序号过大：1234567']],
    ['攀办函〔2017〕122号附件', ['“号”字之后不应再有其他内容']],
    ['攀办-函〔2017〕1号', ['机关代字只能包含汉字、字母和数字：攀办-函']],
    ['〔17〕号', ['缺少机关代字', '年份应写全四位数字，不能简写为“17”', '缺少发文顺序号']],
    ['攀'.repeat(100), ['发文字号过长，请只填写一个发文字号']],
  ])('refuses %j with the problems %j', (input, problems) => {
    expect(parseDocNumber(input)).toEqual({ ok: false, problems });
    expect(normalizeDocNumber(input)).toBeNull();
    expect(isValidDocNumber(input)).toBe(false);
  });

  it('refuses a value that is not text instead of throwing', () => {
    expect(parseDocNumber(null as unknown as string)).toEqual({ ok: false, problems: ['发文字号应为文本'] });
  });

  it('tells the standard form apart from acceptable variants', () => {
    expect(isStandardDocNumber('攀办函〔2017〕122号')).toBe(true);
    expect(isStandardDocNumber('攀办函[2017]第0122号')).toBe(false);
    expect(isStandardDocNumber('攀办函〔2017〕122')).toBe(false);
    expect(isStandardDocNumber('攀办函〔2017〕0号')).toBe(false);
  });
});
