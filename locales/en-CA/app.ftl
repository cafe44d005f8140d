# The web UI's own sentences (en-CA). Every id here exists in fr-CA/app.ftl with the same
# attributes and variables (ui/tests/locales.test.mjs checks it).
# Money, dates and times arrive already formatted (ui/src/lib/format.ts).

## Shell

app-name = Flexiti credit applications
loading = Loading…
training-banner = TRAINING — no real credit application is sent
header-rep = { $rep }
    .label = Signed-in rep
header-merchant = { $merchant }
    .label = Store
lang-toggle = Français
    .title = Switch the screen to French (Alt+L)
lock-button = Lock
    .title = Lock the screen; the application stays as it is
sign-out-button = Sign out
skip-to-content = Skip to the main content
dismiss = Dismiss

## Environments

env-sandbox = Sandbox (built-in emulator)
env-training = Training
env-merchant-integration = Merchant integration
env-production = Production
env-custom = Custom address

## Sign in

sign-in-title = Sign in
sign-in-intro = Use your Flexiti rep username and password.
sign-in-username = Username
sign-in-password = Password
sign-in-submit = Sign in
sign-in-busy = Signing in…
sign-in-missing = Enter your username and password.
sign-in-not-configured = This terminal is not set up yet. A manager must enter its settings first.
sign-in-settings-link = Terminal settings
sign-in-environment = Connected to: { $environment }
about-version = Version { $version } · { $environment }
reset-done = The terminal was reset. It starts again in Sandbox mode, as on its first day.

## Locked

locked-title = Session locked
locked-intro = { $rep }, enter your password to continue. The application stays exactly as you left it.
locked-password = Password
locked-submit = Unlock
locked-busy = Unlocking…
locked-sign-out = Not { $rep }? Sign out

## Start-up error (shown in both languages at once)

startup-title = This terminal could not start
startup-next = Try again first. If it keeps failing, call IT. Resetting the terminal is the last resort: it erases everything saved on it.
startup-retry = Try again
startup-retrying = Trying again…
startup-still = Tried again at { $time }: the terminal still cannot start.
startup-reset = Reset this terminal

## Reset this terminal

reset-title = Reset this terminal?
reset-body = Resetting erases everything this terminal holds: every saved application (those whose outcome is unknown too), the settings, the client secret and the data key. The terminal then starts again as on its first day, in Sandbox mode. This cannot be undone.
reset-type = To confirm, type { $word } below.
reset-word = Confirmation word
reset-confirm = Reset the terminal
reset-busy = Resetting…
reset-cancel = Cancel

## Administrator

admin-title = Administrator's passphrase
admin-intro = The terminal's settings are for the store's administrator. Enter the administrator's passphrase to open them.
admin-passphrase = Passphrase
admin-missing = Enter the administrator's passphrase.
admin-submit = Open the settings
admin-busy = Checking…
admin-cancel = Cancel
admin-forgot = Forgot the passphrase? Reset this terminal

## Home

home-title = Credit applications
home-new = New application
home-new-hint = Start a credit application with the customer. Every answer is saved as you go.
home-drafts-title = Saved applications
home-drafts-empty = No saved applications on this terminal.
home-drafts-loading = Loading the saved applications…
drafts-unnamed = No name entered yet
drafts-updated = Updated { $date }, { $time }
drafts-resume = Resume
    .label = Resume the application of { $name }
drafts-open = Open
    .label = Open the application of { $name }
drafts-discard = Discard
    .label = Discard the application of { $name }
drafts-unreadable-wrong-key = This application was encrypted with a key this terminal no longer has and cannot be opened.
drafts-unreadable-tampered = This application's saved data is damaged and cannot be opened.
drafts-discard-unreadable = Discard the application that cannot be opened
drafts-colleague = Application of a colleague ({ $rep })
drafts-take-over = Take over
    .label = Take over the application of { $rep }
take-over-title = Take over this application?
take-over-body = This application becomes yours; the handover is recorded.
take-over-confirm = Take over
take-over-cancel = Cancel
discard-title = Discard this application?
discard-body = The answers for { $name } will be deleted from this terminal. This cannot be undone.
discard-body-unreadable = This application cannot be opened. It will be deleted from this terminal. This cannot be undone.
discard-confirm = Discard
discard-keep = Keep it
notice-discarded = The application was discarded.
notice-cancelled = The submission was cancelled and set aside in the applications list.

## Statuses (badges)

status-editing = In progress
status-submitting = Sending
status-outcome-unknown = Outcome unknown
status-approved = Approved
status-pending = Decision to follow
status-declined = Not approved
status-cancelled = Cancelled

## The application form

form-title = Credit application
form-back = Back to applications
form-intro = Every answer is saved as you type. All answers are required unless marked optional.
form-nav = Sections
form-applicant = Applicant: { $name }
field-optional = optional
select-placeholder = Choose…
select-issuer-first = Choose the ID type first
select-unknown-option = { $code } (not in the list)
section-applicant = Applicant
section-contact = Contact
section-address = Address and housing
section-employment = Employment and income
section-identification = Identification
section-security = Security question
section-disclosures = Disclosures
section-terms = Terms and conditions
section-amount = Amount requested

## Field labels and hints

label-salutation = Title
label-first-name = First name
label-middle-name = Middle name
label-last-name = Last name
label-dob = Date of birth
    .hint = YYYY-MM-DD
label-sin = Social Insurance Number (SIN)
    .hint = 9 digits. The applicant may choose not to give it.
label-email = Email
label-phone-number = Phone number
    .hint = 10 digits, area code first
label-address-1 = Street address
label-address-2 = Apartment, suite or unit
label-city = City
label-province = Province or territory
label-postal-code = Postal code
    .hint = A1A 1A1
label-housing-type = Housing
label-monthly-housing-payment = Monthly housing payment
    .hint = Rent or mortgage, in dollars, e.g. 1,450.50
label-years-at-address = Years at this address
    .hint = Whole years, 0 if less than one
label-occupation = Occupation
label-employer-name = Employer
label-annual-income = Annual income
    .hint = Before tax, in dollars, e.g. 55,000
label-govid-type = ID type
label-govid-issuedby = Issued by
label-govid-number = ID number
label-govid-expiry = Expiry date
    .hint = YYYY-MM-DD
label-security-qid = Security question
label-security-answer = Answer to the security question
label-insurance = Yes, the applicant wants the optional payment protection insurance
label-qcpa-disclosure = The applicant has read the Quebec disclosure above
label-tos-agreement = The applicant has read and accepts these terms and conditions
label-amount-requested = Amount requested
    .hint = In dollars, e.g. 2,500
money-reads-as = Reads as { $amount }
date-reads-as = { $date }

## Driver's licence scan

licence-label = Scan the driver's licence
    .hint = Click here, then scan the barcode on the back of the licence. The answers it holds are filled in below; check them with the applicant.
licence-read = Read the scan
licence-reading = Reading the licence…
licence-filled = { $count ->
    [one] One answer was filled from the licence. Check it with the applicant.
   *[other] { $count } answers were filled from the licence. Check them with the applicant.
}
licence-nothing = The licence gave no answers. Type them in.
licence-unreadable = This code could not be read. Scan it again or type the answers.

## Disclosures and terms

insurance-title = Optional payment protection insurance
insurance-tc-show = Read the insurance terms
annual-fees-title = Annual fees
qcpa-title = Quebec Consumer Protection Act disclosure
disclosure-missing = This text could not be loaded. Check the connection, then open the application again.
terms-choose-province = Choose the province or territory above to show the terms for the applicant.
terms-loading = Loading the terms…
terms-version = Version { $version }
terms-region = Text of the terms and conditions
terms-changed = The terms changed with the province. Ask the applicant to read and accept them again.

## Submit and saving

submit = Submit application
submit-busy = Sending…
submit-blocked = { $count ->
    [one] One answer needs attention before sending.
   *[other] { $count } answers need attention before sending.
}
save-saving = Saving…
save-saved = Saved at { $time }
save-failed = Not saved yet. We will try again.

## Decision

decision-applicant = Application of { $name }
decision-approved-title = Approved
decision-limit = Credit limit
decision-card = Card ending in { $last4 }
decision-pending-title = Decision to follow
decision-pending-body = The application was received and is being reviewed. Flexiti will contact the applicant with the decision. There is nothing more to do now.
decision-declined-title = Not approved today
decision-declined-body = Flexiti could not approve this application. Please offer the customer another way to pay.
decision-unknown-title = Outcome unknown
decision-unknown-body = The application was sent, but no answer came back. It may or may not have reached Flexiti, so it is locked and will never be sent again as a new application.
decision-unknown-next = Check again to ask Flexiti for the answer. Cancel only if the customer no longer wants to apply.
decision-check-again = Check again
decision-checking = Checking…
decision-still-unknown = Still no answer at { $time }. Try again in a moment.
decision-cancel = Cancel
    .label = Cancel the submission
decision-cancel-title = Cancel this submission?
decision-cancel-body = The application stays on this terminal, set aside. If Flexiti did receive it, the applicant will hear from Flexiti directly, and you can still check again from the applications list.
decision-cancel-confirm = Cancel the submission
decision-cancel-keep = Keep checking
decision-cancelled-title = Submission cancelled
decision-cancelled-body = This application was set aside. If Flexiti received it, the applicant will hear from Flexiti. Check again to learn Flexiti's answer; do not apply again for this customer before you know it.
decision-apply-again = Apply again
decision-apply-again-title = Apply again for this customer?
decision-apply-again-body = Flexiti may already have the first application. A new one is a second credit check on the customer's file. Check again first; apply again only if the customer wants to and understands this.
decision-apply-again-confirm = Start a new application
decision-new = New application
decision-home = Back to applications

## Settings

settings-title = Terminal settings
settings-intro = These settings apply to this terminal, for every rep.
settings-environment = Environment
settings-custom-url = Custom address (URL)
settings-client-id = Client ID
settings-client-secret = Client secret
    .hint = Leave empty to keep the stored secret. It must be typed again whenever the environment, the address or the client ID changes.
secret-sandbox = The sandbox's demo secret is used
secret-keyring = A secret is stored in the system keyring
secret-environment = The secret comes from the FLEXITI_CLIENT_SECRET environment variable
secret-file = The secret comes from the file provided by IT
secret-missing = No secret stored yet
settings-secret-again = You changed the environment, the address or the client ID: type the client secret again. A stored secret is sent only where it was saved for.
settings-store-id = Store ID (provided by Flexiti)
settings-terminal-id = Terminal ID
settings-idle-lock = Lock after inactivity (minutes)
    .hint = From 1 to 15 minutes.
settings-idle-invalid = Choose a number of minutes from 1 to 15.
settings-retention = Keep saved applications for (days)
    .hint = From 1 to 30 days. Saved applications left untouched this long are deleted from this terminal.
settings-retention-invalid = Choose a number of days from 1 to 30.
data-key-keyring = Applicant data on this terminal is encrypted; the key is in the system keyring.
data-key-file = Applicant data on this terminal is encrypted, but the key is kept in a file on this terminal because no system keyring is available. This is less safe: anyone who copies the whole data folder gets the key too. Ask IT to enable the system keyring.
data-key-other = Applicant data on this terminal is encrypted.
settings-admin-section = Administrator's passphrase
settings-new-passphrase = New passphrase
settings-confirm-passphrase = Confirm the new passphrase
settings-new-passphrase-required = Required before this terminal connects outside the Sandbox: at least 12 characters. From then on, the settings open only with it; keep it somewhere safe.
settings-new-passphrase-change = A passphrase is set. To change it, type a new one (at least 12 characters) in both fields; leave them empty to keep it.
settings-passphrase-required = Set the administrator's passphrase: outside the Sandbox, the settings open only with it.
settings-passphrase-mismatch = The two passphrases are not the same.
settings-passphrase-saved = The new administrator's passphrase is set.
settings-test = Test connection
settings-testing = Testing…
settings-test-ok = The connection works.
settings-save = Save settings
settings-saving = Saving…
support-bundle = Support bundle
support-bundle-intro = For support: the app and system versions, the settings without the secret, the last days of logs, the audit log and the database check. No applicant data.
support-bundle-making = Making the bundle…
support-bundle-saved = Saved to { $path }
settings-saved = Settings saved.
settings-loading = Loading the settings…
settings-close = Close settings
unresolved-title = Applications with an unknown outcome, kept past the retention period
unresolved-intro = Flexiti's answer to these applications is not known, so they are kept beyond the retention period: checking again is the only way to learn it. Ask the rep (or a colleague, who can take the application over) to open it and check again.
unresolved-rep = Rep
unresolved-status = Status
unresolved-updated = Last change
unresolved-id = Application ID
unresolved-when = { $date }, { $time }

## Field problems

field-required = This answer is required.
field-length = This answer is too long.
field-invalid = This answer is not valid.
field-wrong-format = This answer is not in the expected format.
field-invalid-dob = The applicant must have reached the age of majority in their province or territory (18, or 19 in BC, NB, NL, NS, NT, NU and YT).
field-wrong-format-dob = Write the date as YYYY-MM-DD, for example 1988-07-24.
field-invalid-postal_code = This postal code does not match the province: check its first letter.
field-wrong-format-postal_code = Write the postal code as A1A 1A1.
field-invalid-sin = This SIN is not valid. Check the 9 digits, or leave it empty.
field-wrong-format-sin = A SIN has 9 digits. Check it, or leave it empty.
field-invalid-phone_number = Enter a 10-digit Canadian phone number with a valid area code.
field-wrong-format-phone_number = Enter a 10-digit phone number, for example 416 555-0123.
field-invalid-email = Check the email address, for example name@example.com.
field-wrong-format-email = Check the email address, for example name@example.com.
field-invalid-govid_expiry = This ID has expired. Ask the applicant for another one.
field-wrong-format-govid_expiry = Write the date as YYYY-MM-DD, for example 2029-05-15.
field-invalid-govid_issuedby = This ID type is not issued there. Choose the issuer again.
field-required-qcpa_disclosure = Quebec residents must read this disclosure. Check the box once the applicant has read it.
field-required-tos_agreement = The applicant must accept the terms and conditions.
field-invalid-years_at_address = Enter a number of years from 0 to 120.
field-wrong-format-years_at_address = Enter whole years, with digits only.
field-invalid-money = Enter an amount of zero or more.
field-wrong-format-money = Write an amount such as 1450, 1,450.50 or 1 450,50.
field-invalid-amount_requested = Enter an amount greater than zero, or leave it empty.
field-required-external_location_id = The store ID is missing from the terminal settings. Ask a manager.
field-problem-other = This part of the application cannot be sent: { $field }. Ask a manager.
field-problem-unnamed = Part of the application cannot be sent. Ask a manager.

## Errors (error-<code>, with `_` as `-`)

error-authentication-failure = The username or password is not correct.
error-wrong-rep = Only the rep who locked the screen can unlock it. Sign out to change reps.
error-not-configured = This terminal is not set up yet. Open the terminal settings.
error-transport-connect = Flexiti cannot be reached. Check the network, then try again.
error-transport-timeout = Flexiti took too long to answer. Try again.
error-transport-reset = The connection to Flexiti was cut. Try again.
error-transport-other = A network problem stopped the request. Try again.
error-server-error = Flexiti had a problem (code { $status }). Try again in a moment.
error-html-page = Flexiti answered with an error page (code { $status }). Try again in a moment.
error-unexpected-status = Flexiti gave an unexpected answer (code { $status }). Try again in a moment.
error-unauthorized = Flexiti refused this terminal's access. Ask a manager to check the settings.
error-insufficient-scope = This terminal is not allowed to do that. Ask a manager to check the settings.
error-not-found = Flexiti could not find what was asked for.
error-oauth-invalid-client = The client ID or secret is not correct. Ask a manager to check the settings.
error-oauth-invalid-grant = The connection to Flexiti expired. Try again.
error-oauth-invalid-scope = This terminal is not allowed to do that. Ask a manager to check the settings.
error-oauth-invalid-request = Flexiti refused the sign-in request. Ask a manager to check the settings.
error-wrong-inputs = Some answers are missing or not valid. They are marked below.
error-tos-agreement-required = The applicant must accept the terms and conditions before sending.
error-customer-already-exists = This customer already has a Flexiti account. Use their existing account.
error-application-create-error = Flexiti could not create the application right now. Try again in a moment.
error-external-location-id-not-found = Flexiti does not know this store ID. Ask a manager to check the settings.
error-account-type-not-permitted = This store cannot take this type of application.
error-malformed-response = Flexiti sent an answer that could not be read. Try again.
error-response-too-large = Flexiti sent an answer that was too large. Try again.
error-outcome-unknown = The application was sent, but no answer came back. Check again before doing anything else.
error-invalid-config = The terminal settings are not valid. Ask a manager to check them.
error-draft-not-found = This application is no longer on this terminal.
error-draft-locked = This application was sent and can no longer be changed.
error-draft-wrong-key = This application was encrypted with a key this terminal no longer has and cannot be opened. It can only be discarded.
error-draft-tampered = This application's saved data is damaged and cannot be opened. It can only be discarded.
error-store-unavailable = The applications saved on this terminal cannot be reached. Restart the app; if it happens again, call support.
error-store-busy = This terminal's storage is busy. Your last changes are not saved yet; try again in a moment.
error-store-full = This terminal's disk is full: your last changes are not saved. Keep this screen open and call support.
error-database-corrupt = The applications saved on this terminal are damaged. Do not close the app; call support.
error-corrupt-row = This application's saved data is damaged and cannot be opened.
error-draft-not-submitting = This application is not being sent any more. Go back to the list to see where it stands.
error-session-locked = The screen is locked. Unlock it to continue.
error-not-signed-in = You are signed out. Sign in to continue.
error-invalid-settings = This setting is not valid: { $setting }.
error-keyring-unavailable = The system keyring cannot be reached, so the secret was not stored.
error-application-declined = Flexiti declined this request. The customer can call Flexiti to learn more.
error-application-pending = Flexiti is reviewing this request. The customer will hear from Flexiti.
error-business-error = Flexiti refused the request. Try again; if it happens again, call support.
error-general-error = Flexiti had a problem with this request. Try again in a moment.
error-not-verified = The customer's identity is not verified yet. Complete the verification first.
error-invalid-role = This rep's account is not allowed to do that. Ask a manager.
error-creditapp-id-not-found = Flexiti cannot find this application.
error-customer-identity-not-found = Flexiti cannot find this customer. Check the answers, then try again.
error-idempotency-key-reused = Flexiti already has a different request under this application's key. Do not send it again; call support.
error-user-not-active = This account is not active yet, so it cannot be used for a purchase. The customer can call Flexiti.
error-user-not-able-to-purchase = This account cannot be used for purchases right now. The customer can call Flexiti.
error-vcc-account-mismatch = This card does not belong to this account. Check the card, then try again.
error-sms-not-valid-phone = Flexiti has no mobile number for this customer. Choose another way to verify.
error-tries-exceed = There have been too many wrong answers to the security question. Choose another way to verify.
error-secret-answer-mismatch = That answer does not match the one on file.
error-regular-purchase-bypass-is-not-allowed = This purchase needs the customer's verification. Choose another way to verify.
error-merchant-override-is-not-allowed = This store cannot verify a customer by override. Choose another way to verify.
error-piw-mismatch = The personal identification word does not match the one on file.
error-verification-code-required = The verification code is missing. Ask the customer for it.
error-wrong-verification-code = That verification code is not correct. Ask the customer to read it again.
error-auth-not-allowed = This store cannot hold a purchase to charge it later. Charge it now instead.
error-plan-term-not-set = This plan or term does not exist. Calculate the payments again.
error-plan-term-not-available = This plan or term is not available for this customer or amount. Choose another one.
error-credit-exceeded = The purchase, with its interest and fees, is more than the available credit. Calculate the payments for a lower amount.
error-authorization-ended = This purchase is closed: nothing remains to charge or release.
error-auth-amount-exceeded = The amount is more than what remains on this purchase.
error-not-permitted = This rep's account is not allowed to do that. Ask a manager.
error-wrong-transaction-type = This operation does not apply to this kind of purchase.
error-return-date-exceeded = The return period for this purchase is over. The customer can call Flexiti.
error-capture-amount-exceeded = The amount is more than what remains of this charge.
error-bad-amount = Flexiti sent an amount that could not be read exactly. Try again; if it happens again, call support.
error-list-incomplete = Flexiti's list is longer than this terminal can check. Do not send anything again; call support.
error-backup-failed = The app could not back up the saved applications before updating them, so nothing was changed. Free some disk space, then restart the app.
error-migration-failed = The app could not update the saved applications to this version. Call support; nothing was deleted.
error-schema-too-new = The saved applications were written by a newer version of the app. Install that version again, or call support.
error-session-not-found = This session has ended. Sign in again.
error-invalid-input = A value could not be saved because it is not valid. Check it, then try again.
error-random-unavailable = The terminal's system cannot make secure keys right now, so nothing was saved. Restart the terminal; if it happens again, call support.
error-journal-operation-not-found = This purchase operation is not in this terminal's journal.
error-journal-wrong-state = This purchase operation is already finished, or still being sent, so it cannot be changed that way. Open the purchase to see where it stands.
error-journal-operation-in-flight = Another operation on this purchase is still being sent or its outcome is unknown. Check that one again first.
error-journal-purchase-not-charged = This purchase was not charged, so it cannot be captured, released, returned or refunded.
error-journal-wrong-key = This purchase record was sealed with a key this terminal no longer has and cannot be opened. Call IT.
error-journal-tampered = This purchase record is damaged and cannot be opened. Call support.
error-bad-arguments = The app sent a request it should not have. Try again; if it happens again, call support.
error-unknown-command = The app asked for something this version does not do. Restart the app; if it happens again, call support.
error-draft-busy = This application is being sent right now. Wait for the answer on the screen that sent it.
error-draft-not-set-aside = Only an application that was set aside can be started again.
error-data-key-unavailable = The terminal's data key cannot be read right now: the system keyring does not answer. Try again; if it keeps failing, call IT.
error-data-key-missing = The terminal's data key cannot be found, yet saved applications need it. Call IT; resetting the terminal erases those applications.
error-data-key-mismatch = The terminal's data key is not the one its saved applications were sealed with. Call IT; resetting the terminal erases those applications.
error-admin-required = The terminal's settings need the administrator's passphrase.
error-admin-passphrase-wrong = That is not the administrator's passphrase.
error-admin-passphrase-needed = Set an administrator's passphrase before connecting this terminal to Flexiti.
error-admin-passphrase-too-short = The administrator's passphrase needs at least 12 characters.
error-secret-needed = The environment, address or client ID changed: type the client secret again.
error-too-many-attempts = Too many failed attempts. Try again in { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }.
error-draft-of-another-rep = This application belongs to a colleague. Take it over to open it.
error-unlock-attempts-exhausted = Too many failed unlocks: the session was closed and the form was saved. Sign in again.
error-reset-not-confirmed = Type the confirmation word to reset the terminal.
error-sign-out-first = Sign out before resetting the terminal.
error-managed-setting = IT manages this setting on this terminal.
error-managed-config-invalid = The settings file IT installed, /etc/flexiti-pos/terminal.toml, is not valid, so the terminal did not start. { $reason ->
        [unknown-key] Line { $line } sets something the app does not know.
        [bad-value] The value at line { $line } is not allowed.
        [secret] Line { $line } holds a secret, and secrets never go in this file.
        [syntax] Line { $line } cannot be read.
        [permissions] People other than its owner can change it, or its owner is not the system administrator.
        [unreadable] The file cannot be read.
       *[other] See line { $line }.
    } Call IT.
error-internal = Something went wrong in the app. Try again; if it happens again, call support.
error-unknown = Something went wrong. Try again; if it happens again, call support.

## The applicant's language and the store's (issue 12)
# The applicant's language is a field of the application, apart from the screen's. The
# names of the languages in `lang-name` are written in themselves (shown with their own
# `lang`), as is `texts-show-in-this-language` (the button that shows the other version).

label-applicant-lang = Language of the applicant
    .hint = Flexiti will write to the applicant in this language, and the texts the applicant reads show in it first. The screen's language (Alt+L) does not change it.
lang-name = English
lang-in-sentence-en = English
lang-in-sentence-fr = French
texts-shown-in = Version shown: { $language }
texts-show-in-this-language = Show in English
texts-quebec-french-first = In Quebec, the French version comes first. Show the English version if the applicant asks for it.
terms-accepted-in = Terms accepted by the applicant in { $language }.
lang-switch-failed = The screen could not switch to French and stays in English. Try again with Alt+L.
settings-store-province = Store's province or territory
settings-store-province-none = None chosen
settings-store-lang = Store's language
    .hint = The sign-in screen opens in this language and returns to it when a rep signs out. New applications start with it as the applicant's language.
province-ab = Alberta
province-bc = British Columbia
province-mb = Manitoba
province-nb = New Brunswick
province-nl = Newfoundland and Labrador
province-ns = Nova Scotia
province-nt = Northwest Territories
province-nu = Nunavut
province-on = Ontario
province-pe = Prince Edward Island
province-qc = Quebec
province-sk = Saskatchewan
province-yt = Yukon

## Managed configuration and kiosk mode
settings-managed = Managed by your IT department
settings-kiosk = Kiosk mode: full screen, no window frame (applies at the next start)

## Purchases: the engine's refusals, accounts that cannot buy, receipts (issue 14)

error-purchase-not-found = This purchase is no longer open on this terminal. Start it again from the customer's card or account.
error-not-approved = Only an approved application can be used for a purchase.
error-card-number-invalid = Check the card number: it has 16 digits.
error-purchase-step-missing = A step of the purchase is missing. Go back to the amount and the customer's choice.
error-bypass-not-allowed = This purchase needs the customer's verification.
error-pin-invalid = The code the customer reads out has 4 to 8 digits.
error-quote-changed = The payments changed since they were calculated. Show the customer the new options.
error-purchase-busy = This purchase is being charged or checked right now. Wait for the answer.
error-purchase-locked = This purchase was already sent to Flexiti. Check it again before anything else.
error-french-quote-missing = The French version of the options did not arrive. Calculate the payments again.
error-outcome-needs-administrator = Flexiti shows a different amount than this operation. The administrator must decide what to do with it.
error-operation-not-possible = This operation does not fit this purchase. Check the purchase and the amount.

purchase-blocked-terms = This account cannot be used until the customer accepts Flexiti's terms. The customer can call Flexiti.
purchase-blocked-a = This account is not available for purchases. The customer can call Flexiti.
purchase-blocked-f = This account is not available for purchases. The customer can call Flexiti.
purchase-blocked-z = This account is not available for purchases. The customer can call Flexiti.
purchase-blocked-c = This account is closed. The customer can call Flexiti.
purchase-blocked-other = This account cannot be used for purchases right now. The customer can call Flexiti.

receipt-title-sale = Purchase
receipt-title-hold = Purchase on hold
receipt-title-capture = Capture
receipt-title-release = Release
receipt-title-return = Return
receipt-title-refund = Refund
receipt-date = Date
receipt-store = Store
receipt-terminal = Terminal
receipt-rep = Sales rep
receipt-reference = Reference
receipt-authorization = Authorization
receipt-capture = Capture no.
receipt-return = Return no.
receipt-card = Card
receipt-customer = Customer
receipt-type = Type
receipt-type-regular = Regular purchase
receipt-type-plan = Payment plan
receipt-plan = Plan
receipt-term = Term (months)
receipt-payment = Monthly payment
receipt-payment-deferred = Due by the end of the term
receipt-amount = Amount
receipt-remaining = Remaining

## Purchase screens (issue 14)
# The approval's way into a purchase, home's, the returning customer's search, the purchase's
# steps, the receipt's tools and today's purchases. Amounts and rates arrive formatted.

decision-start-purchase = Start a purchase
home-sales-title = Sales on Flexiti credit
home-sales-hint = A customer with a Flexiti account buys today, or a receipt needs printing again.
home-returning-customer = Returning customer
home-todays-purchases = Today's purchases

purchase-back-home = Back to home
purchase-title = Purchase on Flexiti credit
purchase-card = Card •••• { $last4 }
purchase-available = Available credit: { $amount }
purchase-customer-lang = Customer's language: { $language }
purchase-step-amount = Amount of the sale
purchase-amount = Amount, tax included
    .hint = For example 1000 or 1,049.99
purchase-calculate = Calculate payments
purchase-calculating = Calculating…
purchase-step-options = The customer's choice for { $amount }
purchase-over-credit-hint = Some options cost more than the available credit ({ $amount }), interest and fees included. To offer them, calculate the payments for a lower amount.
purchase-regular = Regular purchase
purchase-plan-fallback = Plan { $id }
purchase-term-months = { $term } months
purchase-regular-amount = { $amount } on the account
purchase-per-month = { $amount } per month
purchase-within = { $amount } to pay within { $term } months
purchase-unlisted = { $term } months · { $amount }
purchase-rate-regular = Annual interest rate
purchase-fee = Fee
purchase-no-fees = No fees
purchase-over-credit = Over the available credit
purchase-choose = The customer chooses this option
purchase-chosen = Chosen: { $option }
purchase-option-name = { $plan }, { $term } months
purchase-step-verify = Verify the customer
purchase-verify-hint = Choose how the customer proves the account is theirs.
purchase-verify-sms = Send a code by text message
purchase-verify-email = Send a code by email
purchase-verify-question = Ask the security question
purchase-verify-bypass = No verification needed
purchase-verify-sending = Asking Flexiti…
purchase-sent-sms = Flexiti sent a code to the customer's mobile phone. Ask the customer to read it out.
purchase-sent-email = Flexiti sent a code to the customer's email address. Ask the customer to read it out.
purchase-question = Security question
purchase-question-missing = Flexiti did not send the question. Choose another way to verify.
purchase-answer = The customer's answer
purchase-check-answer = Check the answer
purchase-checking-answer = Checking…
purchase-verified = The customer is verified.
purchase-verified-bypass = This purchase needs no verification.
purchase-step-charge = Charge the account
purchase-summary-amount = Amount
purchase-summary-option = Option
purchase-sandbox = SANDBOX
purchase-sandbox-pins = Code sent to the customer (shown in Sandbox only): { $pins }
purchase-pin = Code the customer reads out
    .hint = 4 to 8 digits
purchase-hold = Hold, capture later
    .hint = Flexiti holds the amount on the account; it is captured later, when the sale is completed.
purchase-charge = Charge { $amount }
purchase-charge-hold = Hold { $amount }
purchase-charging = Sending to Flexiti…
purchase-refused = Nothing was charged.
purchase-refused-next = Choose another option, or calculate the payments for another amount.
purchase-done-title = Purchase complete
purchase-hold-title = Purchase on hold
purchase-authorization = Flexiti authorization { $id }
purchase-flag-duplicate = Flexiti shows more than one charge for this purchase. Nothing was reversed: call Flexiti before the customer leaves.
purchase-flag-mismatch = Flexiti's charge differs from what was sent (amount, plan or term). Tell the store's administrator.
purchase-unknown-title = No answer from Flexiti
purchase-unknown-body = Flexiti may have charged the customer. Do not charge again.
purchase-unknown-next = Check again: the app asks Flexiti what became of this very charge, and never charges twice.
purchase-unknown-wait = You can check again in { $seconds } s.
purchase-unknown-ready = You can check again now.
purchase-check-again = Check again
purchase-checking = Checking…
purchase-still-unknown = Still no answer at { $time }. Check again in a minute.

purchase-receipt-heading = Receipt
purchase-receipt-both = Both languages
purchase-receipt-print = Print
purchase-receipt-quebec = In Quebec, the receipt is always in French, then in English.
purchase-receipt-loading = Loading the receipt…

customers-title = Returning customer
customers-by-card = By card number
customers-card-number = Flexiti card number
    .hint = 16 digits; spaces are fine.
customers-find-card = Find the account
customers-finding = Finding the account…
customers-by-name = By name and birth date
customers-first-name = First name
customers-last-name = Last name
customers-dob = Birth date
    .hint = YYYY-MM-DD, for example 1985-03-14
customers-dob-problem = Write the birth date as YYYY-MM-DD, for example 1985-03-14.
customers-postal-code = Postal code
customers-search = Search
customers-searching = Searching…
customers-matches =
    { $count ->
        [0] No account found
        [one] One account found
       *[other] { $count } accounts found
    }
customers-none = No account matches. Check the spelling and the birth date, or use the card number.
customers-type-consumer = Personal account
customers-type-business = Business account
customers-pick = Start a purchase
    .label = Start a purchase for { $name }, card ending in { $last4 }

todays-title = Today's purchases
todays-loading = Loading today's purchases…
todays-empty = No purchases yet today on this terminal.
todays-time = Time
todays-rep = Sales rep
todays-customer = Customer
todays-card = Card
todays-amount = Amount
todays-option = Option
todays-state = State
todays-actions = Actions
todays-plan = Plan { $plan }, { $term } months
todays-state-done = Charged
todays-state-held = On hold
todays-state-refused = Not charged
todays-state-unknown = Needs checking
todays-flag-duplicate = Possible double charge: call Flexiti.
todays-flag-mismatch = Differs from what was sent: tell the administrator.
todays-receipt = Receipt
    .label = Receipt of { $time }, { $customer }

## After the sale and the day's report (issue 14)
# One purchase's operations and what may follow (capture, release, return, refund), the
# administrator's approval of one of them, "check again" and freeing an unknown outcome;
# the day's report. Amounts and dates arrive formatted; `reference` is the last 8 of it.

after-sale-title = Manage a purchase
after-sale-customer = { $customer }, card ending in { $last4 } · reference { $reference }
after-sale-back = Back
after-sale-loading = Loading the purchase…
after-sale-operations = Operations
after-sale-col-kind = Operation
after-sale-col-time = Time
after-sale-col-amount = Amount
after-sale-col-state = State
after-sale-col-ids = Flexiti's numbers
after-sale-col-approved = Approved by
after-sale-col-actions = Actions
after-sale-kind-sale = Sale
after-sale-kind-hold = Hold
after-sale-kind-capture = Capture
after-sale-kind-release = Release
after-sale-kind-return = Return
after-sale-kind-refund = Refund
after-sale-state-done = Done
after-sale-state-refused = Refused
after-sale-state-unknown = To check
after-sale-state-freed = Freed
after-sale-flag-duplicate = Possible double charge: call Flexiti.
after-sale-flag-mismatch = Differs from what was sent: tell the administrator.
after-sale-id-authorization = Authorization { $id }
after-sale-id-capture = Capture { $id }
after-sale-id-return = Return { $id }
after-sale-by-administrator = Administrator
after-sale-by-sandbox = Sandbox (no passphrase)
after-sale-receipt = Receipt
    .label = Receipt: { $kind }, { $time }
after-sale-check-again = Check again
after-sale-free = Free for a new submission
after-sale-next = After the sale
after-sale-hold-age = { $days ->
        [0] Held since today.
        [one] Held for 1 day.
       *[other] Held for { $days } days.
    }
after-sale-hold-old = This hold has waited { $days } days. Capture or release it soon: until then, the customer's credit stays blocked, and a hold left open ends by itself.
after-sale-left-to-capture = Left to capture: { $amount }
after-sale-left-charged = Charged and not yet given back: { $amount }
after-sale-return-window = A return is possible until { $date }: { $days ->
        [0] today is the last of the 100 days
        [one] 1 day left of the 100
       *[other] { $days } days left of the 100
    }.
after-sale-return-over = The 100-day return period ended on { $date }. The customer can call Flexiti.
after-sale-refund-note = A regular purchase is refunded, with no time limit.
after-sale-nothing-left = Nothing remains on this purchase: nothing more to do.
after-sale-not-charged = This purchase was not charged: there is nothing to do after the sale.
after-sale-in-flight = An operation of this purchase is waiting for its answer. Check it again first.
after-sale-capture = Capture
after-sale-release = Release
after-sale-return = Return
after-sale-refund = Refund
after-sale-form-capture = Capture the hold
after-sale-form-release = Release the hold
after-sale-form-return = Return on a payment plan
after-sale-form-refund = Refund a regular purchase
after-sale-form-free = Free for a new submission
after-sale-free-intro = Flexiti's answer to this operation never came back. Freed, it counts as not done, and the purchase can be submitted again. If Flexiti did record it, the day's report will show it.
after-sale-amount = Amount
after-sale-amount-hint = Leave it empty for all that remains ({ $amount }).
after-sale-amount-invalid = Enter an amount of money, for example 40.00.
after-sale-amount-too-high = That is more than what remains ({ $amount }).
after-sale-reason = Reason
after-sale-reason-missing = Enter the reason.
after-sale-admin-note = The administrator's passphrase will be asked for.
after-sale-continue = Continue
after-sale-cancel = Cancel
after-sale-confirm-capture = Charge { $amount } of this hold to { $customer }'s account?
after-sale-confirm-release = Release { $amount } of this hold? { $customer } gets that credit back.
after-sale-confirm-return = Give { $amount } back to { $customer }'s account for a return?
after-sale-confirm-refund = Refund { $amount } to { $customer }'s account?
after-sale-confirm-free = Free this operation of { $amount } for a new submission?
after-sale-confirm-yes = Confirm
after-sale-confirm-no = Go back
after-sale-approval-title = Administrator's approval
after-sale-approval-intro = The administrator approves this operation by entering the passphrase.
after-sale-approve = Approve
after-sale-busy = Sending…
after-sale-done-capture = Capture done: { $amount }.
after-sale-done-release = Release done: { $amount }.
after-sale-done-return = Return done: { $amount }.
after-sale-done-refund = Refund done: { $amount }.
after-sale-done-sale = Checked: Flexiti recorded the sale of { $amount }.
after-sale-done-hold = Checked: Flexiti recorded the hold of { $amount }.
after-sale-unknown = The operation was sent, but no answer came back. Check again before doing anything else.
after-sale-checked-refused = Checked: Flexiti did not record it. Nothing was charged or given back.
after-sale-checked-unknown = Still no answer from Flexiti. Check again in a moment.
after-sale-freed = The operation is freed: it counts as not done.
after-sale-option-regular = Regular purchase
after-sale-option-plan = Plan { $plan } · { $term } months
after-sale-manage = Manage
    .label = Manage the purchase of { $time }, { $customer }

home-report-title = Day's report
home-report-hint = Totals per rep and plan, checked against Flexiti's list, to export as CSV.
home-report-open = Show the report

report-title = Day's report
report-date = Day
report-date-placeholder = YYYY-MM-DD
report-date-hint = As YYYY-MM-DD.
report-date-invalid = Enter a real date as YYYY-MM-DD.
report-show = Show
report-loading = Preparing the report…
report-of = Report of { $date }
report-export = Export CSV
report-exported = { $name } is in the downloads.
report-col-rep = Rep
report-col-kind = Operation
report-col-option = Option
report-col-count = Number
report-col-total = Total
report-net = Net of the day
report-net-hint = Sales and captures, less returns and refunds; holds and releases move no money.
report-empty = Nothing was done on this terminal that day.
report-not-reconciled = Flexiti's list did not answer: these totals are this terminal's own, not checked against Flexiti. Show the report again later.
report-mismatches = Differences with Flexiti
report-matches = Flexiti's list matches this terminal's journal.
report-mismatch-missing-at-flexiti = Purchase { $reference } ({ $journal }) is done here but missing from Flexiti's list. Call Flexiti before doing it again.
report-mismatch-unknown-here = Flexiti recorded purchase { $reference } ({ $flexiti }), which this terminal has not confirmed. Check it again from today's purchases.
report-mismatch-amount = Purchase { $reference }: { $journal } here, { $flexiti } at Flexiti. Tell the administrator.
report-mismatch-duplicate = Purchase { $reference } has a second authorization at Flexiti (number { $id }, { $flexiti }): possible double charge, call Flexiti.
report-mismatch-not-ours = Flexiti lists authorization { $id } ({ $flexiti }) for this store, but this terminal has no record of it.
report-mismatch-other = Purchase { $reference } differs between this terminal and Flexiti. Tell the administrator.
after-sale-manage-hint = To capture, release, return or refund, choose the customer's name.
