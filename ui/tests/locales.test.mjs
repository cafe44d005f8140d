// The two Fluent files say the same things: same message ids, same attributes, same
// variables; no syntax error; French typography as written in the brief. (That every
// error code the Rust side can send has a sentence is checked in Rust, from the codes
// themselves: crates/pos-app/src/error.rs.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { parse, Visitor } from '@fluent/syntax';

const LOCALES = ['en-CA', 'fr-CA'];
const source = (locale) => readFileSync(new URL(`../../locales/${locale}/app.ftl`, import.meta.url), 'utf8');

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

  test('French typography: U+00A0 before : ; ! ? and inside « », never a plain space', () => {
    const lines = source('fr-CA').split('\n').filter((l) => !l.startsWith('#'));
    for (const line of lines) {
      assert.doesNotMatch(line, / [:;!?»]/, `plain space before punctuation: ${line}`);
      assert.doesNotMatch(line, /« /, `plain space after «: ${line}`);
      assert.doesNotMatch(line, /[^\u00A0 ][;!?]/, `no space before punctuation: ${line}`);
      assert.doesNotMatch(line, /\u202F/, `U+202F used: the file uses U+00A0 throughout: ${line}`);
    }
  });

  test('French words a Quebec rep expects', () => {
    const fr = source('fr-CA');
    for (const word of ['Demande de crédit', 'Courriel', 'NAS', 'Code postal', 'Se déconnecter', 'Verrouiller', 'Réessayer la vérification']) {
      assert.ok(fr.includes(word), word);
    }
    const values = fr.split('\n').filter((l) => !l.startsWith('#')).map((l) => l.replace(/^[\w-]+ =/, ''));
    assert.ok(!values.some((v) => /\bE-?mail\b/i.test(v)), 'no "email" in French text');
  });
});
