//! `report.html`.
use super::Lang;
use jiceng::sim::Summary;
use std::io::Write;
pub(super) fn write(_summary: &Summary, _lang: Lang, _out: &mut dyn Write) -> std::io::Result<()> {
    Ok(())
}
