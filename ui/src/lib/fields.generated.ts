// Generated from crates/pos-core/src/field.rs by the `bindings_are_current` test.
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p pos-app --test it surface_files`.

/** How an input behaves. */
export type FieldKind = 'text' | 'email' | 'tel' | 'date' | 'money' | 'integer' | 'select' | 'checkbox';

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  /** Shown with "(optional)" next to the label. */
  readonly optional?: boolean;
  /** The characters the input takes. */
  readonly maxLength?: number;
  /** The on-screen keyboard hint. */
  readonly inputMode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text';
  /** The FormData list that feeds this select (same name as the field). */
  readonly list?: string;
}

/** Every field the rep edits, by name. */
export const FIELD_SPECS: Readonly<Record<string, FieldSpec>> = {
  salutation: { name: 'salutation', kind: 'select', list: 'salutation' },
  first_name: { name: 'first_name', kind: 'text', maxLength: 80 },
  middle_name: { name: 'middle_name', kind: 'text', optional: true, maxLength: 80 },
  last_name: { name: 'last_name', kind: 'text', maxLength: 130 },
  dob: { name: 'dob', kind: 'date', maxLength: 10, inputMode: 'numeric' },
  sin: { name: 'sin', kind: 'text', optional: true, maxLength: 11, inputMode: 'numeric' },
  email: { name: 'email', kind: 'email', maxLength: 100, inputMode: 'email' },
  phone_number: { name: 'phone_number', kind: 'tel', maxLength: 20, inputMode: 'tel' },
  address_1: { name: 'address_1', kind: 'text', maxLength: 250 },
  address_2: { name: 'address_2', kind: 'text', optional: true, maxLength: 100 },
  city: { name: 'city', kind: 'text', maxLength: 100 },
  province: { name: 'province', kind: 'select', list: 'province' },
  postal_code: { name: 'postal_code', kind: 'text', maxLength: 7 },
  housing_type: { name: 'housing_type', kind: 'select', list: 'housing_type' },
  monthly_housing_payment: { name: 'monthly_housing_payment', kind: 'money', maxLength: 20, inputMode: 'decimal' },
  years_at_address: { name: 'years_at_address', kind: 'integer', maxLength: 3, inputMode: 'numeric' },
  occupation: { name: 'occupation', kind: 'select', list: 'occupation' },
  employer_name: { name: 'employer_name', kind: 'text', optional: true, maxLength: 100 },
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
  amount_requested: { name: 'amount_requested', kind: 'money', optional: true, maxLength: 20, inputMode: 'decimal' },
};

/** Every field the rep edits, in screen order. */
export const FORM_FIELDS: readonly string[] = ['salutation', 'first_name', 'middle_name', 'last_name', 'dob', 'sin', 'email', 'phone_number', 'address_1', 'address_2', 'city', 'province', 'postal_code', 'housing_type', 'monthly_housing_payment', 'years_at_address', 'occupation', 'employer_name', 'annual_income', 'govid_type', 'govid_issuedby', 'govid_number', 'govid_expiry', 'security_qid', 'security_answer', 'insurance', 'qcpa_disclosure', 'tos_agreement', 'amount_requested'];

/** The form's sections laid out as plain lists of inputs, in screen order. */
export const SECTIONS = {
  applicant: ['salutation', 'first_name', 'middle_name', 'last_name', 'dob', 'sin'],
  contact: ['email', 'phone_number'],
  address: ['address_1', 'address_2', 'city', 'province', 'postal_code', 'housing_type', 'monthly_housing_payment', 'years_at_address'],
  employment: ['occupation', 'employer_name', 'annual_income'],
  identification: ['govid_type', 'govid_issuedby', 'govid_number', 'govid_expiry'],
  security: ['security_qid', 'security_answer'],
} as const satisfies Record<string, readonly string[]>;

/** The form's other parts (disclosures, terms, amount) and their fields. */
export const BLOCKS = {
  disclosures: ['insurance', 'qcpa_disclosure'],
  terms: ['tos_agreement'],
  amount: ['amount_requested'],
} as const satisfies Record<string, readonly string[]>;

export type SectionName = keyof typeof SECTIONS;
export type BlockName = keyof typeof BLOCKS;
