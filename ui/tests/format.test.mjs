// format.ts, character by character. The TypeScript is type-stripped with Vite's own
// transform (no extra dependency) and imported from a data: URL.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import { transformWithOxc } from 'vite';

let f;
before(async () => {
  const source = await readFile(new URL('../src/lib/format.ts', import.meta.url), 'utf8');
  const { code } = await transformWithOxc(source, 'format.ts', { lang: 'ts' });
  f = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
});

// The money and date cases shared with pos-core's rules (crates/pos-core/tests/it/vectors.rs):
// one list, so the form and the Rust validator cannot drift apart.
const vectors = async (name) =>
  JSON.parse(await readFile(new URL(`../../crates/pos-testkit/vectors/${name}`, import.meta.url), 'utf8'));
const money = await vectors('money.json');
const dates = await vectors('dates.json');
const display = await vectors('display.json');
const LANGS = ['en', 'fr'];

/** The code points of a string, as U+XXXX, for readable failures. */
const cps = (s) => [...s].map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
const same = (actual, expected) => assert.equal(cps(actual), cps(expected));

describe('formatMoney', () => {
  test('en-CA: $1,234.56', () => {
    same(f.formatMoney(123456, 'en'), '$1,234.56');
    same(f.formatMoney(0, 'en'), '$0.00');
    same(f.formatMoney(5, 'en'), '$0.05');
    same(f.formatMoney(100000000, 'en'), '$1,000,000.00');
    same(f.formatMoney(99999, 'en'), '$999.99');
    same(f.formatMoney(-123456, 'en'), '-$1,234.56');
  });

  test('fr-CA: 1 234,56 $ with U+00A0 as group separator and before $', () => {
    const s = f.formatMoney(123456, 'fr');
    assert.deepEqual([...s].map((c) => c.codePointAt(0)),
      [0x31, 0xa0, 0x32, 0x33, 0x34, 0x2c, 0x35, 0x36, 0xa0, 0x24]);
    same(f.formatMoney(0, 'fr'), '0,00\u00A0$');
    same(f.formatMoney(100000000, 'fr'), '1\u00A0000\u00A0000,00\u00A0$');
    same(f.formatMoney(99999, 'fr'), '999,99\u00A0$');
    assert.ok(!s.includes(' '), 'no plain space');
    assert.ok(!s.includes('\u202F'), 'no narrow no-break space');
  });

  test('rounds fractional cents', () => {
    same(f.formatMoney(1234.6, 'en'), '$12.35');
  });

  test('the shared display cases (same as pos_core::display::format_money)', () => {
    assert.ok(display.money.length >= 8);
    for (const { cents, en, fr } of display.money) {
      same(f.formatMoney(cents, 'en'), en);
      same(f.formatMoney(cents, 'fr'), fr);
    }
  });
});

describe('formatRate', () => {
  test('the shared display cases (same as pos_core::display::format_rate)', () => {
    assert.ok(display.rates.length >= 6);
    for (const { ten_thousandths, en, fr } of display.rates) {
      same(f.formatRate(ten_thousandths, 'en'), en);
      same(f.formatRate(ten_thousandths, 'fr'), fr);
    }
  });
});

describe('parseMoney (same rules as pos_core::rules::parse_amount)', () => {
  test('accepts both styles in both languages', () => {
    assert.ok(money.accepted.length >= 17);
    for (const { text, cents } of money.accepted) {
      for (const lang of LANGS) {
        assert.deepEqual(f.parseMoney(text, lang), { ok: true, cents }, `${cps(text)} (${lang})`);
      }
    }
    assert.deepEqual(f.parseMoney('1 450,50', 'fr'), { ok: true, cents: 145050 });
    assert.deepEqual(f.parseMoney('1,450.50', 'fr'), { ok: true, cents: 145050 });
  });

  test('a typed dollar sign, before or after, as the review\'s reps type it (L6)', () => {
    for (const text of ['2 500 $', '$2,500', '2500$', '2\u00A0500\u00A0$', '$ 2500']) {
      for (const lang of LANGS) {
        assert.deepEqual(f.parseMoney(text, lang), { ok: true, cents: 250000 }, `${cps(text)} (${lang})`);
      }
    }
  });

  test('what formatMoney shows reads back as the same amount, in both languages', () => {
    const samples = [0, 1, 99, 100, 145050, 250000, 123456789, 99999999999];
    // A fixed pseudo-random walk over the whole range, so a failure reproduces.
    let seed = 12345;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      samples.push(Math.floor((seed / 2147483648) * 99999999999));
    }
    for (const cents of samples) {
      for (const shown of LANGS) {
        const text = f.formatMoney(cents, shown);
        for (const lang of LANGS) {
          assert.deepEqual(f.parseMoney(text, lang), { ok: true, cents }, `${cps(text)} (${lang})`);
        }
      }
    }
  });

  test('rejects what the Rust validator rejects', () => {
    assert.deepEqual(money.rejected.map((g) => g.problem).sort(),
      ['invalid', 'invalid', 'required', 'wrong-format']);
    for (const { problem, texts } of money.rejected) {
      assert.ok(texts.length > 0, problem);
      for (const text of texts) {
        for (const lang of LANGS) {
          assert.deepEqual(f.parseMoney(text, lang), { ok: false, problem }, `${cps(text)} (${lang})`);
        }
      }
    }
  });
});

describe('dates and times', () => {
  test('en-CA dates of an instant: January 1, 2026', () => {
    same(f.formatDate(new Date(2026, 0, 1, 12), 'en'), 'January 1, 2026');
  });

  test('fr-CA dates of an instant: 14 février 2026 with U+00A0', () => {
    same(f.formatDate(new Date(2026, 1, 14, 9), 'fr'), '14\u00A0février\u00A02026');
  });

  test('ISO dates in words in both languages (shared vectors)', () => {
    assert.ok(dates.valid.length >= 5);
    for (const { text, en, fr } of dates.valid) {
      same(f.formatIsoDate(text, 'en'), en);
      same(f.formatIsoDate(text, 'fr'), fr);
    }
  });

  test('invalid dates give nothing', () => {
    let refused = 0;
    for (const { texts } of dates.rejected) {
      for (const text of texts) {
        for (const lang of LANGS) assert.equal(f.formatIsoDate(text, lang), '', `${cps(text)} (${lang})`);
        refused += 1;
      }
    }
    assert.ok(refused >= 13, `${refused}`);
  });

  test('times: 2:32 p.m. / 14 h 32', () => {
    const at = (h, m) => new Date(2026, 10, 23, h, m);
    same(f.formatTime(at(14, 32), 'en'), '2:32 p.m.');
    same(f.formatTime(at(0, 5), 'en'), '12:05 a.m.');
    same(f.formatTime(at(12, 0), 'en'), '12:00 p.m.');
    same(f.formatTime(at(9, 7), 'en'), '9:07 a.m.');
    same(f.formatTime(at(14, 32), 'fr'), '14\u00A0h\u00A032');
    same(f.formatTime(at(0, 5), 'fr'), '0\u00A0h\u00A005');
    same(f.formatTime(at(9, 0), 'fr'), '9\u00A0h\u00A000');
  });

  test('parseInstant', () => {
    assert.equal(f.parseInstant('2026-11-23T19:32:00Z')?.toISOString(), '2026-11-23T19:32:00.000Z');
    assert.equal(f.parseInstant('nonsense'), null);
    assert.equal(f.parseInstant(null), null);
  });
});
