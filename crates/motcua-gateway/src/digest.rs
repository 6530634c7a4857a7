//! The digests the gateways sign with, and the one way a received digest is
//! compared with the expected one: decoded from hex whatever its case, then
//! compared in constant time, so that the answer's timing says nothing about
//! how many leading bytes of a forged signature were right.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256, Sha512};
use subtle::ConstantTimeEq;

/// HMAC-SHA512 of `text` keyed with `key`.
pub(crate) fn hmac_sha512(key: &[u8], text: &[u8]) -> Vec<u8> {
    // HMAC accepts a key of any length: a long key is hashed, a short one padded.
    let Ok(mut mac) = Hmac::<Sha512>::new_from_slice(key) else { unreachable!("HMAC takes keys of every length") };
    mac.update(text);
    mac.finalize().into_bytes().to_vec()
}

/// HMAC-SHA256 of `text` keyed with `key`.
pub(crate) fn hmac_sha256(key: &[u8], text: &[u8]) -> Vec<u8> {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else { unreachable!("HMAC takes keys of every length") };
    mac.update(text);
    mac.finalize().into_bytes().to_vec()
}

/// Plain SHA-256 of `text`.
pub(crate) fn sha256(text: &[u8]) -> Vec<u8> {
    Sha256::digest(text).to_vec()
}

/// Whether the hex text `given` (either case) spells exactly `expected`.
pub(crate) fn hex_matches(given: &str, expected: &[u8]) -> bool {
    match hex::decode(given.trim()) {
        Ok(bytes) => bool::from(bytes.as_slice().ct_eq(expected)),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digests_are_the_standard_ones() {
        // RFC 4231, test case 2 ("Jefe" / "what do ya want for nothing?").
        let text = b"what do ya want for nothing?";
        assert_eq!(
            hex::encode(hmac_sha256(b"Jefe", text)),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex::encode(hmac_sha512(b"Jefe", text)),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        );
        // FIPS 180-2, "abc".
        assert_eq!(hex::encode(sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn hex_is_compared_whatever_its_case_and_never_partly() {
        let digest = sha256(b"abc");
        let lower = hex::encode(&digest);
        assert!(hex_matches(&lower, &digest));
        assert!(hex_matches(&lower.to_uppercase(), &digest));
        assert!(!hex_matches(&lower[..62], &digest), "a prefix is not the digest");
        assert!(!hex_matches(&format!("{lower}00"), &digest), "nor is a longer text");
        assert!(!hex_matches("zz", &digest));
        assert!(!hex_matches("", &digest));
    }
}
