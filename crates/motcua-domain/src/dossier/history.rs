//! The dossier's history, the processing control slip (phiếu kiểm soát quá
//! trình giải quyết hồ sơ): one event per transition, each hashed with the hash
//! of the one before, so that an edited or deleted event breaks the chain.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash the first event of every dossier chains from.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One event as it is hashed: everything the slip shows about a hand-over.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    /// 1, 2, 3, … within the dossier.
    pub sequence: i64,
    /// The dossier's internal id.
    pub dossier_id: String,
    /// RFC 3339 instant in UTC.
    pub at: String,
    /// Who acted: an account id, or `system`.
    pub actor: String,
    /// The actor's role, or `applicant`.
    pub role: String,
    /// The service point the actor worked at, if any.
    pub service_point: String,
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub from_step: String,
    pub to_step: String,
    /// Who the dossier was handed to (an account, an agency), if anyone.
    pub handed_to: String,
    /// `early`, `on_time`, `late` for the step that ended, or empty.
    pub timeliness: String,
    pub note: String,
    /// Action data as JSON (reasons, amounts, new due date, …).
    pub data: String,
}

/// The hash of `record` chained from `previous`.
pub fn chain_hash(previous: &str, record: &EventRecord) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(b"\n");
    hasher.update(serde_json::to_vec(record).unwrap_or_default());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks a dossier's events in order against their stored hashes; returns the
/// sequence of the first event that does not match (edited, removed or reordered).
pub fn verify_chain<'a>(events: impl IntoIterator<Item = (&'a EventRecord, &'a str)>) -> Result<(), i64> {
    let mut previous = GENESIS_HASH.to_owned();
    for (expected_sequence, (record, stored)) in (1..).zip(events) {
        if record.sequence != expected_sequence || chain_hash(&previous, record) != stored {
            return Err(record.sequence);
        }
        previous = stored.to_owned();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(sequence: i64, action: &str) -> EventRecord {
        EventRecord {
            sequence,
            dossier_id: "d1".into(),
            at: format!("2025-11-03T0{sequence}:00:00.000000Z"),
            actor: "hn.tiepnhan".into(),
            role: "intake_officer".into(),
            service_point: "HN-TTHCC".into(),
            action: action.into(),
            from_status: "submitted".into(),
            to_status: "received".into(),
            from_step: "intake".into(),
            to_step: "review".into(),
            handed_to: String::new(),
            timeliness: "on_time".into(),
            note: String::new(),
            data: "{}".into(),
        }
    }

    fn chain(events: &[EventRecord]) -> Vec<String> {
        let mut previous = GENESIS_HASH.to_owned();
        events
            .iter()
            .map(|e| {
                previous = chain_hash(&previous, e);
                previous.clone()
            })
            .collect()
    }

    #[test]
    fn an_intact_chain_verifies_and_any_edit_breaks_it() {
        let events = vec![event(1, "submit"), event(2, "receive"), event(3, "hand_over")];
        let hashes = chain(&events);
        let pairs = |events: &[EventRecord]| -> Result<(), i64> {
            verify_chain(events.iter().zip(hashes.iter().map(String::as_str)))
        };
        assert_eq!(pairs(&events), Ok(()));
        let mut edited = events.clone();
        edited[1].note = "sửa".into();
        assert_eq!(pairs(&edited), Err(2));
        let mut removed = events.clone();
        removed.remove(1);
        assert!(verify_chain(removed.iter().zip([hashes[0].as_str(), hashes[2].as_str()])).is_err());
        assert_eq!(chain(&events), hashes, "hashing is deterministic");
    }
}
