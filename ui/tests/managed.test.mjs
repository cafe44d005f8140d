// IT's managed configuration file in headless Chromium against the real engine (through
// pos-testbridge, as ui.test.mjs): what the file sets shows read-only in the settings
// screen with IT's note, the rest stays the administrator's, and a wrong file stops the
// app on the start-up error screen with the line and the reason, in both languages.
// Run after `npm run build` and `cargo build -p pos-testbridge`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { message } from './harness.mjs';
import { bridge, open } from './suite.mjs';

const prop = (page, selector, name) => page.$eval(selector, (el, key) => el[key], name);
const text = (page, selector) => page.$eval(selector, (el) => el.innerText.replace(/[ \t\r\n]+/g, ' ').trim());

describe('managed configuration', () => {
  test("what IT's file sets is read-only, with IT's note; the rest is still saved", async () => {
    const page = await open({ managed_config: 'store_id = "00-777"\nkiosk = true\nidle_lock_minutes = 5\n' });
    await page.waitForSelector('#sign-in');
    await page.click('#open-settings');
    await page.waitForSelector('#settings-store-id');
    assert.equal(await prop(page, '#settings-store-id', 'value'), '00-777');
    assert.equal(await prop(page, '#settings-store-id', 'disabled'), true);
    assert.equal(await text(page, '#settings-managed-store_id'), message('en', 'settings-managed'));
    assert.match(await page.$eval('#settings-store-id', (el) => el.getAttribute('aria-describedby')), /settings-managed-store_id/);
    assert.equal(await prop(page, '#settings-idle-lock', 'disabled'), true);
    assert.equal(await prop(page, '#settings-kiosk', 'checked'), true);
    assert.equal(await prop(page, '#settings-kiosk', 'disabled'), true);
    assert.equal(await prop(page, '#settings-terminal-id', 'disabled'), false);
    await page.fill('#settings-terminal-id', 'T-42');
    await page.click('#settings-save');
    await page.waitForSelector('#settings-saved');
    const settings = await bridge.invoke('get_settings');
    assert.deepEqual([settings.terminal_id, settings.store_id, settings.kiosk], ['T-42', '00-777', true]);
    assert.deepEqual(settings.managed, ['store_id', 'idle_lock_minutes', 'kiosk']);
  });

  test('a wrong file stops the app on the start-up screen with the line and the reason', async () => {
    const page = await open({ managed_config: 'client_id = "a"\nidle_lock_minutes = 16\n' });
    await page.waitForSelector('#startup-error[data-code="managed_config_invalid"]');
    const args = { line: '2', reason: 'bad-value', key: 'idle_lock_minutes' };
    const body = await text(page, '#startup-error');
    for (const lang of ['en', 'fr']) {
      const sentence = message(lang, 'error-managed-config-invalid', args).replace(/[ \t\r\n]+/g, ' ');
      assert.ok(body.includes(sentence), `${lang}: ${sentence} in ${body}`);
    }
    assert.ok(body.includes('/etc/flexiti-pos/terminal.toml'));
  });
});
