//! What the form needs from Flexiti (option lists, labels, terms, a scanned licence), kept
//! apart because these are read-only lender calls with their own cache fallback.

use pos_core::application::FormOptions;
use pos_core::Personal;

use super::{Access, Engine};
use crate::application;
use crate::dto::{FormData, Lang, LicencePrefill, TermsView};
use crate::error::AppResult;
use crate::form;

impl Engine {
    /// Option lists and texts in `lang`: from memory, else Flexiti (cached in SQLite),
    /// else the SQLite cache when Flexiti cannot be reached.
    pub async fn form_data(&self, lang: Lang) -> AppResult<FormData> {
        let (login_lists, environment_key) = {
            let mut state = self.state.lock().await;
            state.gate.admit(Access::Unlocked)?;
            if let Some(form) = state.forms.get(&lang) {
                return Ok(form.clone());
            }
            let lists = state
                .gate
                .session()
                .and_then(|s| (s.login_lists.0 == lang).then(|| s.login_lists.1.clone()));
            (lists, state.settings.environment_key())
        };
        let client = self.client().await?;
        // Cached per environment: texts one server sent are never shown for another.
        let kind = format!("form|{environment_key}");
        let code = lang.code();
        let form = match client.i18n(lang).await {
            Ok(i18n) => {
                let form = form::form_data(lang, login_lists.as_ref(), &i18n);
                if let Ok(json) = serde_json::to_string(&form) {
                    self.store.put_cache(&kind, code, &json).await?;
                }
                form
            }
            Err(error) => {
                let cached = self.store.cache(&kind, code).await?;
                match cached.and_then(|c| serde_json::from_str::<FormData>(&c.body_json).ok()) {
                    Some(form) => form,
                    None => return Err(error.into()),
                }
            }
        };
        self.state.lock().await.forms.insert(lang, form.clone());
        Ok(form)
    }

    /// The option codes the validator accepts, from a form already loaded (empty before).
    pub(super) async fn options(&self) -> FormOptions {
        let state = self.state.lock().await;
        state
            .forms
            .values()
            .next()
            .map(application::options_of)
            .unwrap_or_default()
    }

    pub async fn terms(&self, province: impl AsRef<str>, lang: Lang) -> AppResult<TermsView> {
        self.admit(Access::Unlocked).await?;
        let client = self.client().await?;
        let terms = client.terms(lang, province.as_ref()).await?;
        Ok(TermsView {
            version: terms.version,
            province_group: terms.province_group.unwrap_or_default(),
            lang,
            text: terms.text,
        })
    }

    pub async fn decode_licence(&self, code: impl AsRef<str>) -> AppResult<LicencePrefill> {
        self.admit(Access::Unlocked).await?;
        let client = self.client().await?;
        let licence = client.decode_licence(code.as_ref()).await?;
        let pairs = [
            ("first_name", licence.first_name),
            ("middle_name", licence.middle_name),
            ("last_name", licence.last_name),
            ("dob", licence.dob),
            ("address_1", licence.address_1),
            ("city", licence.city),
            ("province", licence.province),
            ("postal_code", licence.postal_code),
            ("govid_type", licence.govid_type),
            ("govid_issuedby", licence.govid_issuedby),
            ("govid_number", licence.govid_number),
            ("govid_expiry", licence.govid_expiry),
        ];
        let fields = pairs
            .into_iter()
            .filter_map(|(k, v)| {
                v.filter(|v| !v.trim().is_empty())
                    .map(|v| (k.to_owned(), Personal::new(v)))
            })
            .collect();
        Ok(LicencePrefill { fields })
    }
}
