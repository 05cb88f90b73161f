//! The one error type of this crate.

use std::fmt;

use chrono::NaiveDate;

/// Everything that can go wrong in this crate.
///
/// Messages are lowercase and name the offending value. The variant that
/// most callers meet is [`Error::OutOfCoverage`]: a query needed a day the
/// calendar's notices do not cover, and the calendar refused to guess.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A query needed a day after the years the calendar's notices cover.
    ///
    /// Switch the calendar to [`CoveragePolicy::Provisional`] to answer such
    /// queries with the statutory holidays and the weekly rule, flagged as
    /// provisional.
    ///
    /// [`CoveragePolicy::Provisional`]: crate::CoveragePolicy::Provisional
    #[error(
        "{date} is outside the calendar's coverage {first}..={last}: no holiday notice covers it yet \
         (provisional mode answers with the statutory holidays and the weekly rule, flagged as provisional)"
    )]
    OutOfCoverage {
        /// The first uncovered day the query needed.
        date: NaiveDate,
        /// The first covered day.
        first: NaiveDate,
        /// The last covered day.
        last: NaiveDate,
    },
    /// A query needed a day before the calendar's first notice. Provisional
    /// mode estimates days back to [`crate::Calendar::earliest`] (1 January
    /// 2008, the first year of the Measures' 2007 revision), never before.
    #[error(
        "{date} is before the calendar's first notice (its coverage starts {first}): \
         days before it are refused (provisional mode estimates days from {earliest} on, none before)"
    )]
    BeforeCoverage {
        /// The first day before coverage the query needed.
        date: NaiveDate,
        /// The first covered day.
        first: NaiveDate,
        /// The first day provisional mode answers for.
        earliest: NaiveDate,
    },
    /// A query, period or suspension reached past the calendar's horizon
    /// ([`crate::Calendar::horizon`]).
    #[error(
        "{date} is past the calendar's horizon {horizon}: no answer, period or suspension may reach \
         more than 200 years past the last year its notices cover"
    )]
    BeyondHorizon {
        /// The day past the horizon.
        date: NaiveDate,
        /// The horizon.
        horizon: NaiveDate,
    },
    /// The answer would fall outside the dates this library can represent.
    #[error("the answer lies outside the representable dates (query from {date})")]
    DateOverflow {
        /// The date the query started from.
        date: NaiveDate,
    },
    /// A period string such as `20wd` could not be parsed.
    #[error("invalid period {input:?}: {reason}")]
    InvalidPeriod {
        /// The text given, cut to its first 60 characters (then `…`).
        input: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A suspension interval ends before it starts.
    #[error("suspension {from}..{to} ends before it starts")]
    ReversedSuspension {
        /// The first suspended day as given.
        from: NaiveDate,
        /// The last suspended day as given.
        to: NaiveDate,
    },
    /// An interval is not written `YYYY-MM-DD..YYYY-MM-DD`.
    #[error("invalid interval {input:?} (expected YYYY-MM-DD..YYYY-MM-DD, both days included)")]
    InvalidInterval {
        /// The text given, cut to its first 60 characters (then `…`).
        input: String,
    },
    /// Suspensions were given for a period counted in months or years.
    #[error(
        "suspensions apply to periods in working days or days, not to {period} \
         (a month has no fixed number of days to add back)"
    )]
    SuspensionUnsupported {
        /// The period, as written.
        period: String,
    },
    /// A working-hours schedule is malformed.
    #[error("invalid working hours {input:?}: {reason}")]
    InvalidSchedule {
        /// The schedule as given, cut to its first 60 characters (then `…`).
        input: String,
        /// Why it was refused.
        reason: String,
    },
    /// The calendar has no working days in its weekly rule, so no working
    /// day can be found beyond its coverage.
    #[error("calendar {name:?} has no working days in its weekly rule")]
    NoWorkingDays {
        /// The calendar's name.
        name: String,
    },
    /// A calendar or overlay data file is malformed; every problem found is
    /// listed.
    #[error("{0}")]
    Data(Box<DataErrors>),
}

impl Error {
    /// The error in Chinese: every variant, with the same values (dates,
    /// periods, the text given, a data file's `file:line` and fields) as
    /// its English text. A data file's problems that the TOML parser
    /// words keep its words, within Chinese ones.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_calendar::Period;
    ///
    /// let e = "20x".parse::<Period>().unwrap_err();
    /// assert_eq!(
    ///     e.zh(),
    ///     "期限“20x”无效：未知的单位：应为 wd（工作日）、d（自然日）、m（月）或 y（年）"
    /// );
    /// ```
    pub fn zh(&self) -> String {
        match self {
            Error::OutOfCoverage { date, first, last } => format!(
                "{date} 超出日历覆盖范围 {first}..={last}：尚无放假安排通知覆盖该日\
                 （暂定模式按法定节假日和周休规则作答，并标明暂定）"
            ),
            Error::BeforeCoverage {
                date,
                first,
                earliest,
            } => format!(
                "{date} 早于日历的第一份通知（覆盖自 {first} 起），不予计算\
                 （暂定模式推算 {earliest} 及以后的日期，更早的不推算）"
            ),
            Error::BeyondHorizon { date, horizon } => format!(
                "{date} 超出日历的计算期限 {horizon}：结果、期限和中止均不得超过通知覆盖的最后一年之后 200 年"
            ),
            Error::DateOverflow { date } => {
                format!("结果超出可表示的日期范围（自 {date} 起算）")
            }
            Error::InvalidPeriod { input, reason } => {
                format!("期限{}无效：{}", quote_zh(input), period_reason_zh(reason))
            }
            Error::ReversedSuspension { from, to } => {
                format!("中止期间 {from}..{to} 的结束日早于开始日")
            }
            Error::InvalidInterval { input } => format!(
                "区间{}无效（应为 YYYY-MM-DD..YYYY-MM-DD，首尾两日均计入）",
                quote_zh(input)
            ),
            Error::SuspensionUnsupported { period } => format!(
                "中止只适用于以工作日或自然日计的期限，不适用于 {period}（一个月没有固定的天数可以补回）"
            ),
            Error::InvalidSchedule { input, reason } => format!(
                "作息时间{}无效：{}",
                quote_zh(input),
                schedule_reason_zh(reason)
            ),
            Error::NoWorkingDays { name } => {
                format!("日历{}的周休规则中没有工作日", quote_zh(name))
            }
            Error::Data(d) => d.zh(),
        }
    }

    pub(crate) fn data(origin: &str, problems: Vec<Problem>, omitted: usize) -> Error {
        Error::Data(Box::new(DataErrors {
            origin: origin.to_owned(),
            problems,
            omitted,
        }))
    }
}

/// All problems found in one calendar data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataErrors {
    /// Where the data came from (a file name, or `<bundled>`).
    pub origin: String,
    /// The problems found, in file order: at most
    /// [`crate::data::MAX_PROBLEMS`].
    pub problems: Vec<Problem>,
    /// How many more problems were found and not listed.
    pub omitted: usize,
}

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len() + self.omitted;
        write!(
            f,
            "invalid calendar data in {}: {} problem{}",
            self.origin,
            n,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {}:{p}", self.origin)?;
        }
        if self.omitted > 0 {
            write!(
                f,
                "\n  … and {} more problem{} not listed (at most {} are)",
                self.omitted,
                if self.omitted == 1 { "" } else { "s" },
                crate::data::MAX_PROBLEMS
            )?;
        }
        Ok(())
    }
}

impl DataErrors {
    /// The problems in Chinese: the same lines, locations and values as
    /// the English text, each problem in its [`Problem::message_zh`].
    pub fn zh(&self) -> String {
        let n = self.problems.len() + self.omitted;
        let mut out = format!("{} 中的日历数据有误：共 {n} 处问题", self.origin);
        for p in &self.problems {
            out.push_str(&format!("\n  {}:{}", self.origin, p.zh()));
        }
        if self.omitted > 0 {
            out.push_str(&format!(
                "\n  ……另有 {} 处问题未列出（最多列出 {} 处）",
                self.omitted,
                crate::data::MAX_PROBLEMS
            ));
        }
        out
    }
}

/// One problem in a calendar data file, with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// The field, as a path such as `notice[3].holidays[1].work[0]`, where
    /// known.
    pub field: Option<String>,
    /// What is wrong, naming the value.
    pub message: String,
    /// What is wrong, in Chinese, naming the same values; where the TOML
    /// parser's own words say it, they are kept, within Chinese words.
    pub message_zh: String,
    /// What kind of problem this is, for programs that react to it.
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{line}: ")?,
            None => f.write_str(" ")?,
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl Problem {
    /// The problem as its [`fmt::Display`] writes it, in Chinese.
    pub fn zh(&self) -> String {
        let mut out = match self.line {
            Some(line) => format!("{line}: "),
            None => " ".to_owned(),
        };
        if let Some(field) = &self.field {
            out.push_str(&format!("{field}: "));
        }
        out.push_str(&self.message_zh);
        out
    }
}

/// The kinds of problem a calendar data file can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// Not valid TOML, a missing field, a wrong type or an unknown field.
    Syntax,
    /// The `format` number is not one this version reads.
    UnsupportedFormat,
    /// A day or span that is not a valid date (`2025-02-30`), or a span
    /// that ends before it starts.
    BadDay,
    /// A notice's year is outside the supported years
    /// ([`crate::data::YEARS`]).
    BadYear,
    /// The weekend names an unknown day, or names one twice.
    BadWeekend,
    /// A make-up working day (`work`) that is already a working day under
    /// the weekly rule.
    WorkOnWorkingDay,
    /// The same day listed twice in one notice, or listed by two notices
    /// where neither amends the other.
    DuplicateDay,
    /// A base calendar without any notice.
    NoNotices,
    /// Two notices for the same year where neither amends the other.
    DuplicateYear,
    /// The years of the notices leave a gap, so coverage would have a hole.
    CoverageGap,
    /// `amends` names a document that no earlier notice in the file has.
    UnknownAmendedNotice,
    /// A base file was given where an overlay was expected, or the reverse.
    WrongKind,
    /// An overlay lists a day outside the coverage of the calendar it is
    /// applied to.
    OverlayOutsideCoverage,
    /// A notice lists a day outside its year (and the December before it),
    /// or a base calendar's notice lists a day outside the years of the
    /// file's notices.
    DayOutsideYears,
}

/// Text from the input as an error quotes it: its first 60 characters,
/// then `…` where it was longer. Input is hostile, and a kilobyte of it
/// must not make a kilobyte of message.
pub(crate) fn cut(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// `text` in Chinese quotes, with the escapes its `{:?}` form has (a
/// control character or a quote in hostile input stays visible).
pub(crate) fn quote_zh(text: &str) -> String {
    let debug = format!("{text:?}");
    let inner = debug
        .strip_prefix('"')
        .and_then(|d| d.strip_suffix('"'))
        .unwrap_or(&debug);
    format!("“{inner}”")
}

/// A weekday's Chinese name.
pub(crate) fn weekday_zh(day: chrono::Weekday) -> &'static str {
    [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ][day.num_days_from_monday() as usize]
}

/// Why a period was refused, in Chinese.
fn period_reason_zh(reason: &str) -> String {
    match reason {
        "missing unit: write wd, d, m or y after the number" => {
            "缺少单位：在数字后写 wd、d、m 或 y".to_owned()
        }
        "missing number before the unit" => "单位前缺少数字".to_owned(),
        "number too large" => "数字过大".to_owned(),
        "number too large (at most 36600)" => "数字过大（最多 36600）".to_owned(),
        "unknown unit: use wd (working days), d (days), m (months) or y (years)" => {
            "未知的单位：应为 wd（工作日）、d（自然日）、m（月）或 y（年）".to_owned()
        }
        other => other.to_owned(),
    }
}

/// Why working hours were refused, in Chinese.
fn schedule_reason_zh(reason: &str) -> String {
    match reason {
        "a schedule needs at least one session" => "作息时间至少要有一个时段".to_owned(),
        "each session must end after it starts" => "每个时段的结束时间必须晚于开始时间".to_owned(),
        "sessions must be in order and must not overlap" => {
            "各时段必须按先后排列，且不得重叠".to_owned()
        }
        "offset must look like +08:00: a sign, hours 00 to 23 and minutes 00 to 59 (RFC 3339)" => {
            "时区偏移应形如 +08:00：正负号、00 到 23 的小时和 00 到 59 的分钟（RFC 3339）"
                .to_owned()
        }
        "each session must look like 08:30-12:00" => "每个时段应形如 08:30-12:00".to_owned(),
        "times must look like 08:30" => "时间应形如 08:30".to_owned(),
        other => other.to_owned(),
    }
}

/// A TOML parser's message in Chinese: the messages of serde's derive
/// (a missing, unknown or repeated field) and this crate's own (a bad day
/// or span) in Chinese words; any other (a TOML syntax error, a wrong
/// type) keeps the parser's words within a Chinese frame.
pub(crate) fn parser_zh(message: &str) -> String {
    let between = |prefix: &str, suffix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|m| m.strip_suffix(suffix))
            .map(str::to_owned)
    };
    if let Some(name) = between("missing field `", "`") {
        return format!("缺少字段 `{name}`");
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((name, expected)) = rest.split_once("`, expected one of ") {
            return format!("未知字段 `{name}`，应为以下之一：{expected}");
        }
        if let Some((name, expected)) = rest.split_once("`, expected ") {
            return format!("未知字段 `{name}`，应为 {expected}");
        }
        if let Some(name) = rest.strip_suffix("`, there are no fields") {
            return format!("未知字段 `{name}`：此处不接受任何字段");
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        if let Some((name, expected)) = rest.split_once("`, expected one of ") {
            return format!("未知的取值 `{name}`，应为以下之一：{expected}");
        }
        if let Some((name, expected)) = rest.split_once("`, expected ") {
            return format!("未知的取值 `{name}`，应为 {expected}");
        }
    }
    if let Some(name) = between("duplicate field `", "`") {
        return format!("字段 `{name}` 重复");
    }
    if let Some(date) = between("invalid date ", " (expected YYYY-MM-DD)") {
        return format!("日期 {} 无效（应为 YYYY-MM-DD）", chinese_quotes(&date));
    }
    if let Some(span) = between("span ", " ends before it starts") {
        return format!("区间 {} 的结束日早于开始日", chinese_quotes(&span));
    }
    if message.starts_with("invalid type: ") {
        return format!("类型不符（解析器的说明：{message}）");
    }
    if message.starts_with("invalid value: ") || message.starts_with("invalid length ") {
        return format!("取值无效（解析器的说明：{message}）");
    }
    format!("无法解析（TOML 解析器的说明：{message}）")
}

/// A value the English text quotes in `"…"` (its `{:?}` form), in Chinese
/// quotes instead.
fn chinese_quotes(debug: &str) -> String {
    match debug.strip_prefix('"').and_then(|d| d.strip_suffix('"')) {
        Some(inner) => format!("“{inner}”"),
        None => debug.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn every_variant_speaks_chinese_with_its_values() {
        let cases = [
            (
                Error::OutOfCoverage {
                    date: d("2040-01-01"),
                    first: d("2010-01-01"),
                    last: d("2026-12-31"),
                },
                "2040-01-01 超出日历覆盖范围 2010-01-01..=2026-12-31：尚无放假安排通知覆盖该日（暂定模式按法定节假日和周休规则作答，并标明暂定）",
            ),
            (
                Error::BeforeCoverage {
                    date: d("2001-05-01"),
                    first: d("2010-01-01"),
                    earliest: d("2008-01-01"),
                },
                "2001-05-01 早于日历的第一份通知（覆盖自 2010-01-01 起），不予计算（暂定模式推算 2008-01-01 及以后的日期，更早的不推算）",
            ),
            (
                Error::BeyondHorizon {
                    date: d("2300-01-01"),
                    horizon: d("2226-12-31"),
                },
                "2300-01-01 超出日历的计算期限 2226-12-31：结果、期限和中止均不得超过通知覆盖的最后一年之后 200 年",
            ),
            (
                Error::DateOverflow {
                    date: d("2025-01-01"),
                },
                "结果超出可表示的日期范围（自 2025-01-01 起算）",
            ),
            (
                Error::InvalidPeriod {
                    input: "wd".into(),
                    reason: "missing number before the unit",
                },
                "期限“wd”无效：单位前缺少数字",
            ),
            (
                Error::ReversedSuspension {
                    from: d("2025-03-14"),
                    to: d("2025-03-10"),
                },
                "中止期间 2025-03-14..2025-03-10 的结束日早于开始日",
            ),
            (
                Error::InvalidInterval {
                    input: "a\"b".into(),
                },
                "区间“a\\\"b”无效（应为 YYYY-MM-DD..YYYY-MM-DD，首尾两日均计入）",
            ),
            (
                Error::SuspensionUnsupported {
                    period: "2m".into(),
                },
                "中止只适用于以工作日或自然日计的期限，不适用于 2m（一个月没有固定的天数可以补回）",
            ),
            (
                Error::InvalidSchedule {
                    input: "09:00-08:00".into(),
                    reason: "each session must end after it starts".into(),
                },
                "作息时间“09:00-08:00”无效：每个时段的结束时间必须晚于开始时间",
            ),
            (
                Error::NoWorkingDays { name: "x".into() },
                "日历“x”的周休规则中没有工作日",
            ),
        ];
        for (e, zh) in cases {
            assert_eq!(e.zh(), zh, "{e}");
        }
    }

    #[test]
    fn every_period_and_schedule_reason_has_chinese() {
        for bad in ["20", "wd", "99999999999wd", "40000d", "3x"] {
            let e = bad.parse::<crate::Period>().unwrap_err();
            let Error::InvalidPeriod { reason, .. } = &e else {
                panic!("{e}")
            };
            assert_ne!(period_reason_zh(reason), *reason, "{e}");
        }
        for bad in [
            "",
            "08:30",
            "8-9",
            "09:00-08:00",
            "10:00-12:00,09:00-11:00",
            "08:30-12:00@x",
        ] {
            let e = bad.parse::<crate::WorkingHours>().unwrap_err();
            let Error::InvalidSchedule { reason, .. } = &e else {
                panic!("{e}")
            };
            assert_ne!(schedule_reason_zh(reason), *reason, "{e}");
        }
    }

    #[test]
    fn data_errors_list_each_problem_in_chinese() {
        let file = "format = 2\nname = \"x\"\nkind = \"base\"\nweekend = [\"sat\", \"sat\"]\n\
                    [[notice]]\nyear = 2025\ndocument = \"d\"\n[[notice.holidays]]\nname = \"a\"\n\
                    work = [\"2025-01-06\"]\n";
        let e = crate::Calendar::from_toml_str(file, "c.toml").unwrap_err();
        assert_eq!(
            e.zh(),
            "c.toml 中的日历数据有误：共 3 处问题\n  \
             c.toml:1: format: 不支持格式 2（本版本读取格式 1）\n  \
             c.toml:4: weekend[1]: Sat 重复列出\n  \
             c.toml:10: notice[0].holidays[0].work[0]: 调休上班日 2025-01-06 是星期一，按周休规则本就是工作日"
        );
        let e = crate::Calendar::from_toml_str("format = 1\nname = 3\n", "c.toml").unwrap_err();
        assert_eq!(
            e.zh(),
            "c.toml 中的日历数据有误：共 1 处问题\n  \
             c.toml:2: 类型不符（解析器的说明：invalid type: integer `3`, expected a string）（位于 `name = 3`）"
        );
        let many = DataErrors {
            origin: "o".into(),
            problems: vec![],
            omitted: 2,
        };
        assert_eq!(
            many.zh(),
            format!(
                "o 中的日历数据有误：共 2 处问题\n  ……另有 2 处问题未列出（最多列出 {} 处）",
                crate::data::MAX_PROBLEMS
            )
        );
    }

    #[test]
    fn parser_messages_are_framed_or_translated() {
        assert_eq!(parser_zh("missing field `name`"), "缺少字段 `name`");
        assert_eq!(
            parser_zh("unknown field `x`, expected one of `a`, `b`"),
            "未知字段 `x`，应为以下之一：`a`, `b`"
        );
        assert_eq!(
            parser_zh("span \"2025-02-03..2025-02-01\" ends before it starts"),
            "区间 “2025-02-03..2025-02-01” 的结束日早于开始日"
        );
        assert_eq!(
            parser_zh("invalid string"),
            "无法解析（TOML 解析器的说明：invalid string）"
        );
    }
}
