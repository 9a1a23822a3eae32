/**
 * The 事项编辑 form: values ↔ the guide and the request body, the field names the server's
 * errors use, and where each element of the completeness panel is found on the page. Pure.
 */
import type { SaveServiceItemInput } from '../../../../common/schemas/guides.ts';
import type {
  Audience,
  OnlineLevel,
  ServiceCategory,
  ServiceElement,
  ServiceGuide,
  ServiceMaterial,
} from '../../../../common/service-items.ts';

export interface MaterialRow {
  name?: string;
  form?: string;
  required?: boolean;
  note?: string;
  formFileId?: string | null;
  sampleFileId?: string | null;
}

export interface StepRow {
  title?: string;
  description?: string;
}

export interface FaqRow {
  question?: string;
  answer?: string;
}

/** The guide's text elements that may be left empty (sent as null). */
export const OPTIONAL_TEXT_FIELDS = [
  'legalBasis',
  'conditions',
  'handlingOrg',
  'place',
  'officeHours',
  'legalTimeLimit',
  'promisedTimeLimit',
  'fees',
  'feeBasis',
  'phone',
  'complaintPhone',
  'onlineUrl',
] as const;
type OptionalTextField = (typeof OPTIONAL_TEXT_FIELDS)[number];

export type ServiceItemFormValues = {
  name?: string;
  code?: string;
  orgId?: string | null;
  category?: ServiceCategory | null;
  audiences?: Audience[];
  topics?: string[];
  lifeEvents?: string[];
  materials?: MaterialRow[];
  process?: StepRow[];
  onlineLevel?: OnlineLevel;
  faq?: FaqRow[];
} & { [K in OptionalTextField]?: string };

/** A new item: the department given (the officer's own, usually), for citizens, nothing else yet. */
export function emptyServiceItemValues(orgId: string | null): ServiceItemFormValues {
  return {
    name: '',
    code: '',
    orgId,
    category: null,
    audiences: ['person'],
    topics: [],
    lifeEvents: [],
    ...Object.fromEntries(OPTIONAL_TEXT_FIELDS.map((f) => [f, ''])),
    materials: [],
    process: [],
    onlineLevel: 'none',
    faq: [],
  };
}

/** The form's values for a saved guide. */
export function serviceItemFormValues(guide: ServiceGuide, orgId: string): ServiceItemFormValues {
  return {
    name: guide.name,
    code: guide.code,
    orgId,
    category: guide.category,
    audiences: [...guide.audiences],
    topics: [...guide.topics],
    lifeEvents: [...guide.lifeEvents],
    ...Object.fromEntries(OPTIONAL_TEXT_FIELDS.map((f) => [f, guide[f] ?? ''])),
    materials: guide.materials.map((m) => ({
      name: m.name,
      form: m.form ?? '',
      required: m.required,
      note: m.note ?? '',
      formFileId: m.formFileId,
      sampleFileId: m.sampleFileId,
    })),
    process: guide.process.map((s) => ({ title: s.title, description: s.description ?? '' })),
    onlineLevel: guide.onlineLevel,
    faq: guide.faq.map((f) => ({ question: f.question, answer: f.answer })),
  };
}

const trimmed = (v: string | null | undefined) => (v ?? '').trim();
const orNull = (v: string | null | undefined) => trimmed(v) || null;

function material(row: MaterialRow | undefined): ServiceMaterial {
  return {
    name: trimmed(row?.name),
    form: orNull(row?.form),
    required: row?.required ?? true,
    note: orNull(row?.note),
    formFileId: row?.formFileId ?? null,
    sampleFileId: row?.sampleFileId ?? null,
  };
}

/**
 * The guide the form says, as it stands (blank texts as null). Rows are kept as they are, even
 * blank ones, so that the server's errors (materials.2.name) point at the row the user sees.
 */
export function guideFromValues(values: ServiceItemFormValues | undefined): ServiceGuide {
  const v = values ?? {};
  const texts = Object.fromEntries(OPTIONAL_TEXT_FIELDS.map((f) => [f, orNull(v[f])])) as Record<OptionalTextField, string | null>;
  return {
    name: trimmed(v.name),
    code: trimmed(v.code),
    category: v.category ?? null,
    audiences: [...(v.audiences ?? [])],
    topics: [...(v.topics ?? [])],
    lifeEvents: [...(v.lifeEvents ?? [])],
    ...texts,
    materials: (v.materials ?? []).map(material),
    process: (v.process ?? []).map((s) => ({ title: trimmed(s?.title), description: orNull(s?.description) })),
    onlineLevel: v.onlineLevel ?? 'none',
    faq: (v.faq ?? []).map((f) => ({ question: trimmed(f?.question), answer: trimmed(f?.answer) })),
  };
}

/** The body of a save: the guide, the department and, for an existing item, the version it started from. */
export function serviceItemBody(values: ServiceItemFormValues | undefined, version?: number): SaveServiceItemInput {
  return { ...guideFromValues(values), orgId: values?.orgId ?? '', ...(version === undefined ? {} : { version }) };
}

const TOP_FIELDS = [
  'name',
  'code',
  'orgId',
  'category',
  'audiences',
  'topics',
  'lifeEvents',
  ...OPTIONAL_TEXT_FIELDS,
  'onlineLevel',
] as const;

const MATERIAL_FIELDS = ['name', 'form', 'required', 'note', 'formFileId', 'sampleFileId'] as const;
const STEP_FIELDS = ['title', 'description'] as const;
const FAQ_FIELDS = ['question', 'answer'] as const;

/** Every field the form shows, as the server names them in errors (list rows included). */
export function serviceItemFieldNames(values: ServiceItemFormValues | undefined): string[] {
  const rows = <F extends string>(list: string, count: number, fields: readonly F[]) =>
    Array.from({ length: count }, (_, i) => fields.map((f) => `${list}.${i}.${f}`)).flat();
  return [
    ...TOP_FIELDS,
    ...rows('materials', values?.materials?.length ?? 0, MATERIAL_FIELDS),
    ...rows('process', values?.process?.length ?? 0, STEP_FIELDS),
    ...rows('faq', values?.faq?.length ?? 0, FAQ_FIELDS),
  ];
}

/** The ids of the sections that hold the list elements (the completeness panel jumps there). */
export const SECTION_IDS = {
  materials: 'gk-guide-materials',
  process: 'gk-guide-process',
  faq: 'gk-guide-faq',
} as const;

export type ElementTarget = { field: string } | { section: string };

/** Where the form asks for an element: a field to focus, or a list section to scroll to. */
export function elementTarget(e: ServiceElement): ElementTarget {
  switch (e) {
    case 'materials':
    case 'process':
    case 'faq':
      return { section: SECTION_IDS[e] };
    case 'timeLimit':
      return { field: 'legalTimeLimit' };
    default:
      return { field: e };
  }
}
