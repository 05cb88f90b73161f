//! Parties (当事人): citizens, and organisations identified by their unified
//! social credit code (统一社会信用代码, GB 32100-2015).
//!
//! The Penalty Law draws its money lines by the kind of party: the summary
//! procedure (Art. 51) allows fines up to 200 yuan for a citizen and 3,000
//! yuan for a legal person or other organisation; provinces set the "large
//! fine" of the hearing right (Art. 63) separately for each.

use jiceng_org::CreditCode;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The kind of a party, which decides the money lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// A citizen (公民).
    Citizen,
    /// A legal person or other organisation (法人或者其他组织).
    Organisation,
}

impl PartyKind {
    /// The Chinese term, as the statute words it.
    pub fn zh(self) -> &'static str {
        match self {
            PartyKind::Citizen => "公民",
            PartyKind::Organisation => "法人或者其他组织",
        }
    }
}

/// A party to a case.
///
/// An organisation's code is validated when it is read: a code with a wrong
/// check character is refused.
///
/// # Example
///
/// ```
/// use jiceng_enforcement::{Party, PartyKind};
///
/// let p: Party = serde_json::from_str(
///     r#"{"kind": "organisation", "name": "示例加工厂", "credit_code": "91350100M000100Y43"}"#,
/// )?;
/// assert_eq!(p.kind(), PartyKind::Organisation);
/// let bad = serde_json::from_str::<Party>(
///     r#"{"kind": "organisation", "name": "x", "credit_code": "91350100M000100Y44"}"#,
/// );
/// assert!(bad.is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Party {
    /// A citizen.
    Citizen {
        /// The name.
        name: String,
    },
    /// An organisation.
    Organisation {
        /// The name.
        name: String,
        /// The unified social credit code, when the organisation has one
        /// (an unregistered workshop has none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        credit_code: Option<CreditCode>,
    },
}

impl Party {
    /// The party's kind.
    pub fn kind(&self) -> PartyKind {
        match self {
            Party::Citizen { .. } => PartyKind::Citizen,
            Party::Organisation { .. } => PartyKind::Organisation,
        }
    }

    /// The party's name.
    pub fn name(&self) -> &str {
        match self {
            Party::Citizen { name } | Party::Organisation { name, .. } => name,
        }
    }
}
