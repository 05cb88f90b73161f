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
