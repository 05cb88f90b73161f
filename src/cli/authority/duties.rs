//! `jiceng authority duties | gaps | assessments`: township duty lists
//! (职责清单) against the powers the townships hold.

use std::io::Write;
use std::path::PathBuf;

use jiceng::authority::{DutyChangeKind, DutyKind, Severity};
use jiceng::org::DivisionCode;

use super::{Failure, Format, Lang, date, json, load, rows};

fn township(division: &str) -> Result<DivisionCode, Failure> {
    division
        .parse()
        .map_err(|e| crate::cli::lang::bad_division("--division", division, &e))
}

fn kind_label(kind: DutyKind, lang: Lang) -> String {
    match lang {
        Lang::En => kind.to_string(),
        Lang::Zh => kind.zh().to_owned(),
    }
}

pub(super) fn duties(
    ledger: Option<PathBuf>,
    division: &str,
    d: &str,
    diff: bool,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let d = date(d, "--date")?;
    let code = township(division)?;
    let ledger = load(ledger.as_ref())?;
    if diff {
        let list = ledger
            .duty_diff(code, d)
            .map_err(crate::cli::lang::refused)?;
        if format == Format::Json {
            return json(out, &list);
        }
        let header = match lang {
            Lang::En => ["change", "duty", "name", "template", "township"],
            Lang::Zh => ["变化", "职责编码", "职责名称", "模板", "本乡镇"],
        };
        let cell = |k: Option<DutyKind>, lead: Option<&jiceng::org::Sector>| {
            let mut s = k.map_or_else(|| "-".to_owned(), |k| kind_label(k, lang));
            if let Some(l) = lead {
                s.push_str(&format!(" ({l})"));
            }
            s
        };
        let table: Vec<Vec<String>> = list
            .iter()
            .map(|x| {
                vec![
                    match (x.change, lang) {
                        (DutyChangeKind::Added, Lang::En) => "added",
                        (DutyChangeKind::Removed, Lang::En) => "removed",
                        (DutyChangeKind::Changed, Lang::En) => "changed",
                        (DutyChangeKind::Added, Lang::Zh) => "新增",
                        (DutyChangeKind::Removed, Lang::Zh) => "删除",
                        (DutyChangeKind::Changed, Lang::Zh) => "调整",
                    }
                    .to_owned(),
                    x.code.clone(),
                    x.name.clone(),
                    cell(x.template_kind, x.template_lead.as_ref()),
                    cell(x.township_kind, x.township_lead.as_ref()),
                ]
            })
            .collect();
        return rows(out, format, &header, &table);
    }
    let list = ledger
        .duties_of(code, d)
        .map_err(crate::cli::lang::refused)?;
    if format == Format::Json {
        return json(out, &list);
    }
    if list.is_empty() && format == Format::Table {
        writeln!(
            out,
            "{}",
            match lang {
                Lang::En => format!("no duty list in force for {division} on {d}"),
                Lang::Zh => format!("{d} {division} 无有效的职责清单"),
            }
        )?;
        return Ok(());
    }
    let header = match lang {
        Lang::En => [
            "duty",
            "name",
            "domain",
            "kind",
            "lead",
            "cooperating",
            "powers needed (holder)",
        ],
        Lang::Zh => [
            "职责编码",
            "职责名称",
            "领域",
            "类别",
            "牵头",
            "配合",
            "所需权力事项（持有者）",
        ],
    };
    let nobody = lang.pick("nobody", "无");
    let table: Vec<Vec<String>> = list
        .iter()
        .map(|x| {
            let lead = x.lead.as_ref().map_or_else(
                || {
                    x.lead_sector.as_ref().map_or_else(
                        || "-".to_owned(),
                        |s| format!("{s} ({})", lang.pick("no department", "无此部门")),
                    )
                },
                |b| b.name.clone(),
            );
            let powers = x
                .powers
                .iter()
                .map(|p| {
                    let holder = p.holder.as_ref().map_or(nobody, |b| b.name.as_str());
                    let gap = if x.kind == DutyKind::Basic && !p.held_by_township {
                        lang.pick(" [duty without power]", " [有责无权]")
                    } else {
                        ""
                    };
                    format!("{} ({holder}){gap}", p.code)
                })
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                x.code.clone(),
                x.name.clone(),
                x.domain.clone(),
                kind_label(x.kind, lang),
                lead,
                x.cooperating
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |b| b.name.clone()),
                powers,
            ]
        })
        .collect();
    rows(out, format, &header, &table)
}

pub(super) fn gaps(
    ledger: Option<PathBuf>,
    division: &str,
    d: &str,
    as_json: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let d = date(d, "--date")?;
    let code = township(division)?;
    let ledger = load(ledger.as_ref())?;
    let found = ledger
        .duty_gaps(code, d)
        .map_err(crate::cli::lang::refused)?;
    if as_json {
        json(out, &found)?;
    } else {
        for f in &found {
            let line = f
                .location
                .line
                .map_or_else(String::new, |l| format!(":{l}"));
            let duty = f.location.duty.as_deref().unwrap_or("-");
            let item = f.location.item.as_deref().unwrap_or("-");
            match lang {
                Lang::En => writeln!(
                    out,
                    "{}{line}\t{duty}\t{item}\t{}",
                    f.location.file, f.message
                )?,
                Lang::Zh => writeln!(
                    out,
                    "{}{line}\t{duty}\t{item}\t有责无权：基本履职事项 {duty} 所需的权力事项 {item} 在 {d} 不由本乡镇持有",
                    f.location.file
                )?,
            }
        }
        match lang {
            Lang::En => writeln!(
                out,
                "{} dut{} without power in {division} on {d}",
                found.len(),
                if found.len() == 1 { "y" } else { "ies" }
            )?,
            Lang::Zh => writeln!(out, "{d} {division} 有责无权 {} 项", found.len())?,
        }
    }
    if found.iter().any(|f| f.severity == Severity::Error) {
        return Err(Failure {
            code: 1,
            message: match lang {
                Lang::En => format!(
                    "{} dut{} without power in {division} on {d}",
                    found.len(),
                    if found.len() == 1 { "y" } else { "ies" }
                ),
                Lang::Zh => format!("{d} {division} 有责无权 {} 项", found.len()),
            },
        });
    }
    Ok(())
}

pub(super) fn assessments(
    ledger: Option<PathBuf>,
    d: &str,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let d = date(d, "--date")?;
    let ledger = load(ledger.as_ref())?;
    let report = ledger.assessment_report(d);
    if format == Format::Json {
        return json(out, &report);
    }
    let header = match lang {
        Lang::En => [
            "township",
            "name",
            "assessments",
            "backed by a duty",
            "share",
            "pledges",
            "pledges outside the list",
        ],
        Lang::Zh => [
            "乡镇代码",
            "乡镇",
            "考核事项",
            "有职责依据",
            "占比",
            "责任状",
            "清单外责任状",
        ],
    };
    let table: Vec<Vec<String>> = report
        .iter()
        .map(|r| {
            vec![
                r.township.to_string(),
                r.name.clone(),
                r.assessments.to_string(),
                r.backed.to_string(),
                r.backed_percent
                    .map_or_else(|| "-".to_owned(), |p| format!("{p}%")),
                r.pledges.to_string(),
                if r.pledges_outside.is_empty() {
                    "-".to_owned()
                } else {
                    r.pledges_outside.join("; ")
                },
            ]
        })
        .collect();
    rows(out, format, &header, &table)
}
