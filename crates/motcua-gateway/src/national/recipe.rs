//! How a national platform's message is signed, as configuration: which
//! fields, in what order and shape, joined by what, with the secret as an
//! HMAC key or written into the text, under which algorithm, in which hex
//! case. A recipe that cannot be right (a plain hash with no secret in its
//! text, an HMAC with the secret also in the text, no field) is refused when
//! it is read, so a running adapter only holds recipes that make sense.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::digest;

/// The digest function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    HmacSha256,
    HmacSha512,
    Sha256,
}

/// Where the secret goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretPlacement {
    /// The HMAC's key; the text holds the fields only.
    HmacKey,
    /// After the fields, in the text that is hashed.
    Append,
    /// Before the fields, in the text that is hashed.
    Prepend,
}

/// How the hex digest is written; a received one is read in either case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HexCase {
    #[default]
    Lower,
    Upper,
}

/// How each field appears in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldFormat {
    /// Its value alone.
    #[default]
    Value,
    /// `name=value`, raw (not form-encoded).
    NameValue,
}

/// A recipe as written in configuration, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipeParts {
    /// The parameter names whose values are signed, in order. A field the
    /// message lacks counts as empty, keeping its place.
    pub fields: Vec<String>,
    /// Between fields; `|` unless configured.
    #[serde(default = "pipe")]
    pub separator: String,
    #[serde(default)]
    pub format: FieldFormat,
    pub secret: SecretPlacement,
    /// With the secret in the text, whether the separator also stands
    /// between it and the fields, as if it were one more field.
    #[serde(default)]
    pub secret_separated: bool,
    pub algorithm: Algorithm,
    #[serde(default)]
    pub hex: HexCase,
}

fn pipe() -> String {
    "|".to_owned()
}

/// Why a recipe is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecipeError {
    #[error("a digest recipe needs at least one field")]
    NoFields,
    #[error("field {0:?} is listed twice")]
    DuplicateField(String),
    #[error("an HMAC takes the secret as its key, not in its text")]
    HmacWithSecretInText,
    #[error("a plain SHA-256 has no key: the secret must be appended or prepended")]
    HashWithoutSecret,
}

/// A checked digest recipe.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RecipeParts")]
pub struct DigestRecipe {
    parts: RecipeParts,
}

impl TryFrom<RecipeParts> for DigestRecipe {
    type Error = RecipeError;

    fn try_from(parts: RecipeParts) -> Result<DigestRecipe, RecipeError> {
        DigestRecipe::new(parts)
    }
}

impl DigestRecipe {
    pub fn new(parts: RecipeParts) -> Result<DigestRecipe, RecipeError> {
        if parts.fields.is_empty() {
            return Err(RecipeError::NoFields);
        }
        for (i, field) in parts.fields.iter().enumerate() {
            if parts.fields[..i].contains(field) {
                return Err(RecipeError::DuplicateField(field.clone()));
            }
        }
        match (parts.algorithm, parts.secret) {
            (Algorithm::HmacSha256 | Algorithm::HmacSha512, SecretPlacement::Append | SecretPlacement::Prepend) => {
                Err(RecipeError::HmacWithSecretInText)
            }
            (Algorithm::Sha256, SecretPlacement::HmacKey) => Err(RecipeError::HashWithoutSecret),
            _ => Ok(DigestRecipe { parts }),
        }
    }

    pub fn parts(&self) -> &RecipeParts {
        &self.parts
    }

    /// Whether the recipe signs `field`.
    pub fn covers(&self, field: &str) -> bool {
        self.parts.fields.iter().any(|f| f == field)
    }

    /// The text that is hashed (with the secret in it when the recipe puts it there).
    pub fn text(&self, secret: &str, params: &BTreeMap<String, String>) -> String {
        let p = &self.parts;
        let fields = p
            .fields
            .iter()
            .map(|name| {
                let value = params.get(name).map_or("", String::as_str);
                match p.format {
                    FieldFormat::Value => value.to_owned(),
                    FieldFormat::NameValue => format!("{name}={value}"),
                }
            })
            .collect::<Vec<_>>()
            .join(&p.separator);
        let between = if p.secret_separated { p.separator.as_str() } else { "" };
        match p.secret {
            SecretPlacement::HmacKey => fields,
            SecretPlacement::Append => format!("{fields}{between}{secret}"),
            SecretPlacement::Prepend => format!("{secret}{between}{fields}"),
        }
    }

    fn raw_digest(&self, secret: &str, params: &BTreeMap<String, String>) -> Vec<u8> {
        let text = self.text(secret, params);
        match self.parts.algorithm {
            Algorithm::HmacSha256 => digest::hmac_sha256(secret.as_bytes(), text.as_bytes()),
            Algorithm::HmacSha512 => digest::hmac_sha512(secret.as_bytes(), text.as_bytes()),
            Algorithm::Sha256 => digest::sha256(text.as_bytes()),
        }
    }

    /// The hex digest of `params`, in the recipe's case.
    pub fn digest(&self, secret: &str, params: &BTreeMap<String, String>) -> String {
        let hex = hex::encode(self.raw_digest(secret, params));
        match self.parts.hex {
            HexCase::Lower => hex,
            HexCase::Upper => hex.to_uppercase(),
        }
    }

    /// Whether `given` is the digest of `params` (either case, constant time).
    pub fn verifies(&self, secret: &str, params: &BTreeMap<String, String>, given: &str) -> bool {
        digest::hex_matches(given, &self.raw_digest(secret, params))
    }
}
