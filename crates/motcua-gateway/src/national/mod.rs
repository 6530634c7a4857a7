//! The national payment platform of the National Public Service Portal
//! (Nền tảng thanh toán của Cổng Dịch vụ công quốc gia), and the provincial
//! payment systems built like it: a signed redirect to the platform's
//! payment page, and a signed notification of the result.
//!
//! No public specification fixes how these messages are signed or what
//! their parameters are called: the platform's integration documents are
//! handed to connected agencies, and the provincial systems that were
//! connected disagree on the fields signed, their order, the separator,
//! the algorithm and where the secret goes. So all of it is configuration
//! here: the parameter names ([`ParamNames`], whose defaults are motcua's
//! own, not the platform's), one [`DigestRecipe`] for the redirect and one
//! for the notification, the codes that mean "paid" ([`PaidCondition`]),
//! and the unit amounts travel in. What is not configuration is the rule
//! the VNPay adapter follows too: nothing is believed before its digest is
//! checked, a notification whose digest leaves out the order, the amount or
//! a code the paid rule reads is refused as configuration, and an order is
//! paid only when every configured success code matches.

mod recipe;

use std::collections::BTreeMap;

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, Utc};
use motcua_domain::clock::to_vietnam_time;
use motcua_domain::payments::GatewayReport;
use serde::Deserialize;

pub use recipe::{Algorithm, DigestRecipe, FieldFormat, HexCase, RecipeError, RecipeParts, SecretPlacement};

/// What each parameter is called on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ParamNames {
    pub merchant_code: String,
    pub order_id: String,
    pub amount: String,
    pub order_info: String,
    pub return_url: String,
    pub client_ip: String,
    pub created_at: String,
    pub expires_at: String,
    pub transaction_no: String,
    pub bank_code: String,
    /// The code kept as the report's `response_code`.
    pub result_code: String,
    pub signature: String,
}

impl Default for ParamNames {
    fn default() -> ParamNames {
        let name = |text: &str| text.to_owned();
        ParamNames {
            merchant_code: name("merchant_code"),
            order_id: name("order_id"),
            amount: name("amount"),
            order_info: name("order_info"),
            return_url: name("return_url"),
            client_ip: name("client_ip"),
            created_at: name("created_at"),
            expires_at: name("expires_at"),
            transaction_no: name("transaction_no"),
            bank_code: name("bank_code"),
            result_code: name("result_code"),
            signature: name("signature"),
        }
    }
}

/// One condition of the paid rule: the parameter holds one of these values.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaidCondition {
    pub param: String,
    pub values: Vec<String>,
}

/// The adapter's configuration, as read from TOML or JSON.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalConfig {
    pub merchant_code: String,
    pub secret: String,
    /// The platform's payment page.
    pub pay_url: String,
    /// Where the platform sends the payer back; left empty, the server
    /// fills in its own return address.
    #[serde(default)]
    pub return_url: String,
    #[serde(default)]
    pub names: ParamNames,
    pub redirect_digest: DigestRecipe,
    pub notification_digest: DigestRecipe,
    /// Paid only when all hold; by default the result code is `00`.
    #[serde(default)]
    pub paid_when: Vec<PaidCondition>,
    /// How many units of the wire amount make a đồng: 1 unless configured
    /// (VNPay's own protocol uses 100).
    #[serde(default = "one")]
    pub amount_multiplier: i64,
    /// A `strftime` pattern for the instants, in Vietnam time.
    #[serde(default = "compact_time")]
    pub time_format: String,
    /// Parameters sent as they are in every redirect (a version, a command, a currency).
    #[serde(default)]
    pub fixed: BTreeMap<String, String>,
}

fn one() -> i64 {
    1
}

fn compact_time() -> String {
    "%Y%m%d%H%M%S".to_owned()
}

impl std::fmt::Debug for NationalConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NationalConfig")
            .field("merchant_code", &self.merchant_code)
            .field("secret", &"***")
            .field("pay_url", &self.pay_url)
            .field("names", &self.names)
            .field("redirect_digest", &self.redirect_digest)
            .field("notification_digest", &self.notification_digest)
            .field("paid_when", &self.paid_when)
            .field("amount_multiplier", &self.amount_multiplier)
            .finish_non_exhaustive()
    }
}

/// Why a configuration is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("the amount multiplier must be at least 1")]
    Multiplier,
    #[error("{0:?} is not a usable time format")]
    TimeFormat(String),
    #[error("a paid condition on {0:?} lists no value")]
    EmptyCondition(String),
    #[error("the {digest} digest does not cover {field:?}, so it could be changed unnoticed")]
    Uncovered { digest: &'static str, field: String },
    #[error("{0} must not be empty")]
    Empty(&'static str),
}

/// Why a payment cannot be asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidPayment {
    #[error("{0} đồng is not an amount to ask for")]
    Amount(i64),
    #[error("{0} must not be empty")]
    Empty(&'static str),
}

/// Why a notification is not believed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// The digest is missing, given twice, or does not match.
    #[error("the signature does not match the parameters")]
    BadSignature,
    #[error("parameter {0} is missing or malformed")]
    Malformed(String),
}

/// One payment to ask the platform for.
#[derive(Debug, Clone)]
pub struct Payment<'a> {
    pub order_id: &'a str,
    pub amount_dong: i64,
    pub order_info: &'a str,
    pub client_ip: &'a str,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// The adapter, its configuration checked.
#[derive(Debug, Clone)]
pub struct National {
    config: NationalConfig,
}

impl National {
    pub fn new(mut config: NationalConfig) -> Result<National, ConfigError> {
        if config.amount_multiplier < 1 {
            return Err(ConfigError::Multiplier);
        }
        if StrftimeItems::new(&config.time_format).any(|item| matches!(item, Item::Error)) {
            return Err(ConfigError::TimeFormat(config.time_format));
        }
        for (name, value) in [("merchant_code", &config.merchant_code), ("secret", &config.secret)] {
            if value.is_empty() {
                return Err(ConfigError::Empty(name));
            }
        }
        if config.paid_when.is_empty() {
            config.paid_when =
                vec![PaidCondition { param: config.names.result_code.clone(), values: vec!["00".to_owned()] }];
        }
        if let Some(empty) = config.paid_when.iter().find(|c| c.values.is_empty()) {
            return Err(ConfigError::EmptyCondition(empty.param.clone()));
        }
        let names = &config.names;
        let must_cover = [
            ("redirect", &config.redirect_digest, &names.order_id),
            ("redirect", &config.redirect_digest, &names.amount),
        ]
        .into_iter()
        .chain([&names.order_id, &names.amount].into_iter().map(|f| ("notification", &config.notification_digest, f)))
        .chain(config.paid_when.iter().map(|c| ("notification", &config.notification_digest, &c.param)));
        for (digest, recipe, field) in must_cover {
            if !recipe.covers(field) {
                return Err(ConfigError::Uncovered { digest, field: field.clone() });
            }
        }
        Ok(National { config })
    }

    pub fn config(&self) -> &NationalConfig {
        &self.config
    }

    fn time(&self, at: DateTime<Utc>) -> String {
        to_vietnam_time(at).format(&self.config.time_format).to_string()
    }

    /// The parameters of a redirect, signed.
    pub fn payment_params(&self, payment: &Payment<'_>) -> Result<BTreeMap<String, String>, InvalidPayment> {
        let c = &self.config;
        let amount = payment
            .amount_dong
            .checked_mul(c.amount_multiplier)
            .filter(|_| payment.amount_dong > 0)
            .ok_or(InvalidPayment::Amount(payment.amount_dong))?;
        for (name, value) in [("order_id", payment.order_id), ("order_info", payment.order_info)] {
            if value.trim().is_empty() {
                return Err(InvalidPayment::Empty(name));
            }
        }
        let mut params = c.fixed.clone();
        let n = &c.names;
        for (name, value) in [
            (&n.merchant_code, c.merchant_code.clone()),
            (&n.order_id, payment.order_id.to_owned()),
            (&n.amount, amount.to_string()),
            (&n.order_info, payment.order_info.to_owned()),
            (&n.return_url, c.return_url.clone()),
            (&n.client_ip, payment.client_ip.to_owned()),
            (&n.created_at, self.time(payment.created_at)),
            (&n.expires_at, self.time(payment.expires_at)),
        ] {
            params.insert(name.clone(), value);
        }
        let signature = c.redirect_digest.digest(&c.secret, &params);
        params.insert(n.signature.clone(), signature);
        Ok(params)
    }

    /// The signed address that sends the payer to pay.
    pub fn payment_url(&self, payment: &Payment<'_>) -> Result<String, InvalidPayment> {
        let params = self.payment_params(payment)?;
        let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(&params).finish();
        let separator = if self.config.pay_url.contains('?') { '&' } else { '?' };
        Ok(format!("{}{separator}{query}", self.config.pay_url))
    }

    /// The report of a notification or return given as a query string (or a form body).
    pub fn read_query(&self, query: &str) -> Result<GatewayReport, Refused> {
        let mut params = BTreeMap::new();
        for (name, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            // A signed parameter given twice cannot be what was signed; an unsigned one is ignored anyway.
            if params.contains_key(name.as_ref()) && self.signs_or_is_signature(&name) {
                return Err(Refused::BadSignature);
            }
            params.insert(name.into_owned(), value.into_owned());
        }
        self.read(&params)
    }

    /// The report of a notification given as a flat JSON object; numbers
    /// count as written.
    pub fn read_json(&self, body: &str) -> Result<GatewayReport, Refused> {
        let Ok(serde_json::Value::Object(object)) = serde_json::from_str(body) else {
            return Err(Refused::Malformed("the body (a JSON object)".to_owned()));
        };
        let params = object
            .into_iter()
            .filter_map(|(name, value)| match value {
                serde_json::Value::String(text) => Some((name, text)),
                serde_json::Value::Number(number) => Some((name, number.to_string())),
                serde_json::Value::Bool(flag) => Some((name, flag.to_string())),
                _ => None,
            })
            .collect();
        self.read(&params)
    }

    fn signs_or_is_signature(&self, name: &str) -> bool {
        name == self.config.names.signature || self.config.notification_digest.covers(name)
    }

    /// The report of a notification's parameters, once their digest is checked.
    pub fn read(&self, params: &BTreeMap<String, String>) -> Result<GatewayReport, Refused> {
        let c = &self.config;
        let n = &c.names;
        let given = params.get(&n.signature).ok_or(Refused::BadSignature)?;
        if !c.notification_digest.verifies(&c.secret, params, given) {
            return Err(Refused::BadSignature);
        }
        if params.get(&n.merchant_code).is_some_and(|code| *code != c.merchant_code) {
            return Err(Refused::Malformed(n.merchant_code.clone()));
        }
        let get =
            |name: &String| params.get(name).filter(|v| !v.is_empty()).ok_or_else(|| Refused::Malformed(name.clone()));
        let order_id = get(&n.order_id)?;
        let units: i64 = get(&n.amount)?
            .parse()
            .ok()
            .filter(|units| *units >= 0 && units % c.amount_multiplier == 0)
            .ok_or_else(|| Refused::Malformed(n.amount.clone()))?;
        let paid = c.paid_when.iter().all(|condition| {
            params.get(&condition.param).is_some_and(|value| condition.values.iter().any(|v| v == value))
        });
        let field = |name: &String| params.get(name).cloned().unwrap_or_default();
        Ok(GatewayReport {
            order_id: order_id.clone(),
            amount_dong: units / c.amount_multiplier,
            paid,
            transaction_no: field(&n.transaction_no),
            bank_code: field(&n.bank_code),
            response_code: field(&n.result_code),
        })
    }
}

#[cfg(test)]
mod tests;
