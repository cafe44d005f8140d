// The two Fluent files say the same things: same message ids, same attributes, same
// variables; no syntax error; French typography by the OQLF's rules; no code name inside a
// sentence, and none reaching one through errors.ts. (That every error code the Rust side
// can send has a sentence is checked in Rust, from the codes themselves:
// crates/pos-app/src/error.rs.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { parse, Visitor } from '@fluent/syntax';

const LOCALES = ['en-CA', 'fr-CA'];
const source = (locale) => readFileSync(new URL(`../../locales/${locale}/app.ftl`, import.meta.url), 'utf8');

const NBSP = '\u00A0';
const NNBSP = '\u202F';
/** The lines of a Fluent file that hold text (not comments, not blank). */
const textLines = (locale) => source(locale).split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
/** Code points, for readable failures. */
const cps = (s) => [...s].map((c) => (c.codePointAt(0) > 0x7e || c === ' ' ? `<U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}>` : c)).join('');

class Texts extends Visitor {
  texts = [];
  visitTextElement(node) {
    this.texts.push(node.value);
  }
}

/** id (or id.attribute) -> the literal text of its value, placeables left out. */
function texts(locale) {
  const out = new Map();
  for (const entry of parse(source(locale), { withSpans: false }).body) {
    if (entry.type !== 'Message' && entry.type !== 'Term') continue;
    const parts = [[entry.id.name, entry.value], ...entry.attributes.map((a) => [`${entry.id.name}.${a.id.name}`, a.value])];
    for (const [id, pattern] of parts) {
      if (!pattern) continue;
      const visitor = new Texts();
      visitor.visit(pattern);
      out.set(id, visitor.texts.join(' '));
    }
  }
  return out;
}

/**
 * A code name: snake_case (`store_id`, `tos_version`) or camelCase (`storeId`). Either in a
 * sentence means the rep reads the program's name for something instead of its label.
 */
const CODE_NAME = /\b[a-z][a-z0-9]*_[a-z0-9_]+\b|\b[a-z]+[A-Z][A-Za-z0-9]*\b/;

/** `[key, value]` pairs of a `new Map([...])` named `name` in errors.ts. */
function errorsTsMap(name) {
  const ts = readFileSync(new URL('../src/lib/errors.ts', import.meta.url), 'utf8');
  const body = new RegExp(`${name}[^=]*= new Map\\(\\[([\\s\\S]*?)\\]\\);`).exec(ts);
  assert.ok(body, `errors.ts has no ${name}`);
  return [...body[1].matchAll(/\['([^']+)', '([^']+)'\]/g)].map((m) => [m[1], m[2]]);
}

/** The settings the Rust side may name in `invalid_settings`, read from its source. */
function rustInvalidSettings() {
  const dir = new URL('../../crates/pos-app/src/', import.meta.url);
  const names = new Set();
  for (const file of readdirSync(dir, { recursive: true })) {
    if (!String(file).endsWith('.rs')) continue;
    const rs = readFileSync(new URL(String(file), dir), 'utf8');
    for (const m of rs.matchAll(/InvalidSettings\("([a-z_]+)"\)/g)) names.add(m[1]);
    // settings.rs names the text settings through `clean(text, max, "client_id")`.
    for (const m of rs.matchAll(/\bclean\((?:[^()]|\([^()]*\))*?"([a-z_]+)",?\s*\)/g)) names.add(m[1]);
  }
  return names;
}

class Variables extends Visitor {
  names = new Set();
  visitVariableReference(node) {
    this.names.add(node.id.name);
  }
}

/** id -> { attributes: [...], variables: [...] } for one locale. */
function shape(locale) {
  const resource = parse(source(locale), { withSpans: false });
  const junk = resource.body.filter((entry) => entry.type === 'Junk');
  assert.deepEqual(junk.map((j) => j.content), [], `${locale} has syntax errors`);
  const out = new Map();
  for (const entry of resource.body) {
    if (entry.type !== 'Message' && entry.type !== 'Term') continue;
    const id = `${entry.type === 'Term' ? '-' : ''}${entry.id.name}`;
    assert.ok(!out.has(id), `${locale}: ${id} is defined twice`);
    const variables = new Variables();
    variables.visit(entry);
    out.set(id, {
      attributes: entry.attributes.map((a) => a.id.name).sort(),
      variables: [...variables.names].sort(),
    });
  }
  return out;
}

describe('locales', () => {
  const en = shape('en-CA');
  const fr = shape('fr-CA');

  test('en-CA and fr-CA have the same message ids', () => {
    assert.deepEqual([...fr.keys()].sort(), [...en.keys()].sort());
    assert.ok(en.size > 200, `only ${en.size} messages`);
  });

  test('every message has the same attributes and variables in both', () => {
    for (const [id, e] of en) {
      assert.deepEqual(fr.get(id), e, id);
    }
  });

  test('message ids are kebab-case (field names keep their contract spelling)', () => {
    for (const id of en.keys()) {
      assert.match(id, /^-?[a-z][a-z0-9]*(-[a-z0-9_]+)*$/, id);
    }
  });

  test('error-unknown is the fallback for a code the UI does not know', () => {
    assert.ok(en.has('error-unknown'));
  });

  test('field problems and the specific ones the brief asks for exist', () => {
    for (const id of [
      'field-required', 'field-length', 'field-invalid', 'field-wrong-format', 'field-invalid-dob',
      'field-invalid-postal_code', 'field-invalid-sin', 'field-invalid-phone_number',
      'field-invalid-govid_expiry', 'field-required-qcpa_disclosure',
    ]) {
      assert.ok(en.has(id), id);
    }
  });

  test('both load into FluentBundle and format without errors', () => {
    for (const locale of LOCALES) {
      const bundle = new FluentBundle(locale, { useIsolating: false });
      assert.deepEqual(bundle.addResource(new FluentResource(source(locale))), []);
      const errors = [];
      const text = bundle.formatPattern(bundle.getMessage('licence-filled').value, { count: 3 }, errors);
      assert.deepEqual(errors, []);
      assert.match(text, /3/);
    }
  });

  test('French typography (OQLF): U+202F before ; ! ?, U+00A0 before : and inside « »', () => {
    for (const line of textLines('fr-CA')) {
      const where = cps(line);
      assert.doesNotMatch(line, /[^\u202F][;!?]/, `U+202F must come before ; ! ?: ${where}`);
      assert.doesNotMatch(line, /^[;!?:»]/, `a sign starts a line: ${where}`);
      assert.doesNotMatch(line, /[^\u00A0]:/, `U+00A0 must come before : : ${where}`);
      assert.doesNotMatch(line, /«[^\u00A0]/, `U+00A0 must follow «: ${where}`);
      assert.doesNotMatch(line, /[^\u00A0]»/, `U+00A0 must come before »: ${where}`);
      // No second space either way (an ASCII space before the no-break one, say).
      assert.doesNotMatch(line, /\s[\u00A0\u202F][;!?:»]|«[\u00A0\u202F]\s/, `two spaces in a row: ${where}`);
      // U+202F serves only before ; ! ? (group separators and « » take U+00A0).
      assert.doesNotMatch(line, /\u202F[^;!?]/, `U+202F elsewhere than before ; ! ?: ${where}`);
    }
  });

  test('French typography: the rule itself, on samples', () => {
    // The same checks as above, as one predicate, so the rule is seen to refuse what it must.
    const ok = (line) => !/[^\u202F][;!?]|[^\u00A0]:|«[^\u00A0]|[^\u00A0]»|\s[\u00A0\u202F][;!?:»]|«[\u00A0\u202F]\s|\u202F[^;!?]/.test(line);
    assert.ok(ok(`Réinitialiser ce terminal${NNBSP}?`));
    assert.ok(ok(`Connecté à${NBSP}: Bac à sable`));
    assert.ok(ok(`le mot «${NBSP}RÉINITIALISER${NBSP}»`));
    for (const bad of [
      'Réinitialiser ce terminal ?', `Réinitialiser ce terminal${NBSP}?`, 'terminal?', `écran${NBSP}; la demande`,
      'Connecté à : x', `Connecté à${NNBSP}: x`, 'Connecté à: x', `« mot${NBSP}»`, `«${NBSP}mot »`, `écran ${NNBSP}; la`,
    ]) {
      assert.ok(!ok(bad), cps(bad));
    }
  });

  test('English typography: no space of any kind before : ; ! ?', () => {
    for (const line of textLines('en-CA')) {
      assert.doesNotMatch(line, /[ \u00A0\u202F][:;!?]/, cps(line));
    }
  });

  test('no message in either locale has a code name in its text', () => {
    for (const locale of LOCALES) {
      for (const [id, text] of texts(locale)) {
        assert.doesNotMatch(text, CODE_NAME, `${locale} ${id}: ${text}`);
      }
    }
    assert.match('Un paramètre n\'est pas valide (store_id).', CODE_NAME);
    assert.match('the storeId field', CODE_NAME);
    assert.doesNotMatch('Alt+L, FLEXITI, p. ex. 1 450,50, nom@exemple.com, A1A 1A1', CODE_NAME);
  });

  test('every setting Rust can call invalid is named by a label that exists in both (errors.ts)', () => {
    const labels = new Map(errorsTsMap('SETTING_LABELS'));
    const rust = rustInvalidSettings();
    assert.ok(rust.size >= 7, [...rust].join());
    for (const setting of rust) {
      assert.ok(labels.has(setting), `errors.ts SETTING_LABELS lacks ${setting}`);
    }
    const en = texts('en-CA');
    const fr = texts('fr-CA');
    for (const [setting, label] of labels) {
      assert.ok(en.has(label) && fr.has(label), `${setting}: ${label} is not in both locales`);
    }
    // The sentence as the rep reads it, with the label in its place.
    for (const [locale, lang] of [['en-CA', en], ['fr-CA', fr]]) {
      const bundle = new FluentBundle(locale, { useIsolating: false });
      bundle.addResource(new FluentResource(source(locale)));
      for (const label of labels.values()) {
        const errors = [];
        const text = bundle.formatPattern(bundle.getMessage('error-invalid-settings').value, { setting: lang.get(label) }, errors);
        assert.deepEqual(errors, []);
        assert.doesNotMatch(text, CODE_NAME, text);
        assert.ok(text.includes(lang.get(label)), text);
      }
    }
  });

  test('the labels errors.ts gives fields the form has no input for exist in both', () => {
    const labels = errorsTsMap('OTHER_FIELD_LABELS');
    assert.ok(labels.length >= 2);
    const en = texts('en-CA');
    const fr = texts('fr-CA');
    for (const [field, label] of labels) {
      assert.ok(en.has(label) && fr.has(label), `${field}: ${label} is not in both locales`);
    }
    for (const id of ['field-problem-other', 'field-problem-unnamed', 'error-invalid-config']) {
      assert.ok(en.has(id) && fr.has(id), id);
    }
  });

  test('French words a Quebec rep expects', () => {
    const fr = source('fr-CA');
    for (const word of ['Demande de crédit', 'Courriel', 'NAS', 'Code postal', 'Se déconnecter', 'Verrouiller', 'Vérifier de nouveau', 'Avis au demandeur']) {
      assert.ok(fr.includes(word), word);
    }
    // Calques the bilingual review (M1, M2) had replaced: they must not come back.
    for (const calque of [/divulg/i, /Réessaye[rz] la vérification/, /Montant lu/, /brouillon/]) {
      assert.doesNotMatch(fr, calque);
    }
    const values = fr.split('\n').filter((l) => !l.startsWith('#')).map((l) => l.replace(/^[\w-]+ =/, ''));
    assert.ok(!values.some((v) => /\bE-?mail\b/i.test(v)), 'no "email" in French text');
  });
});
