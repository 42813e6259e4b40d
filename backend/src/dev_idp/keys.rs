//! The simulator's signing keys and a small JWS signer (ES256, RS256, and the broken variants
//! the relying-party tests need). Keys live in memory and change at every start.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::SigningKey as EsSigningKey;
use p256::ecdsa::signature::Signer as _;
use rand::RngCore;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs1v15::SigningKey as RsSigningKey;
use rsa::signature::{SignatureEncoding, Signer as _};
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};

/// A development-only RSA key, so RS256 tokens need no slow key generation at start-up.
/// It signs nothing but simulator tokens, which only a portal in development mode accepts.
const DEV_RSA_KEY: &str = include_str!("dev-rsa-key.pem");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    Es256,
    Rs256,
    /// An unsigned token (`alg: none`), which a relying party must refuse.
    None,
}

struct EsKey {
    kid: String,
    key: EsSigningKey,
}

pub struct Keys {
    es: EsKey,
    rsa_kid: String,
    rsa: RsSigningKey<sha2::Sha256>,
    rsa_public: rsa::RsaPublicKey,
    generation: u32,
}

fn new_es_key(generation: u32) -> EsKey {
    loop {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        if let Ok(key) = EsSigningKey::from_slice(&bytes) {
            let mut id = [0u8; 6];
            rand::rngs::OsRng.fill_bytes(&mut id);
            return EsKey {
                kid: format!("sim-es256-{generation}-{}", hex::encode(id)),
                key,
            };
        }
    }
}

impl Keys {
    pub fn new() -> Keys {
        let private = rsa::RsaPrivateKey::from_pkcs1_pem(DEV_RSA_KEY)
            .expect("the embedded dev RSA key parses");
        let rsa_public = private.to_public_key();
        Keys {
            es: new_es_key(1),
            rsa_kid: "sim-rs256-1".into(),
            rsa: RsSigningKey::<sha2::Sha256>::new(private),
            rsa_public,
            generation: 1,
        }
    }

    /// Replaces the ES256 signing key with a new one under a new key id; the old one is gone
    /// from the JWKS, as after a real rotation.
    pub fn rotate(&mut self) {
        self.generation += 1;
        self.es = new_es_key(self.generation);
    }

    /// The public keys, as served at the JWKS endpoint.
    pub fn jwks(&self) -> Value {
        let point = self.es.key.verifying_key().to_sec1_point(false);
        let x = point
            .x()
            .map(|x| URL_SAFE_NO_PAD.encode(x))
            .unwrap_or_default();
        let y = point
            .y()
            .map(|y| URL_SAFE_NO_PAD.encode(y))
            .unwrap_or_default();
        json!({ "keys": [
            { "kty": "EC", "crv": "P-256", "x": x, "y": y, "kid": self.es.kid, "use": "sig", "alg": "ES256" },
            { "kty": "RSA", "n": URL_SAFE_NO_PAD.encode(self.rsa_public.n().to_bytes_be()),
              "e": URL_SAFE_NO_PAD.encode(self.rsa_public.e().to_bytes_be()),
              "kid": self.rsa_kid, "use": "sig", "alg": "RS256" },
        ]})
    }

    /// Signs claims as a compact JWS. `tamper` flips a bit of the signature.
    pub fn sign(&self, alg: Alg, claims: &Value, tamper: bool) -> String {
        let header = match alg {
            Alg::Es256 => json!({ "alg": "ES256", "typ": "JWT", "kid": self.es.kid }),
            Alg::Rs256 => json!({ "alg": "RS256", "typ": "JWT", "kid": self.rsa_kid }),
            Alg::None => json!({ "alg": "none", "typ": "JWT" }),
        };
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut signature = match alg {
            Alg::Es256 => {
                let sig: p256::ecdsa::Signature = self.es.key.sign(signing_input.as_bytes());
                sig.to_bytes().to_vec()
            }
            Alg::Rs256 => self.rsa.sign(signing_input.as_bytes()).to_vec(),
            Alg::None => Vec::new(),
        };
        if tamper && let Some(last) = signature.last_mut() {
            *last ^= 0x01;
        }
        format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }
}

/// Reads the claims of a JWS without checking it (for `id_token_hint`, whose only use here is
/// to pick the page language and is checked against our own issuer).
pub fn peek_claims(jws: &str) -> Option<Value> {
    let payload = jws.split('.').nth(1)?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}
