//! The one error type of this crate.

/// Everything that can go wrong in this crate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A division code is malformed.
    #[error("invalid division code {code:?}: {reason}")]
    InvalidCode {
        /// The code as given, cut to its first 60 characters (then `…`).
        code: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A unified social credit code is malformed.
    #[error("invalid unified social credit code {code:?}: {reason}")]
    InvalidCreditCode {
        /// The code as given, cut to its first 60 characters (then `…`).
        code: String,
        /// What is wrong.
        reason: String,
    },
    /// A registry could not be built; every problem is listed.
    #[error("{} problem(s) in the divisions and bodies: {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Registry(Vec<RegistryProblem>),
}

/// One problem found while building a [`crate::Registry`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryProblem {
    /// Two divisions share a code.
    #[error("division {0} is listed twice")]
    DuplicateDivision(crate::DivisionCode),
    /// A division's parent (implied by its code) is not in the registry.
    #[error("division {code} ({name}) has no parent {parent} in the registry")]
    MissingParent {
        /// The division.
        code: crate::DivisionCode,
        /// Its name.
        name: String,
        /// The parent its code implies.
        parent: crate::DivisionCode,
    },
    /// A division's kind does not fit its code's level.
    #[error("division {code} ({name}) is a {kind} but its code is at the {level} level")]
    KindMismatch {
        /// The division.
        code: crate::DivisionCode,
        /// Its name.
        name: String,
        /// The kind given.
        kind: String,
        /// The level the code implies.
        level: crate::Level,
    },
    /// Two bodies share a code.
    #[error("body {0:?} is listed twice")]
    DuplicateBody(String),
    /// A body is attached to a division that is not in the registry.
    #[error("body {body:?} is attached to {division}, which is not in the registry")]
    UnknownDivision {
        /// The body's code.
        body: String,
        /// The division it names.
        division: crate::DivisionCode,
    },
    /// A body's kind does not fit the level of its division.
    #[error("body {body:?} is a {kind} but its division {division} is at the {level} level")]
    BodyLevelMismatch {
        /// The body's code.
        body: String,
        /// The kind given.
        kind: String,
        /// Its division.
        division: crate::DivisionCode,
        /// That division's level.
        level: crate::Level,
    },
    /// A county department without a sector.
    #[error("department {0:?} has no sector")]
    MissingSector(String),
}

impl Error {
    /// The message in Chinese, for a clerk: the same facts as the English
    /// text, the codes as given.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_org::{CreditCode, DivisionCode};
    ///
    /// let e = "12".parse::<DivisionCode>().unwrap_err();
    /// assert_eq!(e.zh(), "行政区划代码 \"12\" 无效：应为 12 位数字（或 6 位 GB/T 2260 代码）");
    /// let e = "123".parse::<CreditCode>().unwrap_err();
    /// assert_eq!(e.zh(), "统一社会信用代码 \"123\" 无效：有 3 个字符，应为 18 个");
    /// ```
    pub fn zh(&self) -> String {
        match self {
            Error::InvalidCode { code, reason } => {
                format!("行政区划代码 {code:?} 无效：{}", code_reason_zh(reason))
            }
            Error::InvalidCreditCode { code, reason } => {
                format!(
                    "统一社会信用代码 {code:?} 无效：{}",
                    credit_reason_zh(reason)
                )
            }
            Error::Registry(problems) => format!(
                "区划和机关中有 {} 个问题：{}",
                problems.len(),
                problems
                    .iter()
                    .map(RegistryProblem::zh)
                    .collect::<Vec<_>>()
                    .join("；")
            ),
        }
    }
}

/// A division code's fault in Chinese ([`Error::InvalidCode`]'s reasons
/// are the crate's own words, each listed here).
fn code_reason_zh(reason: &str) -> &str {
    match reason {
        "a division code has 12 digits" => "行政区划代码为 12 位",
        "unknown province prefix" => "省级代码不存在",
        "county, township or village digits under a zero city group" => {
            "地级代码为零，其下却有县、乡或村级代码"
        }
        "village digits under a zero township group" => "乡级代码为零，其下却有村级代码",
        "expected 12 digits (or a 6-digit GB/T 2260 code)" => {
            "应为 12 位数字（或 6 位 GB/T 2260 代码）"
        }
        "expected digits" => "应为数字",
        other => other,
    }
}

/// A credit code's fault in Chinese: the four the parser finds, with
/// their figures.
fn credit_reason_zh(reason: &str) -> String {
    if let Some(n) = reason
        .strip_prefix("has ")
        .and_then(|r| r.strip_suffix(" characters, not 18"))
    {
        return format!("有 {n} 个字符，应为 18 个");
    }
    if let Some((c, at)) = reason
        .strip_prefix("character ")
        .and_then(|r| r.strip_suffix(" is not allowed"))
        .and_then(|r| r.rsplit_once(" at position "))
    {
        return format!("第 {at} 位的字符 {c} 不允许使用");
    }
    if reason == "positions 3–8 must be the digits of a division code" {
        return "第 3–8 位必须是行政区划代码的数字".to_owned();
    }
    if let Some((is, wants)) = reason
        .strip_prefix("check character is ")
        .and_then(|r| r.split_once(", the code's characters call for "))
    {
        return format!("校验码是 {is}，按前 17 位应为 {wants}");
    }
    reason.to_owned()
}

impl RegistryProblem {
    /// The problem in Chinese.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_org::RegistryProblem;
    ///
    /// let p = RegistryProblem::DuplicateBody("130430104-gov".to_owned());
    /// assert_eq!(p.zh(), "机关 \"130430104-gov\" 重复列出");
    /// ```
    pub fn zh(&self) -> String {
        match self {
            RegistryProblem::DuplicateDivision(code) => format!("区划 {code} 重复列出"),
            RegistryProblem::MissingParent { code, name, parent } => {
                format!("区划 {code}（{name}）的上级 {parent} 不在名录中")
            }
            RegistryProblem::KindMismatch {
                code,
                name,
                kind,
                level,
            } => format!(
                "区划 {code}（{name}）登记为 {kind}，但其代码属于{}",
                level.zh()
            ),
            RegistryProblem::DuplicateBody(body) => format!("机关 {body:?} 重复列出"),
            RegistryProblem::UnknownDivision { body, division } => {
                format!("机关 {body:?} 所属区划 {division} 不在名录中")
            }
            RegistryProblem::BodyLevelMismatch {
                body,
                kind,
                division,
                level,
            } => format!(
                "机关 {body:?} 登记为 {kind}，但其所属区划 {division} 属于{}",
                level.zh()
            ),
            RegistryProblem::MissingSector(body) => format!("部门 {body:?} 未注明所属领域"),
        }
    }
}
