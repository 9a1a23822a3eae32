import { describe, expect, it } from 'vitest';
import { isValidCreditCode as codesIsValidCreditCode } from './codes.ts';
import {
  checkIdDocument,
  checkResidentId,
  ID_TYPE_LABELS,
  ID_TYPES,
  isValidCreditCode,
  maskAddress,
  maskIdNumber,
  maskPhone,
  normalizeIdNumber,
  residentIdCheckChar,
} from './identity.ts';

const TODAY = '2026-07-08';
// Check characters computed by hand with the GB 11643 weights (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2).
const SAMPLE = '11010519491231002X'; // the standard's published sample
const PANZHIHUA = '510402199001011234';
const LEAP_DAY = '510402200002290015';
const BORN_TODAY = '51040220260708001X';
const BORN_TOMORROW = '510402202607090015';
const BORN_1900 = '510402190001010011';

const codes = (raw: string) => {
  const r = checkResidentId(raw, TODAY);
  return r.ok ? [] : r.problems.map((p) => p.code);
};

describe('residentIdCheckChar', () => {
  it('computes the check characters of known numbers, X standing for 10', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('51040219900101123')).toBe('4');
    expect(residentIdCheckChar('51040220000229001')).toBe('5');
  });

  it('returns null for a body that is not 17 digits', () => {
    expect(residentIdCheckChar('1101051949123100')).toBeNull();
    expect(residentIdCheckChar('1101051949123100A')).toBeNull();
  });
});

describe('checkResidentId', () => {
  it('accepts the published sample and tells its province and birth date', () => {
    expect(checkResidentId(SAMPLE, TODAY)).toEqual({
      ok: true,
      number: SAMPLE,
      provinceCode: '11',
      provinceName: '北京',
      birthDate: '1949-12-31',
    });
  });

  it('accepts valid numbers born on a leap day, in 1900, and today', () => {
    for (const id of [PANZHIHUA, LEAP_DAY, BORN_1900, BORN_TODAY]) expect(checkResidentId(id, TODAY).ok).toBe(true);
  });

  it('normalizes a lower-case x, full-width characters and spaces before checking', () => {
    const r = checkResidentId(' 110105 19491231 002x ', TODAY);
    expect(r.ok && r.number).toBe(SAMPLE);
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe(SAMPLE);
  });

  it('asks for a number when none is given', () => {
    expect(codes('  ')).toEqual(['id_empty']);
  });

  it('refuses a 15-digit first-generation number with its own message', () => {
    const r = checkResidentId('110105491231002', TODAY);
    expect(r).toEqual({ ok: false, problems: [{ code: 'id_old_15_digit', message: expect.stringContaining('18 位') }] });
  });

  it('refuses a number of another length', () => {
    expect(codes('1101051949123100')).toEqual(['id_length']);
    expect(codes(`${SAMPLE}0`)).toEqual(['id_length']);
  });

  it('refuses letters other than a final X', () => {
    expect(codes('11010519491231002Y')).toEqual(['id_characters']);
    expect(codes('1101051949123100X2')).toEqual(['id_characters']);
  });

  it('refuses a province code that GB/T 2260 does not list', () => {
    // Same body with province 00 and 99; check characters recomputed so only the region is wrong.
    expect(codes(`00010519491231002${residentIdCheckChar('00010519491231002')}`)).toEqual(['id_region']);
    expect(codes(`99010519491231002${residentIdCheckChar('99010519491231002')}`)).toEqual(['id_region']);
  });

  it('refuses a birth date that does not exist or is before 1900', () => {
    expect(codes(`51040220010229001${residentIdCheckChar('51040220010229001')}`)).toEqual(['id_birth_date_invalid']);
    expect(codes(`51040219901301001${residentIdCheckChar('51040219901301001')}`)).toEqual(['id_birth_date_invalid']);
    expect(codes(`51040218991231001${residentIdCheckChar('51040218991231001')}`)).toEqual(['id_birth_date_invalid']);
  });

  it('refuses a birth date after the given day', () => {
    expect(codes(BORN_TOMORROW)).toEqual(['id_birth_date_future']);
    expect(checkResidentId(BORN_TOMORROW, '2026-07-09').ok).toBe(true);
  });

  it('refuses a wrong check character, including a digit where X belongs', () => {
    expect(codes('110105194912310020')).toEqual(['id_check_digit']);
    expect(codes('51040219900101123X')).toEqual(['id_check_digit']);
  });

  it('reports every problem of a number of the right shape at once', () => {
    expect(codes('990105201313320020')).toEqual(['id_region', 'id_birth_date_invalid', 'id_check_digit']);
  });

  it('gives every problem a Chinese message', () => {
    const r = checkResidentId('990105201313320020', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) for (const p of r.problems) expect(p.message).toMatch(/身份证号码/);
  });

  it('throws when the reference day is not a date, a programming error', () => {
    expect(() => checkResidentId(SAMPLE, '2026-7-8')).toThrow(RangeError);
  });
});

describe('checkIdDocument', () => {
  it('lists the identity documents with Chinese labels and the applicant kind that uses each', () => {
    expect(ID_TYPES.map((t) => t.type)).toEqual([
      'residentId',
      'passport',
      'hkMacaoPermit',
      'taiwanPermit',
      'foreignPermanentResident',
      'creditCode',
    ]);
    expect(ID_TYPE_LABELS.hkMacaoPermit).toBe('港澳居民来往内地通行证');
    expect(ID_TYPE_LABELS.taiwanPermit).toBe('台湾居民来往大陆通行证');
    expect(ID_TYPE_LABELS.foreignPermanentResident).toBe('外国人永久居留身份证');
    expect(ID_TYPES.filter((t) => t.applicant === 'organisation').map((t) => t.type)).toEqual(['creditCode']);
  });

  it('checks a resident ID fully and returns the normalized number', () => {
    expect(checkIdDocument({ type: 'residentId', number: '11010519491231002x' }, TODAY)).toEqual({ ok: true, number: SAMPLE });
    expect(checkIdDocument({ type: 'residentId', number: '110105194912310020' }, TODAY)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'id_check_digit' })],
    });
  });

  it('accepts the shapes of the other documents', () => {
    const good = [
      { type: 'passport', number: 'E12345678' },
      { type: 'passport', number: 'ea1234567' },
      { type: 'passport', number: '533380006' },
      { type: 'hkMacaoPermit', number: 'H12345678' },
      { type: 'hkMacaoPermit', number: 'M1234567890' },
      { type: 'taiwanPermit', number: '07257456' },
      { type: 'taiwanPermit', number: '1234567890' },
      { type: 'foreignPermanentResident', number: 'USA110085010101' },
      { type: 'foreignPermanentResident', number: '911560202301010013' },
    ] as const;
    for (const doc of good) expect(checkIdDocument(doc, TODAY)).toEqual({ ok: true, number: doc.number.toUpperCase() });
  });

  it('refuses other documents of the wrong shape, naming the document and the expected form', () => {
    const bad = [
      { type: 'passport', number: 'E12' },
      { type: 'passport', number: 'E1234-5678' },
      { type: 'hkMacaoPermit', number: 'C12345678' },
      { type: 'hkMacaoPermit', number: 'H1234567' },
      { type: 'taiwanPermit', number: '1234567' },
      { type: 'foreignPermanentResident', number: 'US110085010101' },
      { type: 'foreignPermanentResident', number: '811560202301010013' },
    ] as const;
    for (const doc of bad) {
      const r = checkIdDocument(doc, TODAY);
      expect(r).toEqual({ ok: false, problems: [{ code: 'id_shape', message: expect.stringContaining(ID_TYPE_LABELS[doc.type]) }] });
    }
  });

  it('asks for a number when a document is given without one', () => {
    expect(checkIdDocument({ type: 'passport', number: ' ' }, TODAY)).toEqual({
      ok: false,
      problems: [{ code: 'id_empty', message: '请填写护照号码' }],
    });
  });

  it('checks an organisation by the GB 32100 check of common/codes.ts', () => {
    expect(isValidCreditCode).toBe(codesIsValidCreditCode);
    expect(checkIdDocument({ type: 'creditCode', number: '11441700007280420y' }, TODAY)).toEqual({
      ok: true,
      number: '11441700007280420Y',
    });
    expect(checkIdDocument({ type: 'creditCode', number: '11441700007280420X' }, TODAY)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'id_shape' })],
    });
  });
});

describe('masking', () => {
  it('shows the first 3 and last 4 characters of a resident ID', () => {
    expect(maskIdNumber(SAMPLE)).toBe('110***********002X');
    expect(maskIdNumber('110105 19491231 002x')).toBe('110***********002X');
  });

  it('hides at least half of a short document number', () => {
    expect(maskIdNumber('E12345678')).toBe('E1*****78');
    expect(maskIdNumber('H12345678')).toBe('H1*****78');
    expect(maskIdNumber('07257456')).toBe('07****56');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskIdNumber('')).toBe('');
  });

  it('shows 3 digits, 4 asterisks and the last 4 of a mobile number, with or without +86', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('008613812345678')).toBe('138****5678');
  });

  it('keeps the separators and last 4 digits of another phone number', () => {
    expect(maskPhone('0812-3334567')).toBe('****-***4567');
    expect(maskPhone('(0812) 333 4567')).toBe('(****) *** 4567');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('shows an address up to the district, then three asterisks', () => {
    expect(maskAddress('四川省攀枝花市东区炳草岗大街1号')).toBe('四川省攀枝花***');
  });

  it('shows at most half of a short address', () => {
    expect(maskAddress('  东区炳草岗  ')).toBe('东区***');
    expect(maskAddress('')).toBe('');
  });

  it('counts characters outside the Basic Multilingual Plane as one', () => {
    expect(maskAddress('𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇')).toBe('𠀀𠀁𠀂𠀃***');
  });
});
