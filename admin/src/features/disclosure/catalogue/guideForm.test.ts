import { describe, expect, it } from 'vitest';
import { GuideSchema } from '../../../../../common/schemas/catalogue.ts';
import { guideBody, guideFormValues } from './guideForm.ts';

const empty = {
  orgId: 'o1',
  orgName: '示例市教育和体育局',
  officeName: null,
  address: null,
  postalCode: null,
  officeHours: null,
  phone: null,
  fax: null,
  webContact: null,
  arrangement: null,
  obtaining: null,
  updatedAt: null,
};

describe('guide form', () => {
  it('starts blank for an org without a guide and asks for every required field', () => {
    const body = guideBody(guideFormValues(empty));
    expect(body.postalCode).toBeNull();
    const r = GuideSchema.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(
      ['address', 'arrangement', 'fax', 'obtaining', 'officeHours', 'officeName', 'phone', 'webContact'].sort(),
    );
  });

  it('sends trimmed values that the schema accepts', () => {
    const body = guideBody({
      officeName: ' 办公室 ',
      address: '人民街 1 号',
      postalCode: '617000',
      officeHours: '工作日',
      phone: '0812-1234567',
      fax: '0812-1234568',
      webContact: 'a@example-city.gov.cn',
      arrangement: '按目录编排。\n第二段。',
      obtaining: '网站查阅。',
    });
    expect(body.officeName).toBe('办公室');
    expect(GuideSchema.safeParse(body).success).toBe(true);
  });
});
