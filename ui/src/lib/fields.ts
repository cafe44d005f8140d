// The credit application's fields, as the contract names them (flat names), with how
// the form shows each one: generated from the Rust table (crates/pos-core/src/field.rs)
// into ./fields.generated.ts and re-exported here beside the DOM helpers. Labels live in
// the Fluent files (`field-<name>`); option labels come from FormData.

export {
  BLOCKS,
  FIELD_SPECS,
  FORM_FIELDS,
  SECTIONS,
  type BlockName,
  type FieldKind,
  type FieldSpec,
  type SectionName,
} from './fields.generated';

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
