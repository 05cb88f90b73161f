//! Exemption from penalty (不予行政处罚, 行政处罚法 Art. 33), as decision
//! support.
//!
//! "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果
//! 轻微并及时改正的，可以不予行政处罚。当事人有证据足以证明没有主观过错的，不予
//! 行政处罚。法律、行政法规另有规定的，从其规定。"
//!
//! The first and third cases bind the agency (不予: no penalty); the second
//! leaves it discretion (可以不予: may exempt). The facts are the clerk's
//! findings; [`exemption`] says which sentence they meet, with the reasons.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The harm an act caused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Harm {
    /// No harmful consequences (没有造成危害后果).
    None,
    /// Slight harm (危害后果轻微).
    Slight,
    /// More than slight.
    Serious,
}

/// The findings Art. 33 turns on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Facts {
    /// The act was minor (违法行为轻微).
    pub minor: bool,
    /// It was corrected promptly (及时改正).
    pub corrected_promptly: bool,
    /// The harm it caused.
    pub harm: Harm,
    /// The party's first violation (初次违法).
    pub first_violation: bool,
    /// The party proved it was not at fault (没有主观过错).
    pub no_fault_proven: bool,
}

/// What Art. 33 allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// No penalty may be given (不予行政处罚).
    NoPenalty,
    /// The agency may decide not to penalise (可以不予行政处罚).
    MayExempt,
    /// Art. 33 does not apply.
    NotApplicable,
}

/// The answer, with the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Exemption {
    /// The outcome.
    pub outcome: Outcome,
    /// Each reason, citing its sentence of Art. 33.
    pub reasons: Vec<String>,
}

/// Art. 33 for `facts`. Other laws and administrative regulations may say
/// otherwise (the article's last sentence); that is for the clerk.
///
/// # Example
///
/// ```
/// use jiceng_enforcement::{Facts, Harm, exemption};
/// use jiceng_enforcement::exemption::Outcome;
///
/// let first = Facts { minor: false, corrected_promptly: true, harm: Harm::Slight,
///                     first_violation: true, no_fault_proven: false };
/// assert_eq!(exemption(&first).outcome, Outcome::MayExempt);
/// let minor = Facts { minor: true, harm: Harm::None, ..first };
/// assert_eq!(exemption(&minor).outcome, Outcome::NoPenalty);
/// ```
pub fn exemption(facts: &Facts) -> Exemption {
    let mut reasons = Vec::new();
    if facts.minor && facts.corrected_promptly && facts.harm == Harm::None {
        reasons.push(
            "minor, promptly corrected and without harmful consequences: no penalty (行政处罚法第三十三条第一款第一句)"
                .to_owned(),
        );
    }
    if facts.no_fault_proven {
        reasons.push(
            "the party proved it was not at fault: no penalty (行政处罚法第三十三条第二款)"
                .to_owned(),
        );
    }
    if !reasons.is_empty() {
        return Exemption {
            outcome: Outcome::NoPenalty,
            reasons,
        };
    }
    if facts.first_violation && facts.corrected_promptly && facts.harm != Harm::Serious {
        reasons.push(
            "a first violation with slight harm, promptly corrected: may be exempt (行政处罚法第三十三条第一款第二句)"
                .to_owned(),
        );
        return Exemption {
            outcome: Outcome::MayExempt,
            reasons,
        };
    }
    let mut why = Vec::new();
    if !facts.corrected_promptly {
        why.push("not promptly corrected");
    }
    if facts.harm == Harm::Serious {
        why.push("harm more than slight");
    }
    if !facts.first_violation && !facts.minor {
        why.push("neither minor nor a first violation");
    }
    if facts.minor && facts.harm == Harm::Slight && !facts.first_violation {
        why.push("minor but with harm, and not a first violation");
    }
    reasons.push(format!(
        "行政处罚法第三十三条 does not apply: {}",
        if why.is_empty() {
            "its conditions are not met".to_owned()
        } else {
            why.join("; ")
        }
    ));
    Exemption {
        outcome: Outcome::NotApplicable,
        reasons,
    }
}
