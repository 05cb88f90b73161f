//! The unified social credit code (统一社会信用代码, GB 32100-2015).
//!
//! Every organisation, government bodies included, carries an 18-character
//! code: a registration authority (1), an organisation type (1), the GB/T
//! 2260 division of registration (6), the organisation code (9) and a check
//! character (1). The characters are the digits and 21 capital letters
//! (no I, O, S, V, Z). The check character makes the weighted sum of all 18
//! values divisible by 31, with weights 3^i mod 31.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A validated unified social credit code.
///
/// # Example
///
/// ```
/// use jiceng_org::CreditCode;
///
/// // The example code of GB 32100-2015.
/// let c: CreditCode = "91350100M000100Y43".parse()?;
/// assert_eq!(c.division_gb2260(), "350100");
/// let err = "91350100M000100Y44".parse::<CreditCode>().unwrap_err();
/// assert!(err.to_string().contains("check character"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CreditCode([u8; 18]);

fn value(c: u8) -> Option<u32> {
    CHARSET.iter().position(|&x| x == c).map(|p| p as u32)
}

impl CreditCode {
    /// The six-digit division of registration.
    pub fn division_gb2260(&self) -> &str {
        // Validation guarantees ASCII characters.
        std::str::from_utf8(&self.0[2..8]).unwrap_or("")
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Validation guarantees ASCII characters.
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl FromStr for CreditCode {
    type Err = Error;

    fn from_str(s: &str) -> Result<CreditCode, Error> {
        let bad = |reason: String| Error::InvalidCreditCode {
            // The code is the caller's: a kilobyte of it must not make a
            // kilobyte of message, so only its first 60 characters.
            code: match s.char_indices().nth(60) {
                Some((i, _)) => format!("{}…", &s[..i]),
                None => s.to_owned(),
            },
            reason,
        };
        let chars: Vec<char> = s.chars().collect();
        if chars.len() != 18 {
            return Err(bad(format!("has {} characters, not 18", chars.len())));
        }
        let mut sum = 0u32;
        for (i, &c) in chars.iter().enumerate() {
            let v = u8::try_from(c).ok().and_then(value);
            let Some(v) = v else {
                return Err(bad(format!(
                    "character {c:?} at position {} is not allowed",
                    i + 1
                )));
            };
            if i < 17 {
                sum += v * WEIGHTS[i];
            }
        }
        // Every character is one of the ASCII charset now.
        let b = s.as_bytes();
        if !b[2..8].iter().all(u8::is_ascii_digit) {
            return Err(bad(
                "positions 3–8 must be the digits of a division code".to_owned()
            ));
        }
        let check = (31 - sum % 31) % 31;
        let expected = CHARSET[check as usize];
        if b[17] != expected {
            return Err(bad(format!(
                "check character is {:?}, the code's characters call for {:?}",
                b[17] as char, expected as char
            )));
        }
        let mut out = [0u8; 18];
        out.copy_from_slice(b);
        Ok(CreditCode(out))
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CreditCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CreditCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CreditCode, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for CreditCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CreditCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An 18-character unified social credit code (GB 32100-2015) with a valid check character.",
            "pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$"
        })
    }
}
