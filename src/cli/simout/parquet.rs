//! `metrics.parquet`: the rows of `metrics.csv`, typed. Written with the
//! low-level writer of the `parquet` crate (no arrow), one row group per
//! 65,536 rows so that memory stays bounded however long the run, with
//! snappy compression and dictionary encoding of the repeated strings.
//!
//! Strings are UTF-8 byte arrays, the day a DATE (days since 1970-01-01),
//! numbers doubles, the replications a 32-bit integer; a column is optional
//! where the CSV may leave it empty.

use std::io::Write;
use std::sync::Arc;

use ::parquet::basic::Compression;
use ::parquet::data_type::{ByteArray, ByteArrayType, DataType, DoubleType, Int32Type};
use ::parquet::errors::ParquetError;
use ::parquet::file::properties::WriterProperties;
use ::parquet::file::writer::{SerializedFileWriter, SerializedRowGroupWriter};
use ::parquet::schema::parser::parse_message_type;
use chrono::NaiveDate;
use jiceng::sim::Summary;

use super::Index;
use super::rows::{Row, rows};

/// The file's schema; the columns are those of `metrics.csv`, in its order.
pub(super) const SCHEMA: &str = "
message metrics {
  required binary scenario (STRING);
  required binary variant (STRING);
  required binary kind (STRING);
  required binary division (STRING);
  optional binary division_name (STRING);
  optional binary level (STRING);
  required binary metric (STRING);
  optional int32 day (DATE);
  required double mean;
  optional double ci_low;
  optional double ci_high;
  required int32 replications;
}
";

/// Rows per row group: enough for readers to skip whole groups, few enough
/// that one group's columns stay a few megabytes in memory.
const ROW_GROUP_ROWS: usize = 1 << 16;

/// Writes the Parquet file of `summary` to `out`.
///
/// Fails on a replication count above `i32::MAX`, which a Parquet INT32
/// cannot hold, and on a failed write.
pub(super) fn write<W: Write + Send>(summary: &Summary, out: W) -> Result<(), ParquetError> {
    let schema = Arc::new(parse_message_type(SCHEMA)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let mut writer = SerializedFileWriter::new(out, schema, props)?;
    let index = Index::new(summary);
    let mut all = rows(summary, &index);
    loop {
        let chunk: Vec<Row<'_>> = all.by_ref().take(ROW_GROUP_ROWS).collect();
        if chunk.is_empty() {
            break;
        }
        write_group(&mut writer, &chunk)?;
    }
    writer.close()?;
    Ok(())
}

/// The day as a Parquet DATE: days since 1970-01-01.
pub(super) fn epoch_days(day: NaiveDate) -> Result<i32, ParquetError> {
    let epoch = NaiveDate::default();
    let days = day.signed_duration_since(epoch).num_days();
    i32::try_from(days).map_err(|_| ParquetError::General(format!("day {day} is out of range")))
}

fn write_group<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    chunk: &[Row<'_>],
) -> Result<(), ParquetError> {
    let text = |s: &str| ByteArray::from(s);
    let mut group = writer.next_row_group()?;
    let g = &mut group;
    column::<ByteArrayType, W>(g, chunk.iter().map(|r| Some(text(r.scenario))))?;
    column::<ByteArrayType, W>(g, chunk.iter().map(|r| Some(text(r.variant))))?;
    column::<ByteArrayType, W>(g, chunk.iter().map(|r| Some(text(r.kind.code()))))?;
    column::<ByteArrayType, W>(g, chunk.iter().map(|r| Some(text(r.division))))?;
    optional::<ByteArrayType, W>(g, chunk.iter().map(|r| r.division_name.map(text)))?;
    optional::<ByteArrayType, W>(g, chunk.iter().map(|r| r.level.map(text)))?;
    column::<ByteArrayType, W>(g, chunk.iter().map(|r| Some(text(r.metric.code()))))?;
    let days = chunk
        .iter()
        .map(|r| r.day.map(epoch_days).transpose())
        .collect::<Result<Vec<_>, _>>()?;
    optional::<Int32Type, W>(g, days.into_iter())?;
    column::<DoubleType, W>(g, chunk.iter().map(|r| Some(r.mean)))?;
    optional::<DoubleType, W>(g, chunk.iter().map(|r| r.ci_low))?;
    optional::<DoubleType, W>(g, chunk.iter().map(|r| r.ci_high))?;
    let replications = chunk
        .iter()
        .map(|r| {
            i32::try_from(r.replications).map(Some).map_err(|_| {
                ParquetError::General(format!(
                    "replications {} of {} at {} do not fit a Parquet INT32",
                    r.replications,
                    r.metric.code(),
                    r.division
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    column::<Int32Type, W>(g, replications.into_iter())?;
    group.close()?;
    Ok(())
}

/// Writes the next column, required: every value is present.
fn column<T: DataType, W: Write + Send>(
    group: &mut SerializedRowGroupWriter<'_, W>,
    values: impl Iterator<Item = Option<T::T>>,
) -> Result<(), ParquetError> {
    write_column::<T, W>(group, values, false)
}

/// Writes the next column, optional: absent values are nulls.
fn optional<T: DataType, W: Write + Send>(
    group: &mut SerializedRowGroupWriter<'_, W>,
    values: impl Iterator<Item = Option<T::T>>,
) -> Result<(), ParquetError> {
    write_column::<T, W>(group, values, true)
}

fn write_column<T: DataType, W: Write + Send>(
    group: &mut SerializedRowGroupWriter<'_, W>,
    values: impl Iterator<Item = Option<T::T>>,
    nullable: bool,
) -> Result<(), ParquetError> {
    let mut present = Vec::new();
    let mut levels = Vec::new();
    for v in values {
        levels.push(i16::from(v.is_some()));
        present.extend(v);
    }
    let Some(mut col) = group.next_column()? else {
        return Err(ParquetError::General(
            "the schema has fewer columns than a row".into(),
        ));
    };
    let levels = nullable.then_some(levels.as_slice());
    col.typed::<T>().write_batch(&present, levels, None)?;
    col.close()
}

#[cfg(test)]
mod tests {
    use std::fs::File;
    use std::path::PathBuf;

    use ::parquet::basic::{ConvertedType, Type as Physical};
    use ::parquet::file::reader::{FileReader, SerializedFileReader};
    use ::parquet::record::Field;
    use jiceng::sim::{Metric, Summary};

    use super::super::fixture;
    use super::*;

    /// A scratch file of this test process, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = std::env::temp_dir();
            Scratch(dir.join(format!("jiceng-simout-{}-{name}", std::process::id())))
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    fn write_file(summary: &Summary, name: &str) -> Scratch {
        let path = Scratch::new(name);
        let file = File::create(&path.0).expect("a scratch file");
        write(summary, file).expect("the summary is written");
        path
    }

    fn csv_rows(summary: &Summary) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        super::super::csv::write(summary, &mut out).expect("writing to memory cannot fail");
        let mut reader = ::csv::Reader::from_reader(out.as_slice());
        reader
            .records()
            .map(|r| {
                r.expect("the CSV reads back")
                    .iter()
                    .map(String::from)
                    .collect()
            })
            .collect()
    }

    /// Reads every row of the file, each cell as the CSV spells it (a null
    /// as an empty string), numbers kept as numbers.
    fn parquet_rows(path: &Scratch) -> Vec<Vec<Field>> {
        let reader = SerializedFileReader::new(File::open(&path.0).expect("the file exists"))
            .expect("a Parquet file");
        reader
            .get_row_iter(None)
            .expect("rows")
            .map(|r| {
                r.expect("a row")
                    .get_column_iter()
                    .map(|(_, f)| f.clone())
                    .collect()
            })
            .collect()
    }

    fn check(summary: &Summary, name: &str) {
        let path = write_file(summary, name);
        let parquet = parquet_rows(&path);
        let csv = csv_rows(summary);
        assert_eq!(parquet.len(), csv.len(), "as many rows as the CSV");
        for (k, (p, c)) in parquet.iter().zip(&csv).enumerate() {
            assert_eq!(p.len(), 12, "row {k}: twelve columns");
            for (j, (f, s)) in p.iter().zip(c).enumerate() {
                assert!(
                    fixture::same_cell(f, s),
                    "row {k}, column {j}: {f:?} against {s:?}"
                );
            }
        }
    }

    #[test]
    fn every_row_of_the_csv_reads_back_from_the_parquet_file() {
        check(&fixture::summary(), "fixture.parquet");
        check(&fixture::tiny(), "tiny.parquet");
    }

    #[test]
    fn the_tiny_summary_reads_back_typed() {
        // The difference row of the tiny fixture: reform r, -0.125 [-0.2,
        // -0.05] over 4 replications, no day; and its daily row, 2 March
        // 2025, which is 20,149 days after 1 January 1970 (55 years of 365
        // days and 14 leap days, 1972 to 2024: 20,089 to 1 January 2025;
        // 59 more to 1 March; 1 more to 2 March).
        let path = write_file(&fixture::tiny(), "typed.parquet");
        let rows = parquet_rows(&path);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[2][1], Field::Str("r".into()));
        assert_eq!(rows[2][2], Field::Str("difference".into()));
        assert_eq!(rows[2][7], Field::Null);
        assert_eq!(rows[2][8], Field::Double(-0.125));
        assert_eq!(rows[2][9], Field::Double(-0.2));
        assert_eq!(rows[2][11], Field::Int(4));
        assert_eq!(rows[3][7], Field::Date(20_149));
        assert_eq!(rows[3][9], Field::Null);
        // The unnamed division: no name, no level.
        assert_eq!(rows[1][4], Field::Null);
        assert_eq!(rows[1][5], Field::Null);
    }

    #[test]
    fn the_schema_types_each_column() {
        let path = write_file(&fixture::tiny(), "schema.parquet");
        let reader = SerializedFileReader::new(File::open(&path.0).expect("the file exists"))
            .expect("a Parquet file");
        let schema = reader.metadata().file_metadata().schema_descr_ptr();
        let columns: Vec<(String, Physical, ConvertedType, bool)> = schema
            .columns()
            .iter()
            .map(|c| {
                (
                    c.name().to_owned(),
                    c.physical_type(),
                    c.converted_type(),
                    c.self_type().is_optional(),
                )
            })
            .collect();
        let s = ConvertedType::UTF8;
        let n = ConvertedType::NONE;
        let b = Physical::BYTE_ARRAY;
        let expected = vec![
            ("scenario".to_owned(), b, s, false),
            ("variant".to_owned(), b, s, false),
            ("kind".to_owned(), b, s, false),
            ("division".to_owned(), b, s, false),
            ("division_name".to_owned(), b, s, true),
            ("level".to_owned(), b, s, true),
            ("metric".to_owned(), b, s, false),
            ("day".to_owned(), Physical::INT32, ConvertedType::DATE, true),
            ("mean".to_owned(), Physical::DOUBLE, n, false),
            ("ci_low".to_owned(), Physical::DOUBLE, n, true),
            ("ci_high".to_owned(), Physical::DOUBLE, n, true),
            ("replications".to_owned(), Physical::INT32, n, false),
        ];
        assert_eq!(columns, expected);
        let names: Vec<&str> = expected.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(names, super::super::rows::COLUMNS);
    }

    #[test]
    fn long_runs_are_split_into_row_groups() {
        // 65,537 daily rows plus the tiny fixture's 3 others: 65,540 rows,
        // one full group of 65,536 and a second of 4.
        let mut s = fixture::tiny();
        let one = s.daily[0].clone();
        s.daily = (0..65_537).map(|_| one.clone()).collect();
        let path = write_file(&s, "groups.parquet");
        let reader = SerializedFileReader::new(File::open(&path.0).expect("the file exists"))
            .expect("a Parquet file");
        let meta = reader.metadata();
        assert_eq!(meta.num_row_groups(), 2);
        assert_eq!(meta.row_group(0).num_rows(), 65_536);
        assert_eq!(meta.row_group(1).num_rows(), 4);
        assert_eq!(meta.file_metadata().num_rows(), 65_540);
    }

    #[test]
    fn an_empty_summary_is_a_file_with_the_columns_and_no_rows() {
        let mut s = fixture::tiny();
        s.totals.clear();
        s.daily.clear();
        s.differences.clear();
        let path = write_file(&s, "empty.parquet");
        let reader = SerializedFileReader::new(File::open(&path.0).expect("the file exists"))
            .expect("a Parquet file");
        assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
        assert_eq!(
            reader
                .metadata()
                .file_metadata()
                .schema_descr()
                .num_columns(),
            12
        );
    }

    #[test]
    fn the_same_summary_gives_the_same_bytes() {
        let a = write_file(&fixture::summary(), "same-a.parquet");
        let b = write_file(&fixture::summary(), "same-b.parquet");
        let read = |p: &Scratch| std::fs::read(&p.0).expect("the file exists");
        assert_eq!(read(&a), read(&b));
    }

    #[test]
    fn days_count_from_the_epoch() {
        // 1 January 1970 is day 0; 31 December 1969 is day -1; 1 January
        // 2000 is 30 years later, 7 of them leap (1972 to 1996): 10,957.
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a real day");
        assert_eq!(epoch_days(d(1970, 1, 1)).ok(), Some(0));
        assert_eq!(epoch_days(d(1969, 12, 31)).ok(), Some(-1));
        assert_eq!(epoch_days(d(2000, 1, 1)).ok(), Some(10_957));
    }

    #[test]
    fn too_many_replications_is_an_error_naming_the_value() {
        let mut s = fixture::tiny();
        s.totals[0].replications = u32::MAX;
        s.totals[0].metric = Metric::Closed;
        let path = Scratch::new("overflow.parquet");
        let file = File::create(&path.0).expect("a scratch file");
        let e = write(&s, file).expect_err("u32::MAX does not fit an INT32");
        let message = e.to_string();
        assert!(
            message.contains("replications 4294967295 of closed at 130000000000"),
            "{message}"
        );
    }
}
