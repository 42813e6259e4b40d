//! The ID token a session was opened with, kept only as `id_token_hint` for logging out at
//! the provider, and sealed so that the database's copy is useless without the browser.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::ChaCha20Poly1305;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit};
use hkdf::Hkdf;
use sha2::Sha256;

use super::hash_token;
use crate::db::Db;
use crate::db_conn;

/// The ID token is kept only as `id_token_hint` for logging out at the provider, and some
/// brokers put CPR numbers and names in it. So it is sealed (ChaCha20-Poly1305) under a key
/// derived from the cookie value, which the database never holds: the stored copy is useless
/// without the browser's cookie, and nothing personal sits in the database or its backups.
fn hint_cipher(token: &str) -> ChaCha20Poly1305 {
    let mut key = [0u8; 32];
    Hkdf::<Sha256>::new(None, token.as_bytes())
        .expand(b"sammen/id-token-hint/v1", &mut key)
        .expect("32 bytes is a valid HKDF-SHA256 length");
    ChaCha20Poly1305::new(&key.into())
}

pub(super) fn seal_hint(token: &str, id_token: &str) -> String {
    let nonce = ChaCha20Poly1305::generate_nonce(&mut rand::rngs::OsRng);
    let sealed = hint_cipher(token)
        .encrypt(&nonce, id_token.as_bytes())
        .expect("sealing in memory cannot fail");
    let mut out = nonce.to_vec();
    out.extend(sealed);
    URL_SAFE_NO_PAD.encode(out)
}

fn open_hint(token: &str, sealed: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
    if bytes.len() < 12 {
        return None;
    }
    let (nonce, ciphertext) = bytes.split_at(12);
    let nonce: [u8; 12] = nonce.try_into().ok()?;
    let plain = hint_cipher(token).decrypt(&nonce.into(), ciphertext).ok()?;
    String::from_utf8(plain).ok()
}

/// The ID token the session was opened with, for `id_token_hint` at logout, opened with the
/// cookie value. Not loaded with every request: only logout needs it.
pub async fn id_token(db: &Db, token: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = db_conn!(db.reader().await?.conn(), pool => sqlx::query_as("SELECT id_token_sealed FROM sessions WHERE id_hash = $1")
        .bind(hash_token(token))
        .fetch_optional(pool)
        .await)?;
    Ok(row.and_then(|(sealed,)| open_hint(token, &sealed)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_logout_hint_opens_only_with_the_cookie_value() {
        let token = super::super::random_token();
        let sealed = super::seal_hint(&token, "eyJhbGciOi.header.payload");
        assert!(!sealed.contains("eyJ"), "nothing of the token is readable");
        assert_eq!(
            super::open_hint(&token, &sealed).as_deref(),
            Some("eyJhbGciOi.header.payload")
        );
        assert_eq!(
            super::open_hint(&super::super::random_token(), &sealed),
            None
        );
        assert_eq!(super::open_hint(&token, "garbage"), None);
    }
}
