// The credit application's fields, as the contract names them (flat names), with how
// the form shows each one. Labels live in the Fluent files (`field-<name>`); option
// labels come from FormData.

/** How an input behaves. */
export type FieldKind =
  | 'text'
  | 'email'
  | 'tel'
  | 'date'
  | 'money'
  | 'integer'
  | 'select'
  | 'checkbox';

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  /** Shown with "(optional)" next to the label. */
  readonly optional?: boolean;
  /** The characters the contract allows. */
  readonly maxLength?: number;
  /** The on-screen keyboard hint. */
  readonly inputMode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text';
  /** The FormData list that feeds this select (same name as the field). */
  readonly list?: string;
}

export const FIELD_SPECS: Readonly<Record<string, FieldSpec>> = {
  salutation: { name: 'salutation', kind: 'select', list: 'salutation' },
  first_name: { name: 'first_name', kind: 'text', maxLength: 80 },
  middle_name: { name: 'middle_name', kind: 'text', maxLength: 80, optional: true },
  last_name: { name: 'last_name', kind: 'text', maxLength: 130 },
  dob: { name: 'dob', kind: 'date', maxLength: 10, inputMode: 'numeric' },
  sin: { name: 'sin', kind: 'text', maxLength: 11, optional: true, inputMode: 'numeric' },
  email: { name: 'email', kind: 'email', maxLength: 100, inputMode: 'email' },
  phone_number: { name: 'phone_number', kind: 'tel', maxLength: 20, inputMode: 'tel' },
  address_1: { name: 'address_1', kind: 'text', maxLength: 250 },
  address_2: { name: 'address_2', kind: 'text', maxLength: 100, optional: true },
  city: { name: 'city', kind: 'text', maxLength: 100 },
  province: { name: 'province', kind: 'select', list: 'province' },
  postal_code: { name: 'postal_code', kind: 'text', maxLength: 7 },
  housing_type: { name: 'housing_type', kind: 'select', list: 'housing_type' },
  monthly_housing_payment: {
    name: 'monthly_housing_payment', kind: 'money', maxLength: 20, inputMode: 'decimal',
  },
  years_at_address: { name: 'years_at_address', kind: 'integer', maxLength: 3, inputMode: 'numeric' },
  occupation: { name: 'occupation', kind: 'select', list: 'occupation' },
  employer_name: { name: 'employer_name', kind: 'text', maxLength: 100, optional: true },
  annual_income: { name: 'annual_income', kind: 'money', maxLength: 20, inputMode: 'decimal' },
  govid_type: { name: 'govid_type', kind: 'select', list: 'govid_type' },
  govid_issuedby: { name: 'govid_issuedby', kind: 'select' },
  govid_number: { name: 'govid_number', kind: 'text', maxLength: 30 },
  govid_expiry: { name: 'govid_expiry', kind: 'date', maxLength: 10, inputMode: 'numeric' },
  security_qid: { name: 'security_qid', kind: 'select', list: 'security_qid' },
  security_answer: { name: 'security_answer', kind: 'text', maxLength: 100 },
  insurance: { name: 'insurance', kind: 'checkbox', optional: true },
  qcpa_disclosure: { name: 'qcpa_disclosure', kind: 'checkbox' },
  tos_agreement: { name: 'tos_agreement', kind: 'checkbox' },
  amount_requested: {
    name: 'amount_requested', kind: 'money', maxLength: 20, inputMode: 'decimal', optional: true,
  },
};

/** Every field the form edits, in form order. */
export const FORM_FIELDS: readonly string[] = Object.keys(FIELD_SPECS);

/** The form's sections and the plain fields each one lays out (special blocks aside). */
export const SECTIONS = {
  applicant: ['salutation', 'first_name', 'middle_name', 'last_name', 'dob', 'sin'],
  contact: ['email', 'phone_number'],
  address: [
    'address_1', 'address_2', 'city', 'province', 'postal_code',
    'housing_type', 'monthly_housing_payment', 'years_at_address',
  ],
  employment: ['occupation', 'employer_name', 'annual_income'],
  identification: ['govid_type', 'govid_issuedby', 'govid_number', 'govid_expiry'],
  security: ['security_qid', 'security_answer'],
} as const satisfies Record<string, readonly string[]>;

export type SectionName = keyof typeof SECTIONS;

/** The DOM id of a field's input. */
export function fieldId(name: string): string {
  return `field-${name}`;
}

/** The DOM id of a field's error sentence. */
export function errorId(name: string): string {
  return `error-${name}`;
}

/** The DOM id of a field's hint. */
export function hintId(name: string): string {
  return `hint-${name}`;
}

/** A date typed as 8 digits (`19880724`) becomes `1988-07-24`; anything else is kept. */
export function normalizeDateInput(text: string): string {
  const t = text.trim();
  const m = /^(\d{4})[ ./]?(\d{2})[ ./]?(\d{2})$/.exec(t);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : text;
}
