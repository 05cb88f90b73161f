//! Explanations: why a period ends where it does.
//!
//! A clerk who tells an applicant "the decision is due on 9 October" must be
//! able to show why: the day the period started (not counted, Civil Code
//! Art. 201), each day that was not counted (a weekend, a holiday and the
//! notice that made it one, a suspension and its reason), and whether the
//! end was moved past a day off (Art. 203). [`Explanation`] is that record,
//! as data that serializes to JSON and prints as text.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

use crate::calendar::{Calendar, DayKind};
use crate::error::Error;
use crate::period::{Period, PeriodOptions, Trace};
use crate::statutory::STATUTORY_SOURCE;
use crate::suspension::{Suspension, SuspensionPolicy, merge};

/// Why a period ends where it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Explanation {
    /// The calendar used, by name.
    pub calendar: String,
    /// The first and last day its notices cover.
    pub coverage: Coverage,
    /// The day the period started (not itself counted).
    pub start: NaiveDate,
    /// The period.
    pub period: Period,
    /// The last day of the period.
    pub end: NaiveDate,
    /// True when a day between start and end lies outside coverage and was
    /// taken from the weekly rule.
    pub provisional: bool,
    /// The end before Civil Code Art. 203 moved it past days off; equal to
    /// `end` when it was not moved.
    pub nominal_end: NaiveDate,
    /// The days between start and end that were not counted, in order, each
    /// with its reason. For calendar-day periods only suspended days and the
    /// days the end was moved past appear.
    pub skipped: Vec<SkippedDay>,
    /// For working-day periods, the weekend days between start and end that
    /// a notice made working days (调休上班) and that were therefore
    /// counted, so that the listed days add up: counted days = calendar
    /// days − skipped days, and weekdays − skipped weekdays + these = the
    /// period.
    pub worked: Vec<WorkedDay>,
    /// The suspensions in force (merged), and under the reset policy the
    /// one after which counting restarted.
    pub suspensions: Vec<Suspension>,
    /// Under [`SuspensionPolicy::Reset`], the suspension after which the
    /// count restarted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restarted_after: Option<Suspension>,
    /// The rules applied, with the article each comes from.
    pub rules: Vec<Rule>,
}

/// A calendar's coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Coverage {
    /// The first covered day.
    pub first: NaiveDate,
    /// The last covered day.
    pub last: NaiveDate,
}

/// A day that was not counted, or a long run of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SkippedDay {
    /// The day (the first day of a run).
    pub date: NaiveDate,
    /// For a suspension longer than [`MAX_LISTED_RUN`] days, the last day
    /// of the run: every day of `date..=through` was skipped for `reason`
    /// (the days off inside it included), so that an explanation's size
    /// does not grow with a suspension's length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<NaiveDate>,
    /// Why it was not counted.
    pub reason: SkipReason,
}

/// Suspensions longer than this many days are listed as one run
/// ([`SkippedDay::through`]) instead of day by day.
pub const MAX_LISTED_RUN: i64 = 31;

/// A weekend day that a notice made a working day, counted in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct WorkedDay {
    /// The day.
    pub date: NaiveDate,
    /// The holiday it was worked for, e.g. `春节`.
    pub name: String,
    /// The notice's document number.
    pub document: String,
    /// The overlay's region, for a regional make-up day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// Why a day was not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SkipReason {
    /// A weekend day under the weekly rule.
    Weekend {
        /// True when the day lies outside coverage, so that a notice not
        /// yet published may still make it a working day.
        provisional: bool,
    },
    /// A day off under a notice.
    Holiday {
        /// The holiday, e.g. `春节`.
        name: String,
        /// The notice's document number; for a provisional day, the
        /// Measures (`全国年节及纪念日放假办法`).
        document: String,
        /// The overlay's region, for a regional day off.
        #[serde(skip_serializing_if = "Option::is_none")]
        region: Option<String>,
        /// True for a statutory day outside coverage, computed from the
        /// Measures: the notice for it is not yet published.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        provisional: bool,
    },
    /// The clock stood still.
    Suspended {
        /// The suspension's reason.
        reason: String,
    },
    /// The nominal end was a day off and the end moved past it
    /// (Civil Code Art. 203); `day` says what kind of day off it was.
    RolledPast {
        /// The reason the day was a day off.
        day: Box<SkipReason>,
    },
}

/// A rule applied, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Rule {
    /// The source, e.g. `民法典第二百零一条`.
    pub citation: String,
    /// What the rule says, in a sentence.
    pub text: String,
    /// The same in Chinese (the statute's own words where it has some).
    pub text_zh: String,
}

fn rule(citation: &str, text: &str, text_zh: &str) -> Rule {
    Rule {
        citation: citation.to_owned(),
        text: text.to_owned(),
        text_zh: text_zh.to_owned(),
    }
}

/// The language of an explanation's text ([`Explanation::render`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Language {
    /// English, the default.
    #[default]
    English,
    /// Simplified Chinese.
    Chinese,
}

impl Language {
    fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Language::English => en,
            Language::Chinese => zh,
        }
    }
}

pub(crate) fn build(
    cal: &Calendar,
    start: NaiveDate,
    period: Period,
    opts: &PeriodOptions,
    trace: &Trace,
) -> Result<Explanation, Error> {
    let suspensions = merge(&opts.suspensions);
    let restarted_after = trace
        .restarted_after
        .and_then(|(from, _)| suspensions.iter().find(|s| s.from == from).cloned());
    let working = matches!(period, Period::WorkingDays(_));
    let mut skipped = Vec::new();
    let mut worked = Vec::new();
    // Under the reset policy the days before the restart were counted and
    // then discarded; the explanation lists the days from the restart on.
    let from = trace.restarted_after.map_or(start, |(_, to)| to.max(start));
    let last = trace.end.pred_opt().unwrap_or(trace.end);
    let mut day = from;
    while day < trace.end {
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
        if trace.nominal_end != trace.end && day >= trace.nominal_end {
            if day < trace.end {
                let reason = day_off_reason(cal, day)?;
                skipped.push(SkippedDay {
                    date: day,
                    through: None,
                    reason: SkipReason::RolledPast {
                        day: Box::new(reason),
                    },
                });
            }
            continue;
        }
        if let Some(s) = suspensions.iter().find(|s| s.contains(day)) {
            let run_end = s.to.min(last);
            if (run_end - day).num_days() >= MAX_LISTED_RUN {
                skipped.push(SkippedDay {
                    date: day,
                    through: Some(run_end),
                    reason: SkipReason::Suspended {
                        reason: s.reason.clone(),
                    },
                });
                day = run_end;
                continue;
            }
            if !working || cal.is_working_day(day)? {
                skipped.push(SkippedDay {
                    date: day,
                    through: None,
                    reason: SkipReason::Suspended {
                        reason: s.reason.clone(),
                    },
                });
                continue;
            }
        }
        if working {
            let is_working = cal.is_working_day(day)?;
            if !is_working {
                skipped.push(SkippedDay {
                    date: day,
                    through: None,
                    reason: day_off_reason(cal, day)?,
                });
            } else if !cal.weekly_rule(day.weekday()) {
                if let Some(h) = cal.day(day)?.holiday {
                    worked.push(WorkedDay {
                        date: day,
                        name: h.name,
                        document: h.document,
                        region: h.region,
                    });
                }
            }
        }
    }

    let mut rules = vec![rule(
        "民法典第二百零一条",
        "the day on which a period starts is not counted; counting starts the next day",
        "按照日、月、年计算期间的，开始的当日不计入，自下一日开始计算",
    )];
    match period {
        Period::WorkingDays(_) => rules.push(rule(
            "国务院办公厅节假日安排通知",
            "working days exclude weekends and the public holidays of the State Council's notices, \
             and include the weekend days those notices make working days",
            "工作日不含国务院办公厅通知安排的节假日和周末，含通知安排调休上班的周末",
        )),
        Period::Months(_) | Period::Years(_) => rules.push(rule(
            "民法典第二百零二条",
            "a period in months or years ends on the corresponding day of its last month, \
             or on that month's last day where there is no corresponding day",
            "按照月、年计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日",
        )),
        Period::Days(_) => {}
    }
    if trace.nominal_end != trace.end {
        rules.push(rule(
            "民法典第二百零三条",
            "a period whose last day is a statutory day off ends on the first working day after it",
            "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日",
        ));
    } else if !opts.roll_past_days_off && !working {
        rules.push(rule(
            "民法典第二百零四条",
            "the rule moving an end past days off is not applied, as the instrument provides otherwise",
            "法律另有规定或者当事人另有约定的，期间届满不顺延",
        ));
    }
    if !suspensions.is_empty() {
        rules.push(match opts.suspension_policy {
            SuspensionPolicy::Continue => rule(
                "行政许可法第四十五条",
                "time during which the clock is suspended (hearing, tender, auction, inspection, testing, \
                 quarantine, appraisal, expert review) is not counted",
                "依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在期限内",
            ),
            SuspensionPolicy::Reset => rule(
                "suspension (reset)",
                "after a suspension the period runs again in full from the day after it ends",
                "中断事由消除后，期间自次日起重新计算",
            ),
        });
    }
    let provisional = cal.is_provisional_span(start, trace.end);
    if provisional {
        let (first, last) = cal.coverage();
        rules.push(Rule {
            citation: "provisional".to_owned(),
            text: format!(
                "days outside the calendar's coverage {first}..={last} follow the statutory holidays of \
                 {STATUTORY_SOURCE} and the weekly rule; the notice for them is not yet published, \
                 so make-up working days are unknown and the answer may change"
            ),
            text_zh: format!(
                "{first}至{last}以外的日期按{STATUTORY_SOURCE}规定的法定节假日和周休规则推算；\
                 当年放假安排通知尚未发布，调休上班日未知，结果可能变化"
            ),
        });
    }
    let (first, last) = cal.coverage();
    Ok(Explanation {
        calendar: cal.name().to_owned(),
        coverage: Coverage { first, last },
        start,
        period,
        end: trace.end,
        provisional,
        nominal_end: trace.nominal_end,
        skipped,
        worked,
        suspensions,
        restarted_after,
        rules,
    })
}

fn day_off_reason(cal: &Calendar, day: NaiveDate) -> Result<SkipReason, Error> {
    let info = cal.day(day)?;
    Ok(match (info.kind, info.holiday) {
        (DayKind::Holiday, Some(h)) => SkipReason::Holiday {
            name: h.name,
            document: h.document,
            region: h.region,
            provisional: info.provisional,
        },
        _ => SkipReason::Weekend {
            provisional: info.provisional,
        },
    })
}

impl SkipReason {
    /// The reason as text in `lang`.
    pub fn render(&self, lang: Language) -> String {
        let zh = lang == Language::Chinese;
        match self {
            SkipReason::Weekend { provisional: false } => lang.pick("weekend", "周末").to_owned(),
            SkipReason::Weekend { provisional: true } => lang
                .pick(
                    "weekend (provisional: no notice covers this day yet)",
                    "周末（暂定：尚无通知覆盖此日）",
                )
                .to_owned(),
            SkipReason::Holiday {
                name,
                document,
                region,
                provisional,
            } => {
                let mut out = if zh {
                    format!("节假日 {name}（{document}）")
                } else {
                    format!("holiday {name} ({document})")
                };
                if let Some(r) = region {
                    out.push_str(&if zh {
                        format!("［地区 {r}］")
                    } else {
                        format!(" [region {r}]")
                    });
                }
                if *provisional {
                    out.push_str(lang.pick(
                        " (provisional: computed, the notice is not yet published)",
                        "（暂定：依法推算，通知尚未发布）",
                    ));
                }
                out
            }
            SkipReason::Suspended { reason } => {
                format!("{}{reason}", lang.pick("suspended: ", "中止计算："))
            }
            SkipReason::RolledPast { day } => format!(
                "{}{}",
                lang.pick("end moved past a day off: ", "届满日为休息日，顺延："),
                day.render(lang)
            ),
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Language::English))
    }
}

fn weekday(d: NaiveDate, lang: Language) -> &'static str {
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const ZH: [&str; 7] = [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ];
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Language::English => EN[i],
        Language::Chinese => ZH[i],
    }
}

impl Explanation {
    /// The explanation as text in `lang`, one fact a line; the `Display`
    /// form is the English one.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::{Calendar, Language, Period, PeriodOptions};
    ///
    /// let start = NaiveDate::from_ymd_opt(2025, 1, 24).unwrap();
    /// let ex = Calendar::china_mainland().explain_period_end(start, Period::WorkingDays(3), &PeriodOptions::default())?;
    /// let zh = ex.render(Language::Chinese);
    /// assert!(zh.contains("调休上班 2025-01-26 星期日"));
    /// assert!(zh.contains("届满日    2025-02-05 星期三"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render(&self, lang: Language) -> String {
        let zh = lang == Language::Chinese;
        let mut f = String::new();
        // Writing to a String cannot fail.
        let _ = self.write(&mut f, lang, zh);
        f
    }

    fn write(&self, f: &mut String, lang: Language, zh: bool) -> fmt::Result {
        use std::fmt::Write;
        let l = |en: &'static str, zh: &'static str| lang.pick(en, zh);
        writeln!(
            f,
            "{}{} ({}{}..={})",
            l("calendar  ", "日历      "),
            self.calendar,
            l("covers ", "覆盖 "),
            self.coverage.first,
            self.coverage.last
        )?;
        writeln!(
            f,
            "{}{} {}{}",
            l("start     ", "起算日    "),
            self.start,
            weekday(self.start, lang),
            l(" (not counted)", "（当日不计入）")
        )?;
        writeln!(f, "{}{}", l("period    ", "期限      "), self.period)?;
        for s in &self.suspensions {
            writeln!(
                f,
                "{}{}..={} {}",
                l("suspended ", "中止      "),
                s.from,
                s.to,
                s.reason
            )?;
        }
        if let Some(s) = &self.restarted_after {
            if zh {
                writeln!(
                    f,
                    "重新计算  自中止 {}..={}（{}）结束后",
                    s.from, s.to, s.reason
                )?;
            } else {
                writeln!(
                    f,
                    "restarted after the suspension {}..={} ({})",
                    s.from, s.to, s.reason
                )?;
            }
        }
        for s in &self.skipped {
            match s.through {
                Some(t) => writeln!(
                    f,
                    "{}{}..={} ({} {})  {}",
                    l("skipped   ", "不计入    "),
                    s.date,
                    t,
                    (t - s.date).num_days() + 1,
                    l("days", "日"),
                    s.reason.render(lang)
                )?,
                None => writeln!(
                    f,
                    "{}{} {}  {}",
                    l("skipped   ", "不计入    "),
                    s.date,
                    weekday(s.date, lang),
                    s.reason.render(lang)
                )?,
            }
        }
        for w in &self.worked {
            let region = w
                .region
                .as_deref()
                .map_or(String::new(), |r| format!(" [{r}]"));
            if zh {
                writeln!(
                    f,
                    "调休上班 {} {}  计入：{}（{}）{region}",
                    w.date,
                    weekday(w.date, lang),
                    w.name,
                    w.document
                )?;
            } else {
                writeln!(
                    f,
                    "worked    {} {}  counted: a make-up working day for {} ({}){region}",
                    w.date,
                    weekday(w.date, lang),
                    w.name,
                    w.document
                )?;
            }
        }
        if self.nominal_end != self.end {
            writeln!(
                f,
                "{}{} {}",
                l("nominal   ", "名义届满  "),
                self.nominal_end,
                weekday(self.nominal_end, lang)
            )?;
        }
        writeln!(
            f,
            "{}{} {}{}",
            l("end       ", "届满日    "),
            self.end,
            weekday(self.end, lang),
            if self.provisional {
                l(" (provisional)", "（暂定）")
            } else {
                ""
            }
        )?;
        for r in &self.rules {
            let text = if zh { &r.text_zh } else { &r.text };
            writeln!(
                f,
                "{}{}: {}",
                l("rule      ", "规则      "),
                r.citation,
                text
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Language::English))
    }
}
