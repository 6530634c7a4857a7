//! The procedure catalogue: versions saved atomically with the searchable row,
//! and search over folded text.

use chrono::{DateTime, Utc};
use motcua_domain::catalogue::{
    CatalogueQuery, Level, Levels, Named, Procedure, ProcedureCode, ProcedureSummary, ProcedureVersion,
    VersionDecision, decide_version,
};
use motcua_domain::text::fold;
use sqlx::any::AnyRow;

use crate::encoding::{corrupt, flag, instant, parse_instant};
use crate::query::SqlBuilder;
use crate::row::{self, Columns, Row};
use crate::{Backend, Store, StoreError, StoreResult};

/// What saving an imported procedure did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedVersion {
    Created,
    Unchanged,
    NewVersion(i64),
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogueHit {
    pub summary: ProcedureSummary,
    pub current_version: Option<i64>,
}

/// A page of search results and the total number of matches.
#[derive(Debug, Clone, PartialEq)]
pub struct CataloguePage {
    pub items: Vec<CatalogueHit>,
    pub total: i64,
}

/// What the catalogue's lists read of a procedure's row: its summary.
#[derive(Debug, Clone, Default, PartialEq)]
struct SummaryRow {
    code: String,
    name: String,
    field_code: String,
    field_name: String,
    level_province: i64,
    level_commune: i64,
    level_ministry: i64,
    level_other: i64,
    full_online: i64,
    boundary_free: i64,
    online: i64,
    has_details: i64,
    /// A JSON list of agency names.
    agencies: String,
    keywords: String,
    current_version: Option<i64>,
}

impl Row for SummaryRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("code", &mut self.code);
        c.text("name", &mut self.name);
        c.text("field_code", &mut self.field_code);
        c.text("field_name", &mut self.field_name);
        c.int("level_province", &mut self.level_province);
        c.int("level_commune", &mut self.level_commune);
        c.int("level_ministry", &mut self.level_ministry);
        c.int("level_other", &mut self.level_other);
        c.int("full_online", &mut self.full_online);
        c.int("boundary_free", &mut self.boundary_free);
        c.int("online", &mut self.online);
        c.int("has_details", &mut self.has_details);
        c.text("agencies", &mut self.agencies);
        c.text("keywords", &mut self.keywords);
        c.optional_int("current_version", &mut self.current_version);
    }
}

/// A procedure's whole row: its summary, and the folded texts search
/// matches and the time it was written, which are never read back.
#[derive(Debug, Clone, Default, PartialEq)]
struct ProcedureRow {
    summary: SummaryRow,
    name_folded: String,
    search_text: String,
    field_folded: String,
    updated_at: String,
}

impl Row for ProcedureRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        self.summary.columns(c);
        c.text("name_folded", &mut self.name_folded);
        c.text("search_text", &mut self.search_text);
        c.text("field_folded", &mut self.field_folded);
        c.text("updated_at", &mut self.updated_at);
    }
}

impl ProcedureRow {
    fn of(summary: &ProcedureSummary, current_version: Option<i64>, now: &str) -> StoreResult<ProcedureRow> {
        let (field_code, field_name) =
            summary.field.as_ref().map(|f| (f.code.clone(), f.name.clone())).unwrap_or_default();
        Ok(ProcedureRow {
            name_folded: fold(&summary.name),
            search_text: summary.search_text(),
            field_folded: fold(&field_name),
            updated_at: now.to_owned(),
            summary: SummaryRow {
                code: summary.code.to_string(),
                name: summary.name.clone(),
                field_code,
                field_name,
                level_province: flag(summary.levels.province),
                level_commune: flag(summary.levels.commune),
                level_ministry: flag(summary.levels.ministry),
                level_other: flag(summary.levels.other),
                full_online: flag(summary.full_online),
                boundary_free: flag(summary.boundary_free),
                online: flag(summary.online),
                has_details: flag(summary.has_details),
                agencies: serde_json::to_string(&summary.agencies).map_err(|e| corrupt("agencies", e))?,
                keywords: summary.keywords.clone(),
                current_version,
            },
        })
    }
}

impl TryFrom<SummaryRow> for CatalogueHit {
    type Error = StoreError;

    fn try_from(r: SummaryRow) -> StoreResult<CatalogueHit> {
        Ok(CatalogueHit {
            summary: ProcedureSummary {
                code: ProcedureCode::parse(&r.code).map_err(|e| corrupt("procedure code", e))?,
                name: r.name,
                field: (!r.field_code.is_empty() || !r.field_name.is_empty())
                    .then_some(Named { code: r.field_code, name: r.field_name }),
                levels: Levels {
                    province: r.level_province != 0,
                    commune: r.level_commune != 0,
                    ministry: r.level_ministry != 0,
                    other: r.level_other != 0,
                },
                agencies: serde_json::from_str(&r.agencies).map_err(|e| corrupt("agencies", e))?,
                full_online: r.full_online != 0,
                boundary_free: r.boundary_free != 0,
                online: r.online != 0,
                has_details: r.has_details != 0,
                keywords: r.keywords,
            },
            current_version: r.current_version,
        })
    }
}

/// A row of a search's result: a summary, and how many procedures matched.
#[derive(Debug, Clone, Default, PartialEq)]
struct SearchHitRow {
    summary: SummaryRow,
    matches: i64,
}

impl Row for SearchHitRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        self.summary.columns(c);
        c.int("matches", &mut self.matches);
    }
}

/// A procedure version's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct VersionRow {
    code: String,
    version: i64,
    effective_from: String,
    content_hash: String,
    /// The whole procedure as JSON.
    body: String,
}

impl Row for VersionRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("code", &mut self.code);
        c.int("version", &mut self.version);
        c.text("effective_from", &mut self.effective_from);
        c.text("content_hash", &mut self.content_hash);
        c.text("body", &mut self.body);
    }
}

impl TryFrom<&ProcedureVersion> for VersionRow {
    type Error = StoreError;

    fn try_from(v: &ProcedureVersion) -> StoreResult<VersionRow> {
        Ok(VersionRow {
            code: v.code.to_string(),
            version: v.version,
            effective_from: instant(v.effective_from),
            content_hash: v.content_hash.clone(),
            body: serde_json::to_string(&v.procedure).map_err(|e| corrupt("procedure body", e))?,
        })
    }
}

impl TryFrom<VersionRow> for ProcedureVersion {
    type Error = StoreError;

    fn try_from(r: VersionRow) -> StoreResult<ProcedureVersion> {
        Ok(ProcedureVersion {
            code: ProcedureCode::parse(&r.code).map_err(|e| corrupt("procedure code", e))?,
            version: r.version,
            effective_from: parse_instant(&r.effective_from)?,
            content_hash: r.content_hash,
            procedure: serde_json::from_str::<Procedure>(&r.body).map_err(|e| corrupt("procedure body", e))?,
        })
    }
}

fn read_version(row: &AnyRow) -> StoreResult<ProcedureVersion> {
    ProcedureVersion::try_from(row::read::<VersionRow>(row)?)
}

/// Writes a procedure's row, or updates every column but its code when it
/// exists, to be followed by the conditions of the update.
fn upsert_procedure(row: &ProcedureRow) -> SqlBuilder {
    row::upsert("procedures", row, &["code"])
}

/// Rebuilds the indexed words of some procedures from their folded search
/// text, inside the caller's write. The database splits the text itself, in
/// one statement for the whole list: the one place where the two backends
/// need different SQL for the same query.
async fn index_words(conn: &mut sqlx::AnyConnection, backend: Backend, codes: &[String]) -> StoreResult<()> {
    let codes = serde_json::to_string(codes).map_err(|e| corrupt("codes", e))?;
    let (delete, insert) = match backend {
        Backend::Sqlite => (
            "DELETE FROM procedure_words WHERE code IN (SELECT value FROM json_each($1))",
            "WITH RECURSIVE split (code, word, rest) AS (
                 SELECT code, '', search_text || ' ' FROM procedures WHERE code IN (SELECT value FROM json_each($1))
                 UNION ALL
                 SELECT code, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
                 FROM split WHERE rest <> ''
             )
             INSERT OR IGNORE INTO procedure_words (word, code) SELECT word, code FROM split WHERE word <> ''",
        ),
        Backend::Postgres => (
            "DELETE FROM procedure_words WHERE code IN (SELECT jsonb_array_elements_text(CAST($1 AS jsonb)))",
            "INSERT INTO procedure_words (word, code)
             SELECT DISTINCT w, code FROM procedures, regexp_split_to_table(search_text, ' ') AS w
             WHERE code IN (SELECT jsonb_array_elements_text(CAST($1 AS jsonb))) AND w <> ''
             ON CONFLICT DO NOTHING",
        ),
    };
    sqlx::query(delete).bind(&codes).execute(&mut *conn).await?;
    sqlx::query(insert).bind(&codes).execute(&mut *conn).await?;
    Ok(())
}

/// The smallest string greater than every string starting with `prefix`:
/// the prefix with its last character moved up by one.
fn prefix_upper_bound(prefix: &str) -> String {
    let mut chars: Vec<char> = prefix.chars().collect();
    match chars.pop() {
        Some(last) => {
            let next = char::from_u32(last as u32 + 1).unwrap_or(char::MAX);
            chars.push(next);
            chars.into_iter().collect()
        }
        None => String::new(),
    }
}

impl Store {
    /// Saves an imported procedure: a new version if its content differs from
    /// the version in force (or it is new), nothing otherwise. The version and
    /// the searchable row change in one transaction.
    pub async fn save_procedure(
        &self,
        procedure: &Procedure,
        effective_from: DateTime<Utc>,
    ) -> StoreResult<SavedVersion> {
        let hash = procedure.content_hash();
        let procedure = procedure.clone();
        let backend = self.backend;
        self.write(move |tx| {
            Box::pin(async move {
                let current: Option<(i64, String)> = sqlx::query_as(
                    "SELECT v.version, v.content_hash FROM procedures p
                     JOIN procedure_versions v ON v.code = p.code AND v.version = p.current_version
                     WHERE p.code = $1",
                )
                .bind(procedure.code.as_str())
                .fetch_optional(&mut *tx)
                .await?;
                let version = match decide_version(current.as_ref().map(|(v, h)| (*v, h.as_str())), &hash) {
                    VersionDecision::Unchanged => return Ok(SavedVersion::Unchanged),
                    VersionDecision::Create => 1,
                    VersionDecision::NewVersion(version) => version,
                };
                let now = instant(Utc::now());
                // The summary row must exist before the version that references it; it
                // points at the new version only once that is inserted below.
                let summary = ProcedureRow::of(&procedure.summary(), current.as_ref().map(|(v, _)| *v), &now)?;
                upsert_procedure(&summary).build().execute(&mut *tx).await?;
                index_words(tx, backend, &[procedure.code.to_string()]).await?;
                let saved = ProcedureVersion {
                    code: procedure.code.clone(),
                    version,
                    effective_from,
                    content_hash: hash,
                    procedure,
                };
                row::insert("procedure_versions", &VersionRow::try_from(&saved)?).build().execute(&mut *tx).await?;
                sqlx::query("UPDATE procedures SET current_version = $1 WHERE code = $2")
                    .bind(version)
                    .bind(saved.code.as_str())
                    .execute(&mut *tx)
                    .await?;
                Ok(if version == 1 { SavedVersion::Created } else { SavedVersion::NewVersion(version) })
            })
        })
        .await
    }

    /// Saves catalogue entries without details, in one write. Never
    /// overwrites a procedure that has details; returns how many rows changed.
    pub async fn save_catalogue_entries(&self, summaries: &[ProcedureSummary]) -> StoreResult<u64> {
        let now = instant(Utc::now());
        let summaries = summaries.to_vec();
        let backend = self.backend;
        self.write(move |conn| {
            Box::pin(async move {
                let mut changed = Vec::new();
                for summary in &summaries {
                    let mut upsert = upsert_procedure(&ProcedureRow::of(summary, None, &now)?);
                    upsert.push(
                        " WHERE procedures.has_details = 0
                           AND (procedures.name <> excluded.name OR procedures.field_name <> excluded.field_name
                                OR procedures.agencies <> excluded.agencies)",
                    );
                    if upsert.build().execute(&mut *conn).await?.rows_affected() > 0 {
                        changed.push(summary.code.to_string());
                    }
                }
                if !changed.is_empty() {
                    index_words(conn, backend, &changed).await?;
                }
                Ok(changed.len() as u64)
            })
        })
        .await
    }

    /// Saves one catalogue entry without details; returns whether a row changed.
    pub async fn save_catalogue_entry(&self, summary: &ProcedureSummary) -> StoreResult<bool> {
        Ok(self.save_catalogue_entries(std::slice::from_ref(summary)).await? > 0)
    }

    /// The version of a procedure in force now.
    pub async fn current_procedure(&self, code: &str) -> StoreResult<Option<ProcedureVersion>> {
        let row = sqlx::query(&format!(
            "SELECT {} FROM procedures p JOIN procedure_versions v ON v.code = p.code AND v.version = p.current_version
             WHERE p.code = $1",
            row::column_list::<VersionRow>(Some("v"))
        ))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(read_version).transpose()
    }

    /// The version that was in force at `at`: the latest one effective by then.
    pub async fn procedure_in_force(&self, code: &str, at: DateTime<Utc>) -> StoreResult<Option<ProcedureVersion>> {
        let row = sqlx::query(&format!(
            "SELECT {} FROM procedure_versions WHERE code = $1 AND effective_from <= $2 ORDER BY version DESC LIMIT 1",
            row::column_list::<VersionRow>(None)
        ))
        .bind(code)
        .bind(instant(at))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(read_version).transpose()
    }

    /// Every version of a procedure, oldest first.
    pub async fn procedure_versions(&self, code: &str) -> StoreResult<Vec<ProcedureVersion>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM procedure_versions WHERE code = $1 ORDER BY version",
            row::column_list::<VersionRow>(None)
        ))
        .bind(code)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(read_version).collect()
    }

    /// The catalogue row of a procedure, with or without details.
    pub async fn procedure_summary(&self, code: &str) -> StoreResult<Option<CatalogueHit>> {
        let row =
            sqlx::query(&format!("SELECT {} FROM procedures WHERE code = $1", row::column_list::<SummaryRow>(None)))
                .bind(code)
                .fetch_optional(&self.pool)
                .await?;
        row.as_ref().map(|r| CatalogueHit::try_from(row::read::<SummaryRow>(r)?)).transpose()
    }

    /// The codes of a field's procedures.
    pub async fn procedures_in_field(&self, field_code: &str) -> StoreResult<Vec<String>> {
        let codes = sqlx::query_scalar("SELECT code FROM procedures WHERE field_code = $1 ORDER BY code")
            .bind(field_code)
            .fetch_all(&self.pool)
            .await?;
        Ok(codes)
    }

    /// The codes of the procedures whose full record is held, in code order.
    pub async fn detailed_procedure_codes(&self) -> StoreResult<Vec<String>> {
        let codes = sqlx::query_scalar("SELECT DISTINCT code FROM procedure_versions ORDER BY code")
            .fetch_all(&self.pool)
            .await?;
        Ok(codes)
    }

    /// The procedures with the most dossiers, most first: (code, dossiers).
    pub async fn most_used_procedures(&self, limit: i64) -> StoreResult<Vec<(String, i64)>> {
        let used = sqlx::query_as(
            "SELECT procedure_code, COUNT(*) FROM dossiers GROUP BY procedure_code
             ORDER BY COUNT(*) DESC, procedure_code LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(used)
    }

    /// The fields with the most procedures: (code, name, procedures).
    pub async fn largest_fields(&self, limit: i64) -> StoreResult<Vec<(String, String, i64)>> {
        let fields = sqlx::query_as(
            "SELECT field_code, field_name, COUNT(*) FROM procedures
             WHERE field_code <> '' GROUP BY field_code, field_name ORDER BY COUNT(*) DESC, field_code LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(fields)
    }

    /// How many procedures, and how many of them with details, the catalogue holds.
    pub async fn count_procedures(&self) -> StoreResult<(i64, i64)> {
        let counts =
            sqlx::query_as("SELECT COUNT(*), COUNT(current_version) FROM procedures").fetch_one(&self.pool).await?;
        Ok(counts)
    }

    /// Searches the catalogue. Every word must appear in the folded text; the
    /// ranking puts an exact code first, then names that start with or contain
    /// the whole phrase, then names holding more of the words as whole words,
    /// then detailed and online procedures, then shorter names.
    pub async fn search_procedures(&self, query: &CatalogueQuery) -> StoreResult<CataloguePage> {
        let mut filter = SqlBuilder::new(" FROM procedures WHERE 1 = 1");
        // Each word must begin a word of the procedure's text: looked up by
        // prefix range in the word index, which both databases answer from
        // the primary key.
        for term in &query.terms {
            filter.push(" AND code IN (SELECT code FROM procedure_words WHERE word >= ").text(term.clone());
            filter.push(" AND word < ").text(prefix_upper_bound(term)).push(")");
        }
        if let Some(level) = query.level {
            filter.push(match level {
                Level::Province => " AND level_province = 1",
                Level::Commune => " AND level_commune = 1",
                Level::Ministry => " AND level_ministry = 1",
                Level::Other => " AND level_other = 1",
            });
        }
        if let Some(field) = &query.field {
            filter.push(" AND (field_code = ").text(field.clone());
            filter.push(" OR field_folded LIKE ").text(format!("%{}%", fold(field))).push(")");
        }
        if let Some(full_online) = query.full_online {
            filter.push(" AND full_online = ").int(flag(full_online));
        }

        let phrase = query.terms.join(" ");
        // The window count gives the total in the same scan as the page.
        let mut select = SqlBuilder::new(&format!(
            "SELECT {}, COUNT(*) OVER () AS matches, (",
            row::column_list::<SummaryRow>(None)
        ));
        if phrase.is_empty() {
            select.push("0");
        } else {
            select.push("CASE WHEN code = ").text(phrase.replace(' ', ".")).push(" THEN 1000 ELSE 0 END");
            select.push(" + CASE WHEN name_folded LIKE ").text(format!("{phrase}%")).push(" THEN 300 ELSE 0 END");
            select
                .push(" + CASE WHEN name_folded LIKE ")
                .text(format!("thu tuc {phrase}%"))
                .push(" THEN 300 ELSE 0 END");
            select.push(" + CASE WHEN name_folded LIKE ").text(format!("%{phrase}%")).push(" THEN 200 ELSE 0 END");
            for term in &query.terms {
                select.push(" + CASE WHEN (' ' || name_folded || ' ') LIKE ").text(format!("% {term} %"));
                select.push(" THEN 20 ELSE 0 END");
            }
        }
        select.push(" + has_details * 10 + online * 5) AS score");
        select.extend(&filter);
        select.push(" ORDER BY score DESC, LENGTH(name), code LIMIT ").int(i64::from(query.per_page));
        select.push(" OFFSET ").int(i64::try_from(query.offset()).unwrap_or(i64::MAX));
        let rows = select.build().fetch_all(&self.pool).await?;
        let hits = rows.iter().map(row::read::<SearchHitRow>).collect::<StoreResult<Vec<_>>>()?;
        let total = match hits.first() {
            Some(hit) => hit.matches,
            // A page past the end has no row to carry the count.
            None if query.page > 1 => {
                let mut count = SqlBuilder::new("SELECT COUNT(*)");
                count.extend(&filter);
                count.build_scalar().fetch_one(&self.pool).await?
            }
            None => 0,
        };
        let items = hits.into_iter().map(|hit| CatalogueHit::try_from(hit.summary)).collect::<StoreResult<_>>()?;
        Ok(CataloguePage { items, total })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary_row() -> SummaryRow {
        SummaryRow {
            code: "a".into(),
            name: "b".into(),
            field_code: "c".into(),
            field_name: "d".into(),
            level_province: 1,
            level_commune: 2,
            level_ministry: 3,
            level_other: 4,
            full_online: 5,
            boundary_free: 6,
            online: 7,
            has_details: 8,
            agencies: "e".into(),
            keywords: "f".into(),
            current_version: Some(9),
        }
    }

    #[test]
    fn every_field_of_the_catalogue_rows_has_its_column() {
        row::tests::round_trips(&summary_row());
        row::tests::round_trips(&ProcedureRow {
            summary: summary_row(),
            name_folded: "g".into(),
            search_text: "h".into(),
            field_folded: "i".into(),
            updated_at: "j".into(),
        });
        row::tests::round_trips(&SearchHitRow { summary: summary_row(), matches: 10 });
        row::tests::round_trips(&VersionRow {
            code: "a".into(),
            version: 2,
            effective_from: "b".into(),
            content_hash: "c".into(),
            body: "d".into(),
        });
    }

    #[test]
    fn a_summary_survives_its_row() {
        let summary = ProcedureSummary {
            code: ProcedureCode::parse("1.001234").expect("code"),
            name: "Đăng ký khai sinh".into(),
            field: Some(Named { code: "HT".into(), name: "Hộ tịch".into() }),
            levels: Levels { province: false, commune: true, ministry: false, other: true },
            agencies: vec!["UBND cấp xã".into()],
            full_online: true,
            boundary_free: false,
            online: true,
            has_details: false,
            keywords: "khai sinh".into(),
        };
        let row = ProcedureRow::of(&summary, Some(3), "2026-01-01T00:00:00.000000Z").expect("row");
        assert_eq!(row.search_text, summary.search_text());
        let hit = CatalogueHit::try_from(row.summary).expect("readable");
        assert_eq!(hit, CatalogueHit { summary, current_version: Some(3) });
    }

    #[test]
    fn prefix_bounds_cover_exactly_the_words_with_the_prefix() {
        let upper = prefix_upper_bound("dang");
        assert_eq!(upper, "danh");
        for word in ["dang", "dangky", "dang9"] {
            assert!(word >= "dang" && word < upper.as_str(), "{word}");
        }
        for word in ["danh", "dan", "dao"] {
            assert!(!(word >= "dang" && word < upper.as_str()), "{word}");
        }
        assert_eq!(prefix_upper_bound("z"), "{");
    }
}
