//! One description of each table's row, used both to write it and to read
//! it, so that a column's name, its place among the values bound and the
//! field that holds it cannot drift apart.
//!
//! A row type lists its columns once, in [`Row::columns`], each beside the
//! field holding it; the column list of a `SELECT`, the names and values of
//! an `INSERT`, an upsert or an `UPDATE`, and the reading of a result row all
//! walk that one list. Row types hold only what crosses the boundary (text,
//! 64-bit integers, doubles, each possibly null); the typed values they
//! stand for are converted beside them, in each table's module. A row type
//! may hold another and walk its columns in turn: the columns one statement
//! updates (a verification, an officer's assignment), or what a query
//! selects besides a table's columns (a count, a joined code).

use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::StoreResult;
use crate::query::{SqlBuilder, insert_many};

/// Visits the columns of a row, each with the field that holds it.
pub(crate) trait Columns {
    fn text(&mut self, name: &'static str, value: &mut String);
    fn optional_text(&mut self, name: &'static str, value: &mut Option<String>);
    fn int(&mut self, name: &'static str, value: &mut i64);
    fn optional_int(&mut self, name: &'static str, value: &mut Option<i64>);
    fn double(&mut self, name: &'static str, value: &mut f64);
    fn optional_double(&mut self, name: &'static str, value: &mut Option<f64>);
}

/// A table's row: its columns, in one order, each beside its field.
pub(crate) trait Row: Default + Clone {
    fn columns(&mut self, columns: &mut dyn Columns);
}

/// Collects the names.
struct Names(Vec<&'static str>);

impl Columns for Names {
    fn text(&mut self, name: &'static str, _: &mut String) {
        self.0.push(name);
    }
    fn optional_text(&mut self, name: &'static str, _: &mut Option<String>) {
        self.0.push(name);
    }
    fn int(&mut self, name: &'static str, _: &mut i64) {
        self.0.push(name);
    }
    fn optional_int(&mut self, name: &'static str, _: &mut Option<i64>) {
        self.0.push(name);
    }
    fn double(&mut self, name: &'static str, _: &mut f64) {
        self.0.push(name);
    }
    fn optional_double(&mut self, name: &'static str, _: &mut Option<f64>) {
        self.0.push(name);
    }
}

/// The column names of a row type, in order.
pub(crate) fn names<R: Row>() -> Vec<&'static str> {
    let mut names = Names(Vec::new());
    R::default().columns(&mut names);
    names.0
}

/// The column names of a row type as a list for SQL, each prefixed with
/// `alias.` when one is given.
pub(crate) fn column_list<R: Row>(alias: Option<&str>) -> String {
    let prefix = alias.map(|a| format!("{a}.")).unwrap_or_default();
    names::<R>().iter().map(|n| format!("{prefix}{n}")).collect::<Vec<_>>().join(", ")
}

/// Binds every value of a row, comma-separated, in column order; each after
/// its column's name and `=` when `named`.
struct Values<'a> {
    query: &'a mut SqlBuilder,
    first: bool,
    named: bool,
}

impl Values<'_> {
    fn separate(&mut self, name: &str) {
        if !std::mem::take(&mut self.first) {
            self.query.push(", ");
        }
        if self.named {
            self.query.push(name).push(" = ");
        }
    }
}

impl Columns for Values<'_> {
    fn text(&mut self, name: &'static str, value: &mut String) {
        self.separate(name);
        self.query.text(std::mem::take(value));
    }
    fn optional_text(&mut self, name: &'static str, value: &mut Option<String>) {
        self.separate(name);
        self.query.opt_text(value.take());
    }
    fn int(&mut self, name: &'static str, value: &mut i64) {
        self.separate(name);
        self.query.int(*value);
    }
    fn optional_int(&mut self, name: &'static str, value: &mut Option<i64>) {
        self.separate(name);
        self.query.opt_int(*value);
    }
    fn double(&mut self, name: &'static str, value: &mut f64) {
        self.separate(name);
        self.query.double(*value);
    }
    fn optional_double(&mut self, name: &'static str, value: &mut Option<f64>) {
        self.separate(name);
        self.query.opt_double(*value);
    }
}

/// Appends the values of `row` to `query`, comma-separated, in column order.
pub(crate) fn push_values<R: Row>(query: &mut SqlBuilder, row: &R) {
    let mut row = row.clone();
    row.columns(&mut Values { query, first: true, named: false });
}

/// `INSERT INTO table (columns) VALUES (values)` for one row.
pub(crate) fn insert<R: Row>(table: &str, row: &R) -> SqlBuilder {
    let mut query = SqlBuilder::new(&format!("INSERT INTO {table} ({}) VALUES (", column_list::<R>(None)));
    push_values(&mut query, row);
    query.push(")");
    query
}

/// Inserts many rows of one table with as few statements as the parameter
/// limit allows (see [`insert_many`]).
pub(crate) async fn insert_all<R: Row>(conn: &mut sqlx::AnyConnection, table: &str, rows: &[R]) -> StoreResult<()> {
    let head = format!("INSERT INTO {table} ({}) VALUES", column_list::<R>(None));
    insert_many(conn, &head, names::<R>().len(), rows, push_values).await?;
    Ok(())
}

/// `UPDATE table SET column = value, …`, to be followed by its `WHERE`.
/// (Not `SET (columns) = (values)`: PostgreSQL refuses that form for one column.)
pub(crate) fn update<R: Row>(table: &str, row: &R) -> SqlBuilder {
    let mut query = SqlBuilder::new(&format!("UPDATE {table} SET "));
    row.clone().columns(&mut Values { query: &mut query, first: true, named: true });
    query
}

/// `INSERT INTO table (columns) VALUES (values) ON CONFLICT (keys) DO UPDATE
/// SET` every other column to the value offered, to be followed by a `WHERE`
/// where only some conflicts should update.
pub(crate) fn upsert<R: Row>(table: &str, row: &R, keys: &[&str]) -> SqlBuilder {
    let mut query = insert(table, row);
    let others: Vec<String> =
        names::<R>().into_iter().filter(|n| !keys.contains(n)).map(|n| format!("{n} = excluded.{n}")).collect();
    query.push(&format!(" ON CONFLICT ({}) DO UPDATE SET {}", keys.join(", "), others.join(", ")));
    query
}

/// Fills a row's fields from a result row, by column name.
struct Reader<'r> {
    row: &'r AnyRow,
    error: Option<sqlx::Error>,
}

impl Reader<'_> {
    fn get<T>(&mut self, name: &'static str) -> Option<T>
    where
        T: for<'a> sqlx::Decode<'a, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        match self.row.try_get::<T, _>(name) {
            Ok(value) => Some(value),
            Err(error) => {
                self.error.get_or_insert(error);
                None
            }
        }
    }
}

impl Columns for Reader<'_> {
    fn text(&mut self, name: &'static str, value: &mut String) {
        if let Some(read) = self.get(name) {
            *value = read;
        }
    }
    fn optional_text(&mut self, name: &'static str, value: &mut Option<String>) {
        if let Some(read) = self.get(name) {
            *value = read;
        }
    }
    fn int(&mut self, name: &'static str, value: &mut i64) {
        if let Some(read) = self.get(name) {
            *value = read;
        }
    }
    fn optional_int(&mut self, name: &'static str, value: &mut Option<i64>) {
        if let Some(read) = self.get(name) {
            *value = read;
        }
    }
    fn double(&mut self, name: &'static str, value: &mut f64) {
        if let Some(read) = self.get(name) {
            *value = read;
        }
    }
    fn optional_double(&mut self, name: &'static str, value: &mut Option<f64>) {
        if let Some(read) = self.get(name) {
            *value = read;
        }
    }
}

/// Reads a row type from a result row that selected its columns.
pub(crate) fn read<R: Row>(row: &AnyRow) -> StoreResult<R> {
    let mut read = R::default();
    let mut reader = Reader { row, error: None };
    read.columns(&mut reader);
    match reader.error {
        Some(error) => Err(error.into()),
        None => Ok(read),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Records what a row writes, by column, so a test can read it back.
    #[derive(Default)]
    struct Recorded(Vec<(&'static str, String)>);

    impl Columns for Recorded {
        fn text(&mut self, name: &'static str, value: &mut String) {
            self.0.push((name, format!("t:{value}")));
        }
        fn optional_text(&mut self, name: &'static str, value: &mut Option<String>) {
            self.0.push((name, format!("o:{value:?}")));
        }
        fn int(&mut self, name: &'static str, value: &mut i64) {
            self.0.push((name, format!("i:{value}")));
        }
        fn optional_int(&mut self, name: &'static str, value: &mut Option<i64>) {
            self.0.push((name, format!("n:{value:?}")));
        }
        fn double(&mut self, name: &'static str, value: &mut f64) {
            self.0.push((name, format!("d:{value}")));
        }
        fn optional_double(&mut self, name: &'static str, value: &mut Option<f64>) {
            self.0.push((name, format!("e:{value:?}")));
        }
    }

    /// Plays recorded values back into a row, by column name.
    struct Replayed<'a>(&'a [(&'static str, String)]);

    impl Replayed<'_> {
        fn value(&self, name: &str) -> &str {
            self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()).unwrap_or_default()
        }

        /// The inside of a recorded `Some(…)`, if it was one.
        fn some<'a>(&'a self, name: &str, kind: &str) -> Option<&'a str> {
            self.value(name).strip_prefix(kind)?.strip_prefix("Some(")?.strip_suffix(')')
        }
    }

    impl Columns for Replayed<'_> {
        fn text(&mut self, name: &'static str, value: &mut String) {
            *value = self.value(name).trim_start_matches("t:").to_owned();
        }
        fn optional_text(&mut self, name: &'static str, value: &mut Option<String>) {
            let recorded = self.value(name).trim_start_matches("o:");
            *value = recorded.strip_prefix("Some(\"").and_then(|v| v.strip_suffix("\")")).map(str::to_owned);
        }
        fn int(&mut self, name: &'static str, value: &mut i64) {
            *value = self.value(name).trim_start_matches("i:").parse().unwrap_or_default();
        }
        fn optional_int(&mut self, name: &'static str, value: &mut Option<i64>) {
            *value = self.some(name, "n:").and_then(|v| v.parse().ok());
        }
        fn double(&mut self, name: &'static str, value: &mut f64) {
            *value = self.value(name).trim_start_matches("d:").parse().unwrap_or_default();
        }
        fn optional_double(&mut self, name: &'static str, value: &mut Option<f64>) {
            *value = self.some(name, "e:").and_then(|v| v.parse().ok());
        }
    }

    /// Writes `row` by its columns and reads it back by name: equal only if
    /// every field has a column, each name is used once, and the two
    /// directions agree. Give it a row whose every field differs from its default.
    pub(crate) fn round_trips<R: Row + PartialEq + std::fmt::Debug>(row: &R) {
        let mut recorded = Recorded::default();
        row.clone().columns(&mut recorded);
        let mut names: Vec<&str> = recorded.0.iter().map(|(n, _)| *n).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "a column is named twice");
        let mut back = R::default();
        back.columns(&mut Replayed(&recorded.0));
        assert_eq!(&back, row, "every field has its column");
    }

    #[derive(Debug, Clone, Default, PartialEq)]
    struct Sample {
        name: String,
        note: Option<String>,
        count: i64,
        limit: Option<i64>,
        share: f64,
        cap: Option<f64>,
        forgotten: i64,
    }

    impl Row for Sample {
        fn columns(&mut self, c: &mut dyn Columns) {
            c.text("name", &mut self.name);
            c.optional_text("note", &mut self.note);
            c.int("count", &mut self.count);
            c.optional_int("limit_", &mut self.limit);
            c.double("share", &mut self.share);
            c.optional_double("cap", &mut self.cap);
        }
    }

    fn sample() -> Sample {
        Sample {
            name: "a".into(),
            note: Some("b".into()),
            count: 3,
            limit: Some(4),
            share: 0.5,
            cap: Some(2.5),
            forgotten: 0,
        }
    }

    #[test]
    fn statements_come_from_the_one_list() {
        let row = Sample { note: None, ..sample() };
        assert_eq!(column_list::<Sample>(Some("s")), "s.name, s.note, s.count, s.limit_, s.share, s.cap");
        let insert = insert("samples", &row);
        assert_eq!(
            insert.sql(),
            "INSERT INTO samples (name, note, count, limit_, share, cap) VALUES ($1, $2, $3, $4, $5, $6)"
        );
        let update = update("samples", &row);
        assert_eq!(
            update.sql(),
            "UPDATE samples SET name = $1, note = $2, count = $3, limit_ = $4, share = $5, cap = $6"
        );
        let upsert = upsert("samples", &row, &["name", "count"]);
        assert_eq!(
            upsert.sql(),
            "INSERT INTO samples (name, note, count, limit_, share, cap) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (name, count) DO UPDATE SET note = excluded.note, limit_ = excluded.limit_, \
             share = excluded.share, cap = excluded.cap"
        );
    }

    #[test]
    fn a_sample_round_trips_with_values_and_with_nulls() {
        round_trips(&sample());
        round_trips(&Sample { note: None, limit: None, cap: None, ..sample() });
    }

    #[test]
    #[should_panic(expected = "every field has its column")]
    fn a_field_without_a_column_is_caught() {
        round_trips(&Sample { forgotten: 7, ..sample() });
    }
}
