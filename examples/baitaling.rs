//! Baitaling subdistrict: 39 staff for 183,000 residents, then 21 more.
//!
//! Run with `cargo run --example baitaling`.
//!
//! The bundled ledger books the 21 quotas sunk (下沉) from the district;
//! the establishment is asked for on two dates, with the instruments
//! behind it. The plan then shares the same 21 by population and reports
//! residents per staff, and the provincial figure shows what 22,000
//! quotas mean for 2,300 units averaging 65 after (the number of units is
//! an assumption the story does not give).

use chrono::NaiveDate;
use jiceng::staffing::{
    BAITALING, BAITALING_UNITS, LedgerFile, Method, PlanRequest, Units, plan, provincial_figure,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (ledger, findings) = LedgerFile::parse_toml(BAITALING)?.compile();
    assert!(findings.is_empty(), "the bundled ledger is clean");
    for date in ["2019-05-31", "2019-06-01"] {
        let s = ledger.at("baitaling", date.parse::<NaiveDate>()?)?;
        println!(
            "{date}: {} quotas, {} staff, {} vacant",
            s.establishment.quotas.total(),
            s.establishment.headcount.total(),
            s.establishment
                .vacancies(jiceng::staffing::QuotaKind::Other)
        );
        for e in &s.events {
            println!(
                "    {} {} {}: {}",
                e.date,
                e.kind.name(),
                e.count,
                e.instrument
            );
        }
    }

    let units = Units::parse_csv(BAITALING_UNITS)?;
    let p = plan(
        &units,
        &PlanRequest {
            pool: 21,
            weights: vec![("population".into(), 1.0)],
            method: Method::Hamilton,
            min: None,
            max: None,
            population: None,
        },
    )?;
    let u = &p.units[0];
    println!(
        "plan: {} → {} staff (+{:.0}%), residents per staff {:.0} → {:.0}",
        u.before,
        u.after,
        (u.after - u.before) as f64 / u.before as f64 * 100.0,
        u.residents_per_staff_before.unwrap_or_default(),
        u.residents_per_staff_after.unwrap_or_default()
    );

    let f = provincial_figure(2_300, 22_000, 65.0)?;
    println!(
        "province: {} units, {} quotas moved down, average {:.2} → {} ({:+.1}%)",
        f.units,
        f.pool,
        f.average_before,
        f.average_after,
        f.increase * 100.0
    );
    Ok(())
}
