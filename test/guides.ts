/** Guides for tests: one that states every element the national indicator asks for. */
import type { ServiceGuide } from '#common/service-items.ts';

/** A guide with the ten national key categories and more; `over` changes any element. */
export function completeGuide(code: string, over: Partial<ServiceGuide> = {}): ServiceGuide {
  return {
    name: `事项${code}`,
    code,
    category: '行政许可',
    audiences: ['person'],
    topics: ['t04'],
    lifeEvents: ['p03'],
    legalBasis: '《就业促进法》',
    conditions: '本市户籍',
    materials: [{ name: '身份证', form: '原件1份', required: true, note: null, formFileId: null, sampleFileId: null }],
    handlingOrg: '市人社局',
    place: '市政务服务中心',
    officeHours: '工作日 9:00-17:00',
    legalTimeLimit: '20个工作日',
    promisedTimeLimit: '5个工作日',
    fees: '不收费',
    feeBasis: null,
    process: [
      { title: '申请', description: '提交材料' },
      { title: '受理', description: null },
    ],
    phone: '0812-3335678',
    complaintPhone: '12345',
    onlineUrl: null,
    onlineLevel: 'none',
    faq: [],
    ...over,
  };
}
