//! `jiceng demo`: the deadlines of the reform's stories, computed on the
//! bundled official calendar.

use std::io::Write;

use chrono::{DateTime, NaiveDate};
use jiceng::authority::Ledger;
use jiceng::calendar::{Calendar, Period, PeriodOptions, Suspension, WorkingHours};

use super::{Failure, Lang};

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Failure> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| Failure::input(format!("no such day {y}-{m}-{d}")))
}

pub(crate) fn run(_lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let cal = Calendar::china_mainland();
    let (first, last) = cal.coverage();
    let line = |out: &mut dyn Write, label: &str, d: NaiveDate| -> Result<(), Failure> {
        writeln!(out, "  {label:<52} {d} {}", d.format("%a"))?;
        Ok(())
    };
    writeln!(out, "jiceng demo: deadlines on the official calendar")?;
    writeln!(out, "calendar {} covers {first}..={last}", cal.name())?;

    // Suning County, Shangcun town: a construction planning permit promised
    // in 7 working days where the Licensing Law allows 20 (Arts. 42, 82).
    writeln!(out)?;
    writeln!(
        out,
        "1. Shangcun town: construction planning permit (行政许可法 Arts. 42, 82)"
    )?;
    let accepted = date(2025, 9, 22)?;
    let promised = cal.period_end(accepted, Period::WorkingDays(7))?;
    let statutory = cal.period_end(accepted, Period::WorkingDays(20))?;
    let extended = cal.period_end(accepted, Period::WorkingDays(30))?;
    line(out, "accepted", accepted)?;
    line(out, "promised decision (7 working days)", promised.end)?;
    line(out, "statutory decision (20 working days)", statutory.end)?;
    line(
        out,
        "with the one extension (+10 working days)",
        extended.end,
    )?;
    let delivery = cal.period_end(statutory.end, Period::WorkingDays(10))?;
    line(
        out,
        "licence served if decided on the last day (Art. 44)",
        delivery.end,
    )?;
    writeln!(out, "  why the statutory date:")?;
    let ex =
        cal.explain_period_end(accepted, Period::WorkingDays(20), &PeriodOptions::default())?;
    for l in ex.to_string().lines() {
        writeln!(out, "    {l}")?;
    }

    writeln!(out)?;
    writeln!(
        out,
        "2. Incomplete materials and expert review (行政许可法 Arts. 32, 45)"
    )?;
    let received = date(2025, 1, 24)?;
    line(out, "materials received", received)?;
    let notify = cal.period_end(received, Period::WorkingDays(5))?;
    line(
        out,
        "notify what is missing by (5 working days)",
        notify.end,
    )?;
    let accepted = date(2025, 3, 3)?;
    let review = Suspension::new(date(2025, 3, 10)?, date(2025, 3, 14)?, "expert review")?;
    let opts = PeriodOptions::default().suspend(review);
    line(out, "accepted", accepted)?;
    line(
        out,
        "decision due without the review",
        cal.period_end(accepted, Period::WorkingDays(20))?.end,
    )?;
    line(
        out,
        "decision due, review 10–14 March not counted",
        cal.period_end_with(accepted, Period::WorkingDays(20), &opts)?
            .end,
    )?;

    writeln!(out)?;
    writeln!(
        out,
        "3. Qiu County enforcement team: a penalty case (行政处罚法)"
    )?;
    let filed = date(2025, 3, 3)?;
    line(out, "case filed", filed)?;
    line(
        out,
        "decision due (90 days, Art. 60; Art. 203 roll)",
        cal.period_end(filed, Period::Days(90))?.end,
    )?;
    let notice = date(2025, 4, 30)?;
    line(out, "notice of hearing rights served", notice)?;
    line(
        out,
        "hearing requested by (5 working days, Arts. 64, 85)",
        cal.period_end(notice, Period::WorkingDays(5))?.end,
    )?;
    let decided = date(2025, 5, 20)?;
    line(out, "decision received", decided)?;
    line(
        out,
        "fine paid by (15 days, Art. 67)",
        cal.period_end(decided, Period::Days(15))?.end,
    )?;
    let act = date(2024, 2, 29)?;
    line(out, "violation ended", act)?;
    line(
        out,
        "limitation ends (2 years, Art. 36)",
        cal.period_end(act, Period::Years(2))?.end,
    )?;

    writeln!(out)?;
    writeln!(
        out,
        "4. Guchengying town grid: a complaint handled in working time"
    )?;
    let hours = WorkingHours::china_standard();
    let at = |s: &str| {
        DateTime::parse_from_rfc3339(s).map_err(|e| Failure::input(format!("bad time {s:?}: {e}")))
    };
    let reported = at("2025-06-10T09:35:00+08:00")?;
    let handled = at("2025-06-10T10:50:00+08:00")?;
    writeln!(
        out,
        "  {:<52} {}",
        "reported",
        reported.format("%Y-%m-%d %H:%M")
    )?;
    writeln!(
        out,
        "  {:<52} {}",
        "handled",
        handled.format("%Y-%m-%d %H:%M")
    )?;
    writeln!(
        out,
        "  {:<52} {}",
        "working minutes taken",
        hours.minutes_between(&cal, reported, handled)?
    )?;
    let late = at("2025-06-13T16:40:00+08:00")?;
    writeln!(
        out,
        "  {:<52} {}",
        "a report on Friday at",
        late.format("%Y-%m-%d %H:%M")
    )?;
    writeln!(
        out,
        "  {:<52} {}",
        "is due within 2 working hours by",
        hours.add_minutes(&cal, late, 120)?.format("%Y-%m-%d %H:%M")
    )?;

    writeln!(out)?;
    writeln!(
        out,
        "5. Who may act? Environmental penalties in Guchengying town (illustrative Hebei sample)"
    )?;
    let ledger = Ledger::hebei_sample();
    for d in ["2021-01-01", "2021-07-01", "2024-06-01"] {
        let day =
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|e| Failure::input(e.to_string()))?;
        let h = ledger
            .holder("HB-CF-001", "130430104000", day)
            .map_err(Failure::input)?;
        let by = h
            .exercised_by
            .map(|b| format!(", exercised by {}", b.name))
            .unwrap_or_default();
        writeln!(out, "  {d}  {}{by}", h.holder.name)?;
        if let Some(ins) = h.explanation.last().and_then(|s| s.instrument.as_ref()) {
            writeln!(
                out,
                "              since {} under {} {}",
                ins.effective_from,
                ins.document.as_deref().unwrap_or("-"),
                ins.title
            )?;
        }
    }

    writeln!(out)?;
    writeln!(
        out,
        "6. A year of applications at one county's centres (synthetic, seed 1): both clocks"
    )?;
    let first = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or_else(|| Failure::input("bad date"))?;
    let cases =
        jiceng::approvals::synth::cases(&cal, 1, 10_000, first, 365).map_err(Failure::input)?;
    let at = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or_else(|| Failure::input("bad date"))?;
    let mut metrics = jiceng::approvals::Metrics::default();
    for c in &cases {
        let e = jiceng::approvals::evaluate(c, at, &cal, &jiceng::approvals::Options::default())
            .map_err(Failure::input)?;
        metrics.add(&e);
    }
    let s = metrics.summary();
    let pct = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |x| format!("{:.1}%", x * 100.0));
    writeln!(out, "  {:<52} {}", "cases", s.cases)?;
    writeln!(
        out,
        "  {:<52} {}",
        "on time against the promise",
        pct(s.on_time_rate_promise)
    )?;
    writeln!(
        out,
        "  {:<52} {}",
        "on time against the statute",
        pct(s.on_time_rate_statute)
    )?;
    writeln!(
        out,
        "  {:<52} median {} / p90 {}",
        "working days used",
        s.median_working_days.unwrap_or_default(),
        s.p90_working_days.unwrap_or_default()
    )?;
    Ok(())
}
