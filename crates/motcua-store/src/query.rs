//! A small builder for queries whose shape depends on the request (search
//! filters) or on a row type (see [`crate::row`]), numbering `$n`
//! placeholders in order so both databases accept them.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::{Query, QueryAs, QueryScalar};
use sqlx::{Any, Arguments, FromRow};

use crate::encoding::Double;

/// A value bound to a placeholder.
#[derive(Debug, Clone)]
pub(crate) enum Param {
    Text(String),
    OptionalText(Option<String>),
    Int(i64),
    OptionalInt(Option<i64>),
    Double(f64),
    OptionalDouble(Option<f64>),
}

/// SQL text plus its parameters, in placeholder order.
#[derive(Debug, Default, Clone)]
pub(crate) struct SqlBuilder {
    sql: String,
    params: Vec<Param>,
}

impl SqlBuilder {
    pub(crate) fn new(sql: &str) -> SqlBuilder {
        SqlBuilder { sql: sql.to_owned(), params: Vec::new() }
    }

    pub(crate) fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Appends a placeholder for `param`.
    pub(crate) fn bind(&mut self, param: Param) -> &mut Self {
        self.params.push(param);
        self.sql.push('$');
        self.sql.push_str(&self.params.len().to_string());
        self
    }

    pub(crate) fn text(&mut self, value: impl Into<String>) -> &mut Self {
        self.bind(Param::Text(value.into()))
    }

    pub(crate) fn int(&mut self, value: i64) -> &mut Self {
        self.bind(Param::Int(value))
    }

    pub(crate) fn opt_text(&mut self, value: Option<String>) -> &mut Self {
        self.bind(Param::OptionalText(value))
    }

    pub(crate) fn opt_int(&mut self, value: Option<i64>) -> &mut Self {
        self.bind(Param::OptionalInt(value))
    }

    pub(crate) fn double(&mut self, value: f64) -> &mut Self {
        self.bind(Param::Double(value))
    }

    pub(crate) fn opt_double(&mut self, value: Option<f64>) -> &mut Self {
        self.bind(Param::OptionalDouble(value))
    }

    /// Appends another builder's SQL and parameters, renumbering its placeholders
    /// to follow this builder's own.
    pub(crate) fn extend(&mut self, other: &SqlBuilder) -> &mut Self {
        let shifted = renumber(&other.sql, self.params.len());
        self.sql.push_str(&shifted);
        self.params.extend(other.params.iter().cloned());
        self
    }

    #[cfg(test)]
    pub(crate) fn sql(&self) -> &str {
        &self.sql
    }

    /// The parameters as sqlx binds them.
    fn arguments(&self) -> AnyArguments<'_> {
        let mut arguments = AnyArguments::default();
        for param in &self.params {
            // Adding a plain text, integer or double to Any arguments cannot fail.
            let _ = match param {
                Param::Text(value) => arguments.add(value.clone()),
                Param::OptionalText(value) => arguments.add(value.clone()),
                Param::Int(value) => arguments.add(*value),
                Param::OptionalInt(value) => arguments.add(*value),
                Param::Double(value) => arguments.add(*value),
                Param::OptionalDouble(value) => arguments.add(Double(*value)),
            };
        }
        arguments
    }

    /// A query ready to run; the builder must outlive it.
    pub(crate) fn build(&self) -> Query<'_, Any, AnyArguments<'_>> {
        sqlx::query_with(&self.sql, self.arguments())
    }

    /// A query answering one value per row, its first column.
    pub(crate) fn build_scalar<O>(&self) -> QueryScalar<'_, Any, O, AnyArguments<'_>>
    where
        (O,): for<'r> FromRow<'r, AnyRow>,
    {
        sqlx::query_scalar_with(&self.sql, self.arguments())
    }

    /// A query answering a tuple per row, its columns in the order selected.
    pub(crate) fn build_as<O>(&self) -> QueryAs<'_, Any, O, AnyArguments<'_>>
    where
        O: for<'r> FromRow<'r, AnyRow>,
    {
        sqlx::query_as_with(&self.sql, self.arguments())
    }
}

/// Shifts every `$n` placeholder in `sql` by `by`.
fn renumber(sql: &str, by: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' {
            let mut digits = String::new();
            while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                digits.push(d);
                chars.next();
            }
            match digits.parse::<usize>() {
                Ok(n) => out.push_str(&format!("${}", n + by)),
                Err(_) => out.push('$'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The most parameters one statement binds. Far under both databases'
/// limits: binding costs time quadratic in a statement's parameters on
/// SQLite (each is looked up by name), so big statements are slow.
const MAX_PARAMS: usize = 1_000;

/// Inserts many rows with as few statements as the parameter limit allows:
/// `head` is `INSERT INTO t (…) VALUES`, `bind` writes one row's values
/// (without parentheses) and binds `width` parameters.
pub(crate) async fn insert_many<T>(
    conn: &mut sqlx::AnyConnection,
    head: &str,
    width: usize,
    rows: &[T],
    bind: impl Fn(&mut SqlBuilder, &T),
) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks((MAX_PARAMS / width.max(1)).max(1)) {
        let mut insert = SqlBuilder::new(head);
        for (i, row) in chunk.iter().enumerate() {
            insert.push(if i == 0 { " (" } else { ", (" });
            bind(&mut insert, row);
            insert.push(")");
        }
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut builder = SqlBuilder::new("SELECT * FROM t WHERE a = ");
        builder.text("x").push(" AND b = ").int(3).push(" AND c LIKE ").text("%y%");
        assert_eq!(builder.sql(), "SELECT * FROM t WHERE a = $1 AND b = $2 AND c LIKE $3");
        assert_eq!(builder.params.len(), 3);
    }

    #[test]
    fn extending_renumbers_the_other_builders_placeholders() {
        let mut filter = SqlBuilder::new(" WHERE a = ");
        filter.text("x").push(" AND b = ").int(2);
        let mut select = SqlBuilder::new("SELECT CASE WHEN c = ");
        select.text("y").push(" THEN 1 END");
        select.extend(&filter).push(" LIMIT ").int(10);
        assert_eq!(select.sql(), "SELECT CASE WHEN c = $1 THEN 1 END WHERE a = $2 AND b = $3 LIMIT $4");
        assert_eq!(select.params.len(), 4);
        assert_eq!(renumber("$1 $10 $", 2), "$3 $12 $");
    }
}
