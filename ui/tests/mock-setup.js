// The Rust side, faked in the page for the browser tests: every command of the IPC
// contract, in memory, with a small copy of the validator's rules. Loaded by the test
// server before the app module. Tests configure it with `window.__mockConfig` (set by an
// init script before any page script runs) and read `window.__mock` (state and calls).
import { mockIPC } from '/__api__/mocks.js';
import en from '/__test__/fixtures/form-values.en.json' with { type: 'json' };
import fr from '/__test__/fixtures/form-values.fr.json' with { type: 'json' };

const config = {
  environment: 'sandbox',
  configured: true,
  idleLockMinutes: 5,
  retentionDays: 7,
  /** Where the data key is kept: keyring | file. */
  dataKeySource: 'keyring',
  lang: 'en',
  /** Lists to leave out of FormData (their fields become free text). */
  dropLists: [],
  /** What successive submits give: approved | pending | declined | outcome_unknown | server_fields | error:<code>. */
  submitPlan: [],
  /** What successive "check again" give (outcome_unknown, approved...). */
  checkAgainPlan: [],
  creditLimitCents: 123456,
  /**
   * Drafts already on the terminal: { id, status, fields, ... }. `unreadable:
   * 'draft_wrong_key' | 'draft_tampered'` makes one that cannot be opened; a decided one
   * (approved, pending, declined) keeps only `name` and `decision`, as the store does.
   */
  drafts: [],
  ...(window.__mockConfig ?? {}),
};

const USERS = { merchantonline: 'dice-manila-purism', vendeur: 'dice-manila-purism' };
const FORM_DATA = { en, fr };
const calls = [];
const state = {
  lang: config.lang,
  session: null,
  locked: false,
  drafts: new Map(),
  nextId: 1,
  settings: {
    environment: config.environment,
    custom_url: null,
    client_id: 'flexitidemo',
    store_id: '00-12345',
    terminal_id: 'T-01',
    idle_lock_minutes: config.idleLockMinutes,
    retention_days: config.retentionDays,
    secret_source: config.environment === 'sandbox' ? 'sandbox' : 'keyring',
    data_key_source: config.dataKeySource,
  },
};
const DECIDED = ['approved', 'pending', 'declined'];

function nameOf(fields) {
  return [fields.first_name, fields.last_name].filter((x) => typeof x === 'string' && x.trim()).join(' ');
}

/** A decision cuts the stored draft down to a receipt: the name and the decision. */
function cutToReceipt(d) {
  if (!DECIDED.includes(d.status)) return;
  d.name ??= nameOf(d.fields);
  d.fields = {};
}

for (const d of config.drafts) {
  const draft = { status: 'editing', lang: 'en', fields: {}, tos_version: null, decision: null, revision: 1, updated_at: new Date().toISOString(), unreadable: null, ...d };
  cutToReceipt(draft);
  state.drafts.set(d.id, draft);
}
window.__mock = { state, calls, config };

function fail(code, fields = [], args = {}) {
  throw { code, args, fields };
}

function status() {
  return {
    environment: state.settings.environment,
    training_banner: state.settings.environment !== 'production',
    lang: state.lang,
    session: state.session,
    locked: state.locked,
    idle_lock_minutes: state.settings.idle_lock_minutes,
    configured: config.configured,
  };
}

function needSession() {
  if (!state.session) fail('not_signed_in');
  if (state.locked) fail('session_locked');
}

function formData(lang) {
  const data = structuredClone(FORM_DATA[lang]);
  for (const key of config.dropLists) delete data.lists[key];
  return data;
}

// ---- A small copy of pos-core's rules (enough for the tests) ----
const REQUIRED = [
  'salutation', 'first_name', 'last_name', 'dob', 'postal_code', 'email', 'phone_number',
  'address_1', 'city', 'province', 'housing_type', 'monthly_housing_payment', 'years_at_address',
  'occupation', 'annual_income', 'govid_type', 'govid_issuedby', 'govid_number', 'govid_expiry',
  'security_qid', 'security_answer',
];
const ORDER = [
  'salutation', 'first_name', 'middle_name', 'last_name', 'dob', 'postal_code', 'sin', 'email',
  'phone_number', 'address_1', 'address_2', 'city', 'province', 'housing_type',
  'monthly_housing_payment', 'years_at_address', 'occupation', 'employer_name', 'annual_income',
  'govid_type', 'govid_issuedby', 'govid_number', 'govid_expiry', 'security_qid', 'security_answer',
  'insurance', 'qcpa_disclosure', 'tos_agreement', 'amount_requested',
];
const POSTAL_LETTERS = {
  AB: 'T', BC: 'V', MB: 'R', NB: 'E', NL: 'A', NS: 'B', NT: 'X', NU: 'X', ON: 'KLMNP',
  PE: 'C', QC: 'GHJ', SK: 'S', YT: 'Y',
};
const NINETEEN = ['BC', 'NB', 'NL', 'NS', 'NT', 'NU', 'YT'];
const MONEY = /^(\d{1,3}([ ,\u00a0\u202f]\d{3})+|\d+)([.,]\d{1,2})?$/;

function isoDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCMonth() === +m[2] - 1 ? d : null;
}

function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = +digits[digits.length - 1 - i];
    if (i % 2 === 1) { n *= 2; if (n > 9) n -= 9; }
    sum += n;
  }
  return sum % 10 === 0;
}

function validate(fields) {
  const text = (name) => (typeof fields[name] === 'string' ? fields[name].trim() : '');
  const problems = {};
  for (const name of REQUIRED) if (!text(name)) problems[name] = 'required';
  const province = text('province');
  const data = FORM_DATA.en;
  for (const name of ['salutation', 'province', 'housing_type', 'occupation', 'govid_type', 'security_qid']) {
    const list = data.lists[name];
    if (text(name) && list && !list.some((c) => c.code === text(name))) problems[name] = 'invalid';
  }
  if (text('dob')) {
    const dob = isoDate(text('dob'));
    if (!dob) problems.dob = 'wrong-format';
    else {
      const age = (Date.now() - dob.getTime()) / (365.2425 * 864e5);
      if (age < (NINETEEN.includes(province) ? 19 : 18) || age > 120) problems.dob = 'invalid';
    }
  }
  if (text('postal_code')) {
    const pc = text('postal_code').toUpperCase().replace(' ', '');
    if (!/^[A-Z]\d[A-Z]\d[A-Z]\d$/.test(pc)) problems.postal_code = 'wrong-format';
    else if (POSTAL_LETTERS[province] && !POSTAL_LETTERS[province].includes(pc[0])) problems.postal_code = 'invalid';
  }
  if (text('sin')) {
    const sin = text('sin').replace(/[ -]/g, '');
    if (!/^\d{9}$/.test(sin)) problems.sin = 'wrong-format';
    else if (!luhn(sin) || sin[0] === '0' || sin[0] === '8') problems.sin = 'invalid';
  }
  if (text('email') && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text('email'))) problems.email = 'invalid';
  if (text('phone_number')) {
    const phone = text('phone_number').replace(/[\s().-]/g, '').replace(/^\+?1(?=\d{10}$)/, '');
    if (!/^\d{10}$/.test(phone)) problems.phone_number = 'wrong-format';
    else if (/^[01]/.test(phone)) problems.phone_number = 'invalid';
  }
  for (const name of ['monthly_housing_payment', 'annual_income', 'amount_requested']) {
    if (text(name) && !MONEY.test(text(name))) problems[name] = text(name).startsWith('-') ? 'invalid' : 'wrong-format';
  }
  if (text('years_at_address') && !/^\d{1,3}$/.test(text('years_at_address'))) problems.years_at_address = 'wrong-format';
  const issuers = data.dependent.govid_issuedby[text('govid_type')];
  if (text('govid_issuedby') && issuers && !issuers.some((c) => c.code === text('govid_issuedby'))) {
    problems.govid_issuedby = 'invalid';
  }
  if (text('govid_expiry')) {
    const expiry = isoDate(text('govid_expiry'));
    if (!expiry) problems.govid_expiry = 'wrong-format';
    else if (expiry.getTime() < Date.now() - 864e5) problems.govid_expiry = 'invalid';
  }
  if (province === 'QC' && fields.qcpa_disclosure !== true) problems.qcpa_disclosure = 'required';
  for (const [name, max] of Object.entries({ first_name: 80, middle_name: 80, last_name: 130, city: 100 })) {
    if (text(name).length > max) problems[name] = 'length';
  }
  return ORDER.filter((name) => problems[name]).map((field) => ({ field, problem: problems[field] }));
}

function draftView(id) {
  const d = state.drafts.get(id);
  if (!d) fail('draft_not_found');
  if (d.unreadable) fail(d.unreadable);
  const decided = DECIDED.includes(d.status);
  return {
    id, status: d.status, lang: d.lang, applicant_name: d.name ?? nameOf(d.fields),
    fields: structuredClone(d.fields), tos_version: d.tos_version, updated_at: d.updated_at,
    revision: d.revision, errors: decided ? [] : validate(d.fields), decision: d.decision,
  };
}

function decide(d, outcome) {
  d.status = outcome;
  d.decision = outcome === 'approved'
    ? { outcome, credit_limit_cents: config.creditLimitCents, card_last4: '1234' }
    : outcome === 'outcome_unknown' ? null : { outcome, credit_limit_cents: null, card_last4: null };
  cutToReceipt(d);
}

const TERMS = {
  en: 'SANDBOX SAMPLE TEXT. Flexiti Cardholder Agreement Summary, version {v}.\n\nYour account is a revolving credit account.\n\nYou may pay your balance at any time.',
  fr: 'TEXTE D\'EXEMPLE DU BAC À SABLE. Résumé du contrat du titulaire de carte Flexiti, version {v}.\n\nVotre compte est un compte de crédit renouvelable.\n\nVous pouvez payer votre solde en tout temps.',
};

function handle(cmd, args) {
  switch (cmd) {
    case 'app_status':
      return status();
    case 'set_language':
      state.lang = args.lang;
      return status();
    case 'sign_in': {
      const { username, password } = args.input;
      if (!config.configured) fail('not_configured');
      if (USERS[username] !== password) fail('authentication_failure');
      state.session = { rep: username, merchant_name: 'Demo Electronics', started_at: new Date().toISOString() };
      state.locked = false;
      return status();
    }
    case 'sign_out':
      state.session = null;
      state.locked = false;
      return status();
    case 'lock':
      if (!state.session) fail('not_signed_in');
      state.locked = true;
      return status();
    case 'unlock': {
      const { username, password } = args.input;
      if (!state.session) fail('not_signed_in');
      if (username !== state.session.rep) fail('wrong_rep');
      if (USERS[username] !== password) fail('authentication_failure');
      state.locked = false;
      return status();
    }
    case 'form_data':
      needSession();
      return formData(args.lang);
    case 'list_drafts':
      needSession();
      return [...state.drafts.entries()].map(([id, d]) => ({
        id,
        applicant_name: d.unreadable ? '' : d.name ?? nameOf(d.fields),
        unreadable: d.unreadable ?? null,
        status: d.status,
        updated_at: d.updated_at,
      }));
    case 'new_draft': {
      needSession();
      const id = `draft-${state.nextId++}`;
      state.drafts.set(id, { status: 'editing', lang: state.lang, fields: {}, tos_version: null, decision: null, revision: 0, updated_at: new Date().toISOString(), unreadable: null });
      return draftView(id);
    }
    case 'open_draft':
      needSession();
      return draftView(args.id);
    case 'discard_draft': {
      needSession();
      const d = state.drafts.get(args.id);
      if (!d) fail('draft_not_found');
      if (d.status === 'submitting' || d.status === 'outcome_unknown') fail('draft_locked');
      state.drafts.delete(args.id);
      return null;
    }
    case 'save_draft': {
      needSession();
      const { id, lang, fields, tos_version } = args.input;
      const d = state.drafts.get(id);
      if (!d) fail('draft_not_found');
      if (d.unreadable) fail(d.unreadable);
      if (d.status !== 'editing') fail('draft_locked');
      Object.assign(d, { lang, fields: structuredClone(fields), tos_version, revision: d.revision + 1, updated_at: new Date().toISOString() });
      return { id, revision: d.revision, saved_at: d.updated_at, errors: validate(d.fields) };
    }
    case 'terms': {
      needSession();
      const group = args.province === 'QC' ? 'QC' : 'ROC';
      const version = group === 'QC' ? '2024-01-QC' : '2024-01';
      return { version, province_group: group, lang: args.lang, text: TERMS[args.lang].replace('{v}', version) };
    }
    case 'decode_licence':
      needSession();
      if (!args.code.includes('ANSI ')) fail('wrong_inputs', [{ field: 'code', problem: 'invalid' }]);
      return {
        fields: {
          first_name: 'JOHN', middle_name: '', last_name: 'SMITH', dob: '1988-07-24',
          address_1: '55 UNIVERSITY AVE', city: 'TORONTO', province: 'ON', postal_code: 'M5J 2H7',
          govid_type: 'CADL', govid_issuedby: 'ON', govid_number: 'D6101-40706-60905', govid_expiry: '2029-05-15',
        },
      };
    case 'submit_draft': {
      needSession();
      const d = state.drafts.get(args.id);
      if (!d) fail('draft_not_found');
      if (d.status !== 'editing') fail('draft_locked');
      const errors = validate(d.fields);
      if (errors.length) fail('wrong_inputs', errors);
      if (d.fields.tos_agreement !== true) fail('tos_agreement_required');
      const plan = config.submitPlan.shift() ?? 'approved';
      if (plan === 'server_fields') {
        fail('wrong_inputs', [{ field: 'phone_number', problem: 'invalid' }, { field: 'govid_number', problem: 'length' }]);
      }
      if (plan.startsWith('error:')) fail(plan.slice(6), [], { status: '503' });
      decide(d, plan);
      return draftView(args.id);
    }
    case 'check_again': {
      needSession();
      const d = state.drafts.get(args.id);
      decide(d, config.checkAgainPlan.shift() ?? 'approved');
      return draftView(args.id);
    }
    case 'cancel_submission': {
      needSession();
      const d = state.drafts.get(args.id);
      d.status = 'cancelled';
      return draftView(args.id);
    }
    case 'get_settings':
      return { ...state.settings };
    case 'save_settings': {
      const input = args.input;
      if (input.idle_lock_minutes < 1 || input.idle_lock_minutes > 15) fail('invalid_settings', [], { setting: 'idle_lock_minutes' });
      if (!Number.isInteger(input.retention_days) || input.retention_days < 1 || input.retention_days > 30) {
        fail('invalid_settings', [], { setting: 'retention_days' });
      }
      const { client_secret, ...rest } = input;
      Object.assign(state.settings, rest, client_secret ? { secret_source: 'keyring' } : {});
      return { ...state.settings };
    }
    case 'test_connection':
      return args.input.client_id === 'flexitidemo'
        ? { ok: true, error: null }
        : { ok: false, error: { code: 'oauth_invalid_client', args: {}, fields: [] } };
    default:
      fail('internal');
  }
}

mockIPC((cmd, args) => {
  calls.push({ cmd, args: args === undefined ? null : structuredClone(args) });
  return handle(cmd, args ?? {});
});
