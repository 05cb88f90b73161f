//! Limitation (追责时效, 行政处罚法 Art. 36).
//!
//! "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且
//! 有危害后果的，上述期限延长至五年。法律另有规定的除外。" The period runs from the
//! day of the act, or, where the act was continuing or repeated (连续或者继续
//! 状态), from the day it ended.
//!
//! The period is counted in years by the Civil Code: the first day is not
//! counted (Art. 201) and the period ends on the corresponding day two (or
//! five) years later, or the last day of that month where there is none
//! (Art. 202: an act on 29 February 2024 has until 28 February 2026). It is
//! not rolled past a day off (Art. 203): discovery is a fact, not an act
//! the party or the agency must perform on a working day; see DESIGN.md.

use chrono::{Months, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::Error;

/// Whether a penalty is still possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Limitation {
    /// True when the act was discovered on or before the last day.
    pub within: bool,
    /// The last day on which discovery still allows a penalty.
    pub last_day: NaiveDate,
    /// The period in years: 2, or 5 for the grave case.
    pub years: u32,
}

/// Art. 36 for an act that ended on `act_ended` (its day, or the end of a
/// continuing act) and was discovered on `discovered`; `grave` when it
/// involves citizens' life, health or financial safety with harmful
/// consequences (five years).
///
/// A discovery before the act ended (a continuing act caught while it goes
/// on) is within the period.
///
/// # Errors
///
/// [`Error::DateOverflow`] past the representable dates.
///
/// # Example
///
/// ```
/// use jiceng_enforcement::limitation;
///
/// let l = limitation("2023-05-10".parse()?, "2025-05-10".parse()?, false)?;
/// assert!(l.within);
/// assert_eq!(l.last_day.to_string(), "2025-05-10");
/// assert!(!limitation("2023-05-10".parse()?, "2025-05-11".parse()?, false)?.within);
/// assert!(limitation("2023-05-10".parse()?, "2025-05-11".parse()?, true)?.within);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn limitation(
    act_ended: NaiveDate,
    discovered: NaiveDate,
    grave: bool,
) -> Result<Limitation, Error> {
    let years = if grave { 5 } else { 2 };
    let last_day = act_ended
        .checked_add_months(Months::new(12 * years))
        .ok_or(Error::DateOverflow {
            what: "the limitation period (行政处罚法第三十六条)",
            date: act_ended,
        })?;
    Ok(Limitation {
        within: discovered <= last_day,
        last_day,
        years,
    })
}
