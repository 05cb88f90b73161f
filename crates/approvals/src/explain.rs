//! Explanations a clerk or a court can read: for each case, the Art. 32
//! rule that started the clocks (with the sentence of the statute), both
//! clocks with the days they counted and skipped, the suspensions and
//! their reasons (Art. 45), the extension and who approved it (Art. 42),
//! the delivery limit (Art. 44), the working-day rule (Art. 82), and every
//! flag.
//!
//! Each statement is built from the log and the computed dates only: a
//! statement the log contradicts (a "no notice" where a notice was given
//! late) is never made. Every statement comes in English and Chinese;
//! the JSON carries both.

use chrono::NaiveDate;
use jiceng_calendar::{Calendar, DayKind, Explanation, SkipReason};
use schemars::JsonSchema;
use serde::Serialize;

use crate::case::{Application, Case, Handling};
use crate::error::Error;
use crate::evaluate::{
    AcceptanceRule, Evaluation, Flag, Options, clock_options_pub, closed_at_pub, evaluate_app,
    lawful_extension, statutory_limit_counted,
};

/// Art. 32 (4), the sentence deemed acceptance rests on.
pub const ART_32_NOTICE: &str = "申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理";
/// Art. 32 (5), the duty to accept complete materials.
pub const ART_32_ACCEPT: &str = "申请事项属于本行政机关职权范围，申请材料齐全、符合法定形式，或者申请人按照本行政机关的要求提交全部补正申请材料的，应当受理行政许可申请";
/// Art. 82, the working-day rule.
pub const ART_82: &str = "本法规定的行政机关实施行政许可的期限以工作日计算，不含法定节假日";

/// One statement of an explanation, with the article behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Statement {
    /// What it is about: `acceptance`, `statutory`, `promised`,
    /// `suspension`, `extension`, `delivery`, `working_days`, `flag`.
    pub topic: &'static str,
    /// The article it rests on, e.g. `行政许可法第三十二条`.
    pub article: &'static str,
    /// The statement in English.
    pub en: String,
    /// The statement in Chinese.
    pub zh: String,
}

/// A flag explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FlagNote {
    /// The flag.
    pub flag: Flag,
    /// The article behind it.
    pub article: &'static str,
    /// What it means, in English.
    pub en: &'static str,
    /// What it means, in Chinese.
    pub zh: &'static str,
}

/// The explanation of a case's two clocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CaseExplanation {
    /// How the acceptance date was found (Art. 32), in English.
    pub acceptance: String,
    /// The Art. 32 rule applied.
    pub acceptance_rule: AcceptanceRule,
    /// The statutory clock, when running.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statutory: Option<Explanation>,
    /// The promised clock, when there is a promise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promised: Option<Explanation>,
    /// The extension, if approved: date and approver.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// Every statement, in order: acceptance, statutory clock, promised
    /// clock, suspensions, extension, delivery, working days, flags.
    pub statements: Vec<Statement>,
    /// The flags, explained.
    pub flags: Vec<FlagNote>,
    /// The evaluation explained (not serialised: the JSON line of a case
    /// carries it already).
    #[serde(skip)]
    pub evaluation: Evaluation,
}

fn day_or_dash(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "-".to_owned(), |d| d.to_string())
}

/// Skipped days of a clock, by kind: (weekend, holiday, suspended,
/// rolled past).
///
/// A suspension longer than a month is listed as one run
/// ([`SkippedDay::through`](jiceng_calendar::SkippedDay::through)) that covers the
/// days off inside it too; its days are counted here one by one as a short
/// suspension's are: on a clock in working days, its working days as
/// suspended and its days off as weekend days or holidays; on a clock in
/// calendar days, every day as suspended. So the counts add up: the calendar days from
/// the start to the end, less the skipped days, are the days counted.
fn tally(cal: &Calendar, ex: &Explanation) -> Result<(usize, usize, usize, usize), Error> {
    let working = matches!(ex.period, jiceng_calendar::Period::WorkingDays(_));
    let mut t = (0, 0, 0, 0);
    for s in &ex.skipped {
        match (&s.reason, s.through) {
            (SkipReason::Suspended { .. }, Some(through)) if !working => {
                // A clock in calendar days counts days off: every day of
                // the run was stopped.
                let n = (through - s.date).num_days() + 1;
                t.2 += usize::try_from(n).unwrap_or(0);
            }
            (SkipReason::Suspended { .. }, Some(through)) => {
                // The run lies between the clock's start and its end, so
                // its length is bounded by the clock's span.
                let mut day = s.date;
                while day <= through {
                    if cal.is_working_day(day)? {
                        t.2 += 1;
                    } else if cal.day(day)?.kind == DayKind::Holiday {
                        t.1 += 1;
                    } else {
                        t.0 += 1;
                    }
                    day = match day.succ_opt() {
                        Some(d) => d,
                        None => break,
                    };
                }
            }
            (SkipReason::Weekend { .. }, _) => t.0 += 1,
            (SkipReason::Holiday { .. }, _) => t.1 += 1,
            (SkipReason::Suspended { .. }, None) => t.2 += 1,
            (SkipReason::RolledPast { .. }, _) => t.3 += 1,
        }
    }
    Ok(t)
}

fn clock_statement(
    cal: &Calendar,
    topic: &'static str,
    article: &'static str,
    ex: &Explanation,
) -> Result<Statement, Error> {
    let (we, ho, su, ro) = tally(cal, ex)?;
    // Weekend days a notice made working days were counted: each is named
    // with its notice, so that the days listed add up (issue 7).
    let (worked_en, worked_zh) = if ex.worked.is_empty() {
        (String::new(), String::new())
    } else {
        let en: Vec<String> = ex
            .worked
            .iter()
            .map(|w| format!("{} ({}, {})", w.date, w.name, w.document))
            .collect();
        let zh: Vec<String> = ex
            .worked
            .iter()
            .map(|w| format!("{}（{}调休上班，{}）", w.date, w.name, w.document))
            .collect();
        (
            format!("; counted make-up working days: {}", en.join(", ")),
            format!("；计入调休上班日：{}", zh.join("、")),
        )
    };
    let (name_en, name_zh) = if topic == "statutory" {
        ("statutory", "法定期限")
    } else {
        ("promised", "承诺时限")
    };
    Ok(Statement {
        topic,
        article,
        en: format!(
            "{name_en} clock: {} from {} (not counted) ends {}; skipped {we} weekend days, {ho} holidays, {su} suspended days{}{worked_en}{}",
            ex.period,
            ex.start,
            ex.end,
            if ro > 0 {
                format!(", and moved past {ro} days off (民法典第二百零三条)")
            } else {
                String::new()
            },
            if ex.provisional {
                "; provisional: days outside the notices' coverage"
            } else {
                ""
            }
        ),
        zh: format!(
            "{name_zh}：自{}起（当日不计）计{}，至{}届满；不计周末{we}日、节假日{ho}日、暂停计时{su}日{}{worked_zh}{}",
            ex.start,
            crate::catalogue::period_zh(ex.period),
            ex.end,
            if ro > 0 {
                format!("，末日顺延{ro}日（民法典第二百零三条）")
            } else {
                String::new()
            },
            if ex.provisional {
                "；暂定：涉及尚未公布放假安排的日期"
            } else {
                ""
            }
        ),
    })
}

/// Explains a case's deadlines on `at`.
///
/// # Errors
///
/// As [`evaluate`](crate::evaluate).
///
/// # Example
///
/// ```
/// use jiceng_approvals::{explain, AcceptanceRule, Case, Options};
/// use jiceng_calendar::Calendar;
///
/// let case: Case = serde_json::from_str(r#"{"id": "A", "events": [
///     {"date": "2025-09-22", "kind": "received"},
///     {"date": "2025-10-20", "kind": "decided", "outcome": "granted"}]}"#)?;
/// let ex = explain(&case, "2025-10-31".parse()?, &Calendar::china_mainland(), &Options::default())?;
/// assert_eq!(ex.acceptance_rule, AcceptanceRule::DeemedAtReceipt);
/// assert!(ex.statements[0].zh.contains("自收到申请材料之日起即为受理"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn explain(
    case: &Case,
    at: NaiveDate,
    cal: &Calendar,
    opts: &Options,
) -> Result<CaseExplanation, Error> {
    let app = Application::replay(&case.events, Some(at))?;
    let e = evaluate_app(&app, case, at, cal, opts)?;
    let at = closed_at_pub(&app, at);
    let d = e.deadlines;
    let art32 = "行政许可法第三十二条";
    let mut statements = Vec::new();
    let notice_due = day_or_dash(d.notice_due);
    let (en, zh) = match (d.received, d.acceptance, d.acceptance_rule) {
        (None, _, _) => (
            "no materials received yet".to_owned(),
            "尚未收到申请材料".to_owned(),
        ),
        (Some(r), Some(a), AcceptanceRule::DeemedAtReceipt) => {
            let timely_notice = app
                .first_notice
                .is_some_and(|n| d.notice_due.is_some_and(|due| n <= due));
            let decided_in_window = app.accepted.is_none()
                && app.first_notice.is_none()
                && app
                    .decided
                    .is_some_and(|(x, _)| d.notice_due.is_some_and(|due| x <= due));
            let what = match (app.accepted, app.first_notice) {
                (Some(x), Some(n)) => format!(
                    "incomplete materials notified on {n} and accepted on {x}, both after the window ended on {notice_due}"
                ),
                (Some(x), None) => {
                    format!(
                        "accepted on {x}, after the window ended on {notice_due}, with no incomplete-materials notice"
                    )
                }
                (None, Some(n)) if d.notice_due.is_some_and(|due| n > due) => format!(
                    "incomplete materials notified on {n}, after the window ended on {notice_due}"
                ),
                (None, Some(n)) => format!(
                    "incomplete materials notified on {n}, then decided on {} with no supplement and no acceptance on record",
                    day_or_dash(d.decided)
                ),
                (None, None) => match app.decided {
                    Some((x, _)) if x <= d.notice_due.unwrap_or(x) => format!(
                        "no acceptance on record; decided on {x}, within the window ending {notice_due}"
                    ),
                    _ => {
                        format!("no acceptance and no incomplete-materials notice by {notice_due}")
                    }
                },
            };
            (
                if timely_notice || decided_in_window {
                    format!(
                        "received {r}; {what}; so the clocks count from the day of receipt, {a}, the earliest day it could have been accepted (行政许可法第三十二条)"
                    )
                } else {
                    format!(
                        "received {r}; {what}; so the application counts as accepted on the day of receipt, {a}: \"{ART_32_NOTICE}\" (行政许可法第三十二条)"
                    )
                },
                if timely_notice {
                    format!(
                        "{r}收到申请材料；告知补正后未补正、未受理即作出决定，自收到申请材料之日起计算（{a}）（行政许可法第三十二条）"
                    )
                } else if decided_in_window {
                    format!(
                        "{r}收到申请材料；无受理记录，五日内（至{notice_due}）即作出决定，自收到申请材料之日起计算（{a}）（行政许可法第三十二条）"
                    )
                } else {
                    format!(
                        "{r}收到申请材料；五日内（至{notice_due}）未受理亦未告知补正，自收到申请材料之日起即为受理（{a}）：“{ART_32_NOTICE}”（行政许可法第三十二条）"
                    )
                },
            )
        }
        (Some(r), Some(a), AcceptanceRule::FromSupplement) => (
            format!(
                "received {r}; incomplete materials notified on {}; supplemented on {a}; decided with no acceptance on record, so the clocks count from the supplement (行政许可法第三十二条)",
                day_or_dash(app.first_notice)
            ),
            format!(
                "{r}收到申请材料；{}告知补正；{a}补正；无受理记录即作出决定，自补正之日起计算（行政许可法第三十二条）",
                day_or_dash(app.first_notice)
            ),
        ),
        (Some(r), Some(a), _) => {
            let notice = match app.first_notice {
                Some(n) => match d.acceptance_due {
                    Some(due) => format!(
                        "incomplete materials notified on {n}, within the window ending {notice_due}; supplemented on {}, which opens a new 5-working-day window for acceptance, to {due}; ",
                        day_or_dash(app.last_supplement)
                    ),
                    None => format!(
                        "incomplete materials notified on {n}, within the window ending {notice_due}; "
                    ),
                },
                None => format!("accepted within the window ending {notice_due}; "),
            };
            (
                format!(
                    "received {r}; {notice}accepted {a}; the clocks start on the day of acceptance, not counted (行政许可法第三十二条、第四十二条，民法典第二百零一条)"
                ),
                format!(
                    "{r}收到申请材料；{a}受理（五日内受理或一次告知补正）；自受理之日起计算期限，当日不计（行政许可法第三十二条、第四十二条，民法典第二百零一条）"
                ),
            )
        }
        (Some(r), None, AcceptanceRule::AwaitingSupplement) => (
            format!(
                "received {r}; incomplete materials notified on {}, within the window ending {notice_due}; waiting for the applicant to supplement (行政许可法第三十二条)",
                day_or_dash(app.first_notice)
            ),
            format!(
                "{r}收到申请材料；{}一次告知补正；等待申请人补正（行政许可法第三十二条）",
                day_or_dash(app.first_notice)
            ),
        ),
        (Some(r), None, AcceptanceRule::AwaitingAcceptance) => (
            format!(
                "received {r}; supplemented on {}; the agency must accept within 5 working days, by {}; waited {} working days: \"{ART_32_ACCEPT}\" (行政许可法第三十二条)",
                day_or_dash(app.last_supplement),
                day_or_dash(d.acceptance_due),
                d.waiting_working_days.unwrap_or(0)
            ),
            format!(
                "{r}收到申请材料；{}补正；应于{}前受理；已等待{}个工作日：“{ART_32_ACCEPT}”（行政许可法第三十二条）",
                day_or_dash(app.last_supplement),
                day_or_dash(d.acceptance_due),
                d.waiting_working_days.unwrap_or(0)
            ),
        ),
        (Some(r), None, _) => (
            format!(
                "received {r}; not accepted yet; the agency must accept or notify incomplete materials by {notice_due}: \"{ART_32_NOTICE}\" (行政许可法第三十二条)"
            ),
            format!(
                "{r}收到申请材料；尚未受理；应于{notice_due}前受理或一次告知补正：“{ART_32_NOTICE}”（行政许可法第三十二条）"
            ),
        ),
    };
    statements.push(Statement {
        topic: "acceptance",
        article: art32,
        en: en.clone(),
        zh,
    });
    let mut out = CaseExplanation {
        acceptance: en,
        acceptance_rule: d.acceptance_rule,
        statutory: None,
        promised: None,
        extension: None,
        statements: Vec::new(),
        flags: Vec::new(),
        evaluation: e,
    };
    if let Some(acc) = d.acceptance {
        let copts = clock_options_pub(&app, at, cal)?;
        if let Some(review_due) = d.review_due {
            statements.push(Statement {
                topic: "preliminary_review",
                article: "行政许可法第四十三条",
                en: format!(
                    "a lower agency reviews first: 20 working days from {acc}, by {review_due}; forwarded: {}; the deciding agency's clock starts on the day it is forwarded",
                    day_or_dash(d.forwarded)
                ),
                zh: format!(
                    "下级行政机关应当自{acc}受理之日起二十日内审查完毕（至{review_due}）；报送：{}；上级机关自收到之日起计算期限",
                    day_or_dash(d.forwarded)
                ),
            });
        }
        // The statutory clock starts at acceptance, or under a preliminary
        // review on the day the review was forwarded.
        let stat_start = d.statutory_due.map(|_| {
            if d.review_due.is_some() {
                d.forwarded.unwrap_or(acc)
            } else {
                acc
            }
        });
        if let Some(start) = stat_start {
            let stat = cal.explain_period_end(
                start,
                statutory_limit_counted(&case.limits, d.extension_counted)?,
                &copts,
            )?;
            statements.push(clock_statement(
                cal,
                "statutory",
                if case.limits.joint {
                    "行政许可法第四十二条第二款"
                } else {
                    "行政许可法第四十二条"
                },
                &stat,
            )?);
            out.statutory = Some(stat);
        }
        let promise = match (case.limits.promised, case.handling) {
            (Some(p), _) => Some(p),
            (None, Handling::OnTheSpot) => Some(jiceng_calendar::Period::WorkingDays(0)),
            (None, Handling::Promised) => None,
        };
        if let Some(p) = promise {
            let prom = cal.explain_period_end(acc, p, &copts)?;
            statements.push(clock_statement(cal, "promised", "承诺时限", &prom)?);
            out.promised = Some(prom);
        }
        for s in &copts.suspensions {
            let open = app.open_suspension.is_some_and(|(f, _)| f == s.from);
            statements.push(Statement {
                topic: "suspension",
                article: "行政许可法第四十五条",
                en: format!(
                    "suspended {}..{} for {}{}: the time is not counted",
                    s.from,
                    s.to,
                    s.reason,
                    match (open, app.ended) {
                        (true, Some(_)) => " (still open when the case ended)",
                        (true, None) => " (still open on the evaluation date)",
                        _ => "",
                    }
                ),
                zh: format!(
                    "{}至{}因{}暂停计时{}，所需时间不计算在期限内",
                    s.from,
                    s.to,
                    s.reason,
                    match (open, app.ended) {
                        (true, Some(_)) => "（办结时仍未恢复）",
                        (true, None) => "（评估日仍未恢复）",
                        _ => "",
                    }
                ),
            });
        }
    }
    if let Some(x) = &app.extension {
        let role = x.role.map_or("role not stated", |r| match r {
            crate::case::ApproverRole::AgencyHead => "head of the agency",
            crate::case::ApproverRole::GovernmentHead => "head of the government",
            crate::case::ApproverRole::TownshipHead => "head of the township government",
            crate::case::ApproverRole::Other => "not a head the law names",
        });
        let role_zh = x.role.map_or("未写明职务", |r| r.zh());
        let law = lawful_extension(case.limits.joint);
        // The case's own limit, when shorter than the law's: an item that
        // allows no extension has 0.
        let own = match case.limits.extension {
            jiceng_calendar::Period::WorkingDays(n) if n < law => Some(n),
            _ => None,
        };
        let stated = x.length.map_or_else(String::new, |p| format!(", for {p}"));
        let stated_zh = x.length.map_or_else(String::new, |p| {
            format!("，延长{}", crate::catalogue::period_zh(p))
        });
        let (own_en, own_zh) = own.map_or_else(
            || (String::new(), String::new()),
            |n| {
                (
                    format!(", this item {n}"),
                    format!("，本事项可延长{n}个工作日"),
                )
            },
        );
        let text = format!(
            "extended on {}, approved by {} ({role}){stated}; the law allows {law} working days once{own_en}; counted: {} working days (行政许可法第四十二条)",
            x.date, x.approved_by, d.extension_counted
        );
        statements.push(Statement {
            topic: "extension",
            article: "行政许可法第四十二条",
            en: text.clone(),
            zh: format!(
                "{}经{}（{role_zh}）批准延长期限{stated_zh}；法定可延长一次、{law}个工作日{own_zh}；计入{}个工作日（行政许可法第四十二条）",
                x.date, x.approved_by, d.extension_counted
            ),
        });
        out.extension = Some(text);
    }
    if let Some(due) = d.delivery_due {
        statements.push(Statement {
            topic: "delivery",
            article: "行政许可法第四十四条",
            en: format!(
                "granted on {}; the licence must be issued or served within {} by {due}; delivered: {}",
                day_or_dash(d.decided),
                case.limits.delivery,
                day_or_dash(d.delivered)
            ),
            zh: format!(
                "{}作出准予许可决定；应在{}内、{due}前颁发、送达行政许可证件；送达：{}",
                day_or_dash(d.decided),
                crate::catalogue::period_zh(case.limits.delivery),
                day_or_dash(d.delivered)
            ),
        });
    }
    if let Some(n) = app.hearing_notified {
        statements.push(Statement {
            topic: "hearing",
            article: "行政许可法第四十七条",
            en: format!(
                "told of the right to a hearing on {n}; a request is due within 5 days (the applicant's period, calendar days), by {}; requested: {}",
                day_or_dash(d.hearing_request_due),
                day_or_dash(app.hearing_requested)
            ),
            zh: format!(
                "{n}告知听证权利；应在五日内（至{}）提出听证申请；申请：{}",
                day_or_dash(d.hearing_request_due),
                day_or_dash(app.hearing_requested)
            ),
        });
    }
    if let Some(r) = app.hearing_requested {
        // A request after the applicant's 5 days, with no hearing held,
        // does not stop the clocks (Art. 45 leaves out only the time of a
        // hearing the law requires).
        let late = app.hearing_held.is_none() && d.hearing_request_due.is_some_and(|due| r > due);
        let (counted_en, counted_zh) = if late {
            (
                "requested after the 5 days and not held: the law does not require this hearing, so its time is counted and the clocks run",
                "申请已逾五日且未举行听证：该听证并非依法需要，所需时间计算在期限内，继续计时",
            )
        } else {
            ("hearing time is not counted", "听证所需时间不计算在期限内")
        };
        statements.push(Statement {
            topic: "hearing",
            article: "行政许可法第四十七条、第四十五条",
            en: format!(
                "hearing requested on {r}; to be held within 20 working days, by {}; held: {}; {counted_en}",
                day_or_dash(d.hearing_due),
                day_or_dash(app.hearing_held)
            ),
            zh: format!(
                "{r}提出听证申请；应在二十日内（至{}）组织听证；举行：{}；{counted_zh}",
                day_or_dash(d.hearing_due),
                day_or_dash(app.hearing_held)
            ),
        });
    }
    if let Some((told, date)) = app.hearing_scheduled {
        statements.push(Statement {
            topic: "hearing",
            article: "行政许可法第四十八条",
            en: format!(
                "parties told on {told} of the hearing on {date}; they must be told 7 working days before, by {}",
                day_or_dash(d.hearing_notice_due)
            ),
            zh: format!(
                "{told}通知{date}举行听证；应于举行听证的七日前（{}前）通知",
                day_or_dash(d.hearing_notice_due)
            ),
        });
    }
    if let Some(exp) = d.expires {
        statements.push(Statement {
            topic: "renewal",
            article: "行政许可法第五十条",
            en: format!(
                "renewal of a licence valid through {exp}: to be applied for by {} (30 days before expiry, calendar days); {}",
                day_or_dash(d.renewal_apply_by),
                if d.renewal_deemed {
                    "no decision before expiry: renewal deemed granted"
                } else {
                    "a decision is due before expiry, or renewal is deemed granted"
                }
            ),
            zh: format!(
                "有效期至{exp}的行政许可延续：应于{}前（届满三十日前）提出申请；{}",
                day_or_dash(d.renewal_apply_by),
                if d.renewal_deemed {
                    "有效期届满前未作决定，视为准予延续"
                } else {
                    "应在有效期届满前作出是否准予延续的决定，逾期未作决定的，视为准予延续"
                }
            ),
        });
    }
    if d.acceptance.is_some() {
        statements.push(Statement {
            topic: "working_days",
            article: "行政许可法第八十二条",
            en: format!(
                "the agency's limits are counted in working days, holidays excluded: \"{ART_82}\""
            ),
            zh: format!("“{ART_82}”"),
        });
    }
    for f in e.flags.iter() {
        statements.push(Statement {
            topic: "flag",
            article: f.article(),
            en: f.en().to_owned(),
            zh: f.zh().to_owned(),
        });
        out.flags.push(FlagNote {
            flag: f,
            article: f.article(),
            en: f.en(),
            zh: f.zh(),
        });
    }
    out.statements = statements;
    Ok(out)
}
