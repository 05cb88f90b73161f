//! The one error type of this crate.

use chrono::NaiveDate;

use crate::file::ParseProblem;

/// One line per problem, `origin:line: message`, then the count of those
/// left out.
fn parse_message(
    origin: &str,
    line: Option<usize>,
    message: &str,
    more: &[ParseProblem],
    omitted: usize,
) -> String {
    let at = |line: Option<usize>| line.map_or_else(|| "?".to_owned(), |l| l.to_string());
    let mut out = format!("{origin}:{}: {message}", at(line));
    for p in more {
        out.push_str(&format!("\n{origin}:{}: {}", at(p.line), p.message));
    }
    if omitted > 0 {
        out.push_str(&format!("\n{origin}: {omitted} more problems not listed"));
    }
    out
}

/// Everything that can go wrong in this crate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A ledger file could not be parsed: its first problem in file order,
    /// and the others after it.
    #[error("{}", parse_message(origin, *line, message, more, *omitted))]
    Parse {
        /// The file.
        origin: String,
        /// The 1-based line of the first problem, where known.
        line: Option<usize>,
        /// What is wrong, naming the value or field.
        message: String,
        /// The other problems, in file order (at most
        /// [`crate::MAX_PARSE_PROBLEMS`] in all with the first).
        more: Vec<ParseProblem>,
        /// How many more problems there are beyond those listed.
        omitted: usize,
    },
    /// The divisions and bodies of a ledger do not form a registry.
    #[error("{origin}: {source}")]
    Registry {
        /// The file.
        origin: String,
        /// The registry's problems.
        source: jiceng_org::Error,
    },
    /// A ledger would cost more than its documented limits allow.
    #[error("{origin}: the ledger is too large: {message}")]
    TooLarge {
        /// The file.
        origin: String,
        /// Which limit, with the figures.
        message: String,
    },
    /// A township's list of powers was asked for a division that is not a
    /// township, subdistrict or village of the ledger.
    #[error("division {0} is not a township, subdistrict or village of the ledger")]
    NotTownship(String),
    /// A synthetic ledger's parameter is out of its range.
    #[error("synth parameter {name} = {value} is out of range {least}..={most}")]
    InvalidParameter {
        /// The parameter.
        name: &'static str,
        /// The value given.
        value: u64,
        /// The least allowed.
        least: u64,
        /// The most allowed.
        most: u64,
    },
    /// No item has this code (the message quotes its first 60 characters).
    #[error("unknown power item {:?}", cut(.0))]
    UnknownItem(String),
    /// No division has this code (the message quotes its first 60
    /// characters).
    #[error("unknown division {}", cut(.0))]
    UnknownDivision(String),
    /// No body has this code (the message quotes its first 60 characters).
    #[error("unknown body {:?}", cut(.0))]
    UnknownBody(String),
    /// A holder was asked for above the county level, where a county-level
    /// item has no single holder.
    #[error("division {0} is above the county level: name a county, township or village")]
    AboveCounty(String),
    /// Nobody holds the item there on that date.
    #[error(
        "nobody holds item {item:?} in {division} on {date} (no body of its sector, or the data leaves a gap)"
    )]
    NoHolder {
        /// The item's code.
        item: String,
        /// The division.
        division: String,
        /// The date.
        date: NaiveDate,
    },
}

/// A code from the input as a message quotes it: its first 60 characters,
/// then `…` where it was longer. A code given on the command line or in a
/// file is hostile input, and a kilobyte of it must not make a kilobyte of
/// message.
fn cut(code: &str) -> std::borrow::Cow<'_, str> {
    match code.char_indices().nth(60) {
        Some((i, _)) => std::borrow::Cow::Owned(format!("{}…", &code[..i])),
        None => std::borrow::Cow::Borrowed(code),
    }
}

impl Error {
    /// The message in Chinese, for a clerk: the same facts as the English
    /// text, the codes cut as there. A ledger file's own problems (a field
    /// the file reader refused) keep their place and the reader's words.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::Error;
    ///
    /// let e = Error::UnknownDivision("999999999".to_owned());
    /// assert_eq!(e.zh(), "未知的行政区划 999999999");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn zh(&self) -> String {
        match self {
            Error::Parse { .. } => self.to_string(),
            Error::Registry { origin, source } => format!("{origin}：{}", source.zh()),
            Error::TooLarge { origin, message } => {
                format!("{origin}：台账超出规模上限：{message}")
            }
            Error::NotTownship(division) => {
                format!("区划 {division} 不是台账中的乡镇、街道或村（社区）")
            }
            Error::InvalidParameter {
                name,
                value,
                least,
                most,
            } => format!("合成参数 {name} = {value} 超出范围 {least}..={most}"),
            Error::UnknownItem(item) => format!("未知的权力事项 {:?}", cut(item)),
            Error::UnknownDivision(division) => format!("未知的行政区划 {}", cut(division)),
            Error::UnknownBody(body) => format!("未知的机关 {:?}", cut(body)),
            Error::AboveCounty(division) => {
                format!("区划 {division} 在县级以上：请指定县、乡镇或村")
            }
            Error::NoHolder {
                item,
                division,
                date,
            } => format!(
                "{date} 在 {division} 无人承接事项 {item:?}（没有该领域的机关，或数据有缺口）"
            ),
        }
    }
}
