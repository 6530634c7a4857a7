//! Citizens' registration, and sign-in for citizens and officers: a session
//! token for the API (`Authorization: Bearer …`) and for pages (a cookie).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use chrono::{Duration, Utc};
use motcua_domain::access::Principal;
use motcua_domain::identity::PersonalId;
use motcua_domain::organisation::{Role, Scope};
use motcua_domain::{DomainError, Reason};
pub use motcua_store::{AccountEvent, CitizenRecord, Verification};
use motcua_store::{NotificationRecord, PasswordResetRecord, SessionRecord};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{App, AppError, AppResult};

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::Internal(format!("cannot hash a password: {e}")))
}

/// How long a session lasts without signing in again.
const SESSION_HOURS: i64 = 12;

/// At most this many accounts claiming one number are tried at sign-in.
const MAX_CLAIMS_CHECKED: i64 = 20;

/// How long a password-reset link works.
const RESET_MINUTES: i64 = 30;

/// Failed sign-ins to one account from one network address that pass
/// without delay; after them, each attempt from that address waits after
/// the last failure, twice as long each time. Nobody else is slowed: a
/// stranger's guesses never keep the owner out.
const FREE_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed sign-ins from one address, to any accounts, that pass without
/// delay: room for a shared office connection, not for trying many accounts.
const FREE_FAILURES_PER_ADDRESS: i64 = 20;
/// How far back failures count toward a delay; also the longest delay.
const FAILURE_WINDOW_MINUTES: i64 = 15;
/// How long a failure is kept at most, for the account owner's notice.
const FAILURE_RETENTION_DAYS: i64 = 30;

/// The first delay, in seconds: long enough that guessing at full speed is
/// over, short enough that a person who mistyped hardly notices.
const FIRST_DELAY_SECONDS: i64 = 4;

/// How long after the last failure the next attempt must wait, in seconds,
/// after `failures` of which `free` pass without delay: 4, 8, 16, 32… up to
/// the window.
pub fn sign_in_delay_seconds(failures: i64, free: i64) -> i64 {
    if failures < free {
        return 0;
    }
    let doublings = (failures - free).min(20);
    (FIRST_DELAY_SECONDS << doublings).min(FAILURE_WINDOW_MINUTES * 60)
}

/// A network address with its last part hidden, enough for an owner to
/// recognise their own network without showing anyone's whole address.
pub fn masked_address(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v4)) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.*")
        }
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}:*", s[0], s[1], s[2], s[3])
        }
        Err(_) => "*".to_owned(),
    }
}

/// What an account's owner is shown after signing in, when sign-ins to the
/// account failed since the previous one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedSignIns {
    pub count: i64,
    /// The last failure's address, masked by [`masked_address`].
    pub last_address: String,
    pub last_at: Option<chrono::DateTime<Utc>>,
}

/// What a citizen gives to register.
#[derive(Debug, Clone)]
pub struct Registration {
    pub id_number: String,
    pub full_name: String,
    pub phone: String,
    pub email: String,
    pub password: String,
}

/// A new session: the token is shown once and only its hash is kept.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub principal: Principal,
    pub expires_at: chrono::DateTime<Utc>,
}

/// A random identifier of 128 bits, as hex: unguessable, reveals no volume.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Checks a password against a stored hash; never errors, only answers.
fn password_matches(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .is_ok_and(|hash| argon2::Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
}

/// A phone number of Vietnam: 10 digits starting with 0, or +84 and 9 digits.
pub fn normalise_phone(text: &str) -> Result<String, DomainError> {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
    let local = digits.strip_prefix("+84").map(|rest| format!("0{rest}")).unwrap_or(digits);
    if local.len() == 10 && local.starts_with('0') && local.bytes().all(|b| b.is_ascii_digit()) {
        Ok(local)
    } else {
        Err(DomainError::invalid("phone", Reason::ExpectedPhone))
    }
}

fn check_registration(registration: &Registration) -> Result<(PersonalId, String), DomainError> {
    let id = PersonalId::parse_on(&registration.id_number, crate::units::today_in_vietnam())?;
    if registration.full_name.trim().chars().count() < 2 {
        return Err(DomainError::invalid("full_name", Reason::Required));
    }
    let phone = normalise_phone(&registration.phone)?;
    let email = registration.email.trim();
    let looks_like_email = email.contains('@') && email.contains('.');
    if !email.is_empty() && !looks_like_email {
        return Err(DomainError::invalid("email", Reason::ExpectedEmail));
    }
    if registration.password.chars().count() < 8 {
        return Err(DomainError::invalid("password", Reason::PasswordTooShort));
    }
    Ok((id, phone))
}

impl App {
    /// Registers a citizen. The account only claims its identification
    /// number until the card is checked at a counter, so a claim does not
    /// stop the number's real holder from registering; a number already
    /// verified for an account cannot be claimed again.
    pub async fn register_citizen(&self, registration: &Registration) -> AppResult<CitizenRecord> {
        let (id, phone) = check_registration(registration)?;
        if self.store().verified_citizen(id.as_str()).await?.is_some() {
            return Err(AppError::AlreadyRegistered);
        }
        let citizen = CitizenRecord {
            id: random_id(),
            personal_id: id.as_str().to_owned(),
            full_name: registration.full_name.trim().to_owned(),
            phone,
            email: registration.email.trim().to_owned(),
            password_hash: hash_password(&registration.password)?,
            created_at: Utc::now(),
            verified: None,
        };
        self.store().create_citizen(&citizen).await?;
        Ok(citizen)
    }

    async fn open_session(&self, kind: &str, account_id: &str, principal: Principal) -> AppResult<NewSession> {
        let mut bytes = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        let token = hex(&bytes);
        let now = Utc::now();
        let expires_at = now + Duration::hours(SESSION_HOURS);
        self.store()
            .create_session(&SessionRecord {
                token_hash: token_hash(&token),
                account_kind: kind.to_owned(),
                account_id: account_id.to_owned(),
                created_at: now,
                expires_at,
            })
            .await?;
        Ok(NewSession { token, principal, expires_at })
    }

    /// Refuses, for a while, a sign-in from an address that failed too often
    /// lately, to this account or to any: how long grows with each failure.
    async fn check_not_throttled(&self, key: &str, address: &str) -> AppResult<()> {
        let now = Utc::now();
        let since = now - Duration::minutes(FAILURE_WINDOW_MINUTES);
        let seen = self.store().sign_in_failures(key, address, since).await?;
        let wait = |failures: i64, last: Option<chrono::DateTime<Utc>>, free: i64| {
            last.map(|last| last + Duration::seconds(sign_in_delay_seconds(failures, free)) - now)
        };
        let longest = [
            wait(seen.to_account, seen.to_account_last, FREE_FAILURES_PER_ACCOUNT),
            wait(seen.from_address, seen.from_address_last, FREE_FAILURES_PER_ADDRESS),
        ]
        .into_iter()
        .flatten()
        .max()
        .filter(|wait| *wait > Duration::zero());
        match longest {
            Some(wait) => {
                let seconds = (wait.num_milliseconds() + 999) / 1000;
                Err(AppError::TooManyAttempts { seconds: seconds.max(1) })
            }
            None => Ok(()),
        }
    }

    /// Counts a failed sign-in (known account or not, so that slowing down
    /// does not tell which exist) and answers "wrong credentials".
    async fn failed_sign_in(&self, key: &str, address: &str) -> AppResult<NewSession> {
        let now = Utc::now();
        self.store().record_sign_in_failure(key, address, now, now - Duration::days(FAILURE_RETENTION_DAYS)).await?;
        tracing::info!(account = %key.split(':').next().unwrap_or_default(), "a sign-in failed");
        Err(AppError::WrongCredentials)
    }

    /// Notes a successful sign-in: what failed before it is kept for the
    /// owner to see, and the owner's own failures from here are forgotten.
    async fn signed_in(&self, key: &str, account: &str, address: &str) -> AppResult<()> {
        self.store().record_sign_in(key, account, address, Utc::now()).await?;
        Ok(())
    }

    /// The sign-ins to the principal's account that failed between their
    /// previous sign-in and the latest, if any did.
    pub async fn failed_sign_ins(&self, principal: &Principal) -> AppResult<Option<FailedSignIns>> {
        let notice = self.store().sign_in_notice(&notice_account(principal)).await?;
        Ok(notice.filter(|n| n.failures > 0).map(|n| FailedSignIns {
            count: n.failures,
            last_address: masked_address(n.last_address.as_deref().unwrap_or_default()),
            last_at: n.last_failed_at,
        }))
    }

    /// Signs a citizen in by identification number and password.
    /// `address` is the client's network address, which failures slow down.
    pub async fn sign_in_citizen(&self, id_number: &str, password: &str, address: &str) -> AppResult<NewSession> {
        let id = PersonalId::parse(id_number)?;
        let key = format!("citizen:{}", id.as_str());
        self.check_not_throttled(&key, address).await?;
        // Several unverified accounts may claim a number: the password says
        // which one is signing in. Compare against something even when no
        // account claims it, so that timing does not tell which numbers are
        // registered.
        let claims = self.store().citizens_by_personal_id(id.as_str(), MAX_CLAIMS_CHECKED).await?;
        if claims.is_empty() {
            password_matches(password, UNKNOWN_ACCOUNT_HASH);
        }
        match claims.into_iter().find(|c| password_matches(password, &c.password_hash)) {
            Some(citizen) => {
                let principal = Principal::Citizen { id: citizen.id.clone() };
                self.signed_in(&key, &notice_account(&principal), address).await?;
                self.open_session("citizen", &citizen.id, principal).await
            }
            _ => self.failed_sign_in(&key, address).await,
        }
    }

    /// Signs an officer in by username and password.
    /// `address` is the client's network address, which failures slow down.
    pub async fn sign_in_officer(&self, username: &str, password: &str, address: &str) -> AppResult<NewSession> {
        let key = format!("officer:{}", username.trim());
        self.check_not_throttled(&key, address).await?;
        let officer = self.store().officer(username.trim()).await?;
        let stored = officer.as_ref().map(|o| o.password_hash.as_str()).unwrap_or(UNKNOWN_ACCOUNT_HASH);
        let matches = password_matches(password, stored);
        let Some(officer) = officer.filter(|_| matches) else {
            return self.failed_sign_in(&key, address).await;
        };
        let principal = Principal::Officer {
            username: officer.username.clone(),
            role: Role::parse(&officer.role)?,
            scope: Scope::parse(&officer.scope_kind, &officer.scope_code)?,
        };
        self.signed_in(&key, &notice_account(&principal), address).await?;
        self.open_session("officer", &officer.username, principal).await
    }

    /// The principal behind a session token, if the session is valid.
    pub async fn authenticate(&self, token: &str) -> AppResult<Principal> {
        let session =
            self.store().session(&token_hash(token.trim()), Utc::now()).await?.ok_or(AppError::Unauthenticated)?;
        match session.account_kind.as_str() {
            "citizen" => Ok(Principal::Citizen { id: session.account_id }),
            "officer" => {
                let officer = self.store().officer(&session.account_id).await?.ok_or(AppError::Unauthenticated)?;
                Ok(Principal::Officer {
                    username: officer.username,
                    role: Role::parse(&officer.role)?,
                    scope: Scope::parse(&officer.scope_kind, &officer.scope_code)?,
                })
            }
            _ => Err(AppError::Unauthenticated),
        }
    }

    /// The signed-in citizen's own account.
    pub async fn citizen_profile(&self, principal: &Principal) -> AppResult<CitizenRecord> {
        match principal {
            Principal::Citizen { id } => self.store().citizen(id).await?.ok_or(AppError::Unauthenticated),
            other => Err(AppError::Forbidden { role: other.role_name(), action: "read a citizen's account" }),
        }
    }

    /// Ends a session.
    pub async fn sign_out(&self, token: &str) -> AppResult<()> {
        self.store().delete_session(&token_hash(token.trim())).await?;
        Ok(())
    }

    /// Sends a one-time link to set a new password to the contact the
    /// account registered (email if given, else the phone). It answers the
    /// same whether or not the number has an account, so that nobody learns
    /// which numbers are registered; only a malformed number is an error.
    pub async fn request_password_reset(&self, id_number: &str) -> AppResult<()> {
        let id = PersonalId::parse(id_number)?;
        // Each account claiming the number gets a link for itself, at its own contact.
        for citizen in self.store().citizens_by_personal_id(id.as_str(), MAX_CLAIMS_CHECKED).await? {
            self.send_reset_link(citizen).await?;
        }
        self.dispatch_notifications(20).await?;
        Ok(())
    }

    async fn send_reset_link(&self, citizen: CitizenRecord) -> AppResult<()> {
        let mut bytes = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        let token = hex(&bytes);
        let now = Utc::now();
        let link = format!("{}/dat-lai-mat-khau/{token}", self.public_url());
        let (channel, recipient) =
            if citizen.email.is_empty() { ("sms", citizen.phone.clone()) } else { ("email", citizen.email.clone()) };
        let message = NotificationRecord {
            id: random_id(),
            channel: channel.to_owned(),
            recipient,
            subject: "Đặt lại mật khẩu / Reset your password".to_owned(),
            body: format!(
                "Mở liên kết sau trong {RESET_MINUTES} phút để đặt mật khẩu mới: {link} \
                 (Open this link within {RESET_MINUTES} minutes to set a new password.) \
                 Nếu bạn không yêu cầu, hãy bỏ qua tin này."
            ),
            created_at: now,
            sent_at: None,
        };
        let reset = PasswordResetRecord {
            token_hash: token_hash(&token),
            citizen_id: citizen.id,
            created_at: now,
            expires_at: now + Duration::minutes(RESET_MINUTES),
        };
        self.store().create_password_reset(&reset, &message).await?;
        Ok(())
    }

    /// Whether a reset link can still be used.
    pub async fn reset_link_usable(&self, token: &str) -> AppResult<bool> {
        Ok(self.store().password_reset_usable(&token_hash(token.trim()), Utc::now()).await?)
    }

    /// Sets a new password with a reset link, once; every session of the
    /// account ends. A used, expired or unknown link is "not found".
    pub async fn reset_password(&self, token: &str, new_password: &str) -> AppResult<()> {
        if new_password.chars().count() < 8 {
            return Err(DomainError::invalid("password", Reason::PasswordTooShort).into());
        }
        let hash = hash_password(new_password)?;
        match self.store().use_password_reset(&token_hash(token.trim()), Utc::now(), &hash).await? {
            Some(_) => Ok(()),
            None => Err(AppError::not_found("reset link", "")),
        }
    }
}

/// The account a sign-in notice belongs to.
fn notice_account(principal: &Principal) -> String {
    match principal {
        Principal::Citizen { id } => format!("citizen:{id}"),
        Principal::Officer { username, .. } => format!("officer:{username}"),
    }
}

/// An argon2 hash of no one's password, used to spend the same time on
/// unknown accounts as on known ones.
const UNKNOWN_ACCOUNT_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$bm8tb25lLWhhcy10aGlz$Jw8m0cC5m1w3c2+7Kx3Xn4bU4s0yQ6Gm9zEoQm1xkVQ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_normalised() {
        assert_eq!(normalise_phone("0912 345 678"), Ok("0912345678".to_owned()));
        assert_eq!(normalise_phone("+84912345678"), Ok("0912345678".to_owned()));
        for bad in ["12345", "1912345678", "09123456789", "09a2345678"] {
            assert!(normalise_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sign_in_delays_start_after_the_free_failures_and_double_up_to_the_window() {
        let delays: Vec<i64> = (0..9).map(|failures| sign_in_delay_seconds(failures, 5)).collect();
        assert_eq!(delays, [0, 0, 0, 0, 0, 4, 8, 16, 32]);
        assert_eq!(sign_in_delay_seconds(500, 5), FAILURE_WINDOW_MINUTES * 60, "never longer than the window");
    }

    #[test]
    fn addresses_are_shown_masked() {
        assert_eq!(masked_address("203.0.113.77"), "203.0.113.*");
        assert_eq!(masked_address("2001:db8:85a3:8d3:1319:8a2e:370:7348"), "2001:db8:85a3:8d3:*");
        assert_eq!(masked_address("not an address"), "*");
    }

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let hash = hash_password("mật khẩu dài").expect("hash");
        assert!(password_matches("mật khẩu dài", &hash));
        assert!(!password_matches("mat khau dai", &hash));
        assert!(!password_matches("x", "not a hash"));
        assert!(!password_matches("x", UNKNOWN_ACCOUNT_HASH));
        assert!(PasswordHash::new(UNKNOWN_ACCOUNT_HASH).is_ok(), "the stand-in hash costs a real verification");
    }

    #[test]
    fn registrations_are_checked_field_by_field() {
        let good = Registration {
            id_number: "001099012345".into(),
            full_name: "Nguyễn Văn An".into(),
            phone: "0912345678".into(),
            email: String::new(),
            password: "mat-khau-8".into(),
        };
        assert!(check_registration(&good).is_ok());
        let field_of = |r: Registration| match check_registration(&r) {
            Err(DomainError::InvalidValue { field, .. }) => field,
            other => panic!("expected an invalid value, got {other:?}"),
        };
        assert_eq!(field_of(Registration { id_number: "0010990123".into(), ..good.clone() }), "id_number");
        assert_eq!(field_of(Registration { full_name: " ".into(), ..good.clone() }), "full_name");
        assert_eq!(field_of(Registration { phone: "123".into(), ..good.clone() }), "phone");
        assert_eq!(field_of(Registration { email: "an".into(), ..good.clone() }), "email");
        assert_eq!(field_of(Registration { password: "short".into(), ..good }), "password");
    }
}
