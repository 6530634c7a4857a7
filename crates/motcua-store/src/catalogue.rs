//! The procedure catalogue: versions saved atomically with the searchable row,
//! and search over folded text.

use chrono::{DateTime, Utc};
use motcua_domain::catalogue::{
    CatalogueQuery, Level, Levels, Named, Procedure, ProcedureCode, ProcedureSummary, ProcedureVersion,
    VersionDecision, decide_version,
};
use motcua_domain::text::fold;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::encoding::{corrupt, flag, instant, parse_instant};
use crate::query::SqlBuilder;
use crate::{Backend, Store, StoreResult};

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

const SUMMARY_COLUMNS: &str = "code, name, field_code, field_name, level_province, level_commune, level_ministry,
    level_other, full_online, boundary_free, online, has_details, agencies, keywords, current_version";

fn summary_from_row(row: &AnyRow) -> StoreResult<CatalogueHit> {
    let code: String = row.try_get("code")?;
    let field_code: String = row.try_get("field_code")?;
    let field_name: String = row.try_get("field_name")?;
    let agencies: String = row.try_get("agencies")?;
    let on = |column: &str| -> StoreResult<bool> { Ok(row.try_get::<i64, _>(column)? != 0) };
    Ok(CatalogueHit {
        summary: ProcedureSummary {
            code: ProcedureCode::parse(&code).map_err(|e| corrupt("procedure code", e))?,
            name: row.try_get("name")?,
            field: (!field_code.is_empty() || !field_name.is_empty())
                .then_some(Named { code: field_code, name: field_name }),
            levels: Levels {
                province: on("level_province")?,
                commune: on("level_commune")?,
                ministry: on("level_ministry")?,
                other: on("level_other")?,
            },
            agencies: serde_json::from_str(&agencies).map_err(|e| corrupt("agencies", e))?,
            full_online: on("full_online")?,
            boundary_free: on("boundary_free")?,
            online: on("online")?,
            has_details: on("has_details")?,
            keywords: row.try_get("keywords")?,
        },
        current_version: row.try_get("current_version")?,
    })
}

fn version_from_row(row: &AnyRow) -> StoreResult<ProcedureVersion> {
    let code: String = row.try_get("code")?;
    let body: String = row.try_get("body")?;
    Ok(ProcedureVersion {
        code: ProcedureCode::parse(&code).map_err(|e| corrupt("procedure code", e))?,
        version: row.try_get("version")?,
        effective_from: parse_instant(&row.try_get::<String, _>("effective_from")?)?,
        content_hash: row.try_get("content_hash")?,
        procedure: serde_json::from_str::<Procedure>(&body).map_err(|e| corrupt("procedure body", e))?,
    })
}

/// Binds the summary columns in `SUMMARY_INSERT` order, starting at `$1`.
fn bind_summary<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    summary: &ProcedureSummary,
    current_version: Option<i64>,
    now: &str,
) -> StoreResult<sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>> {
    let (field_code, field_name) = summary.field.as_ref().map(|f| (f.code.clone(), f.name.clone())).unwrap_or_default();
    Ok(query
        .bind(summary.code.as_str().to_owned())
        .bind(summary.name.clone())
        .bind(fold(&summary.name))
        .bind(summary.search_text())
        .bind(field_code)
        .bind(fold(&field_name))
        .bind(field_name)
        .bind(flag(summary.levels.province))
        .bind(flag(summary.levels.commune))
        .bind(flag(summary.levels.ministry))
        .bind(flag(summary.levels.other))
        .bind(flag(summary.full_online))
        .bind(flag(summary.boundary_free))
        .bind(flag(summary.online))
        .bind(flag(summary.has_details))
        .bind(serde_json::to_string(&summary.agencies).map_err(|e| corrupt("agencies", e))?)
        .bind(summary.keywords.clone())
        .bind(current_version)
        .bind(now.to_owned()))
}

const SUMMARY_INSERT: &str = "INSERT INTO procedures (code, name, name_folded, search_text, field_code, field_folded,
        field_name, level_province, level_commune, level_ministry, level_other, full_online, boundary_free, online,
        has_details, agencies, keywords, current_version, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)";

const SUMMARY_UPDATE_SET: &str = " SET name = excluded.name, name_folded = excluded.name_folded,
        search_text = excluded.search_text, field_code = excluded.field_code, field_folded = excluded.field_folded,
        field_name = excluded.field_name, level_province = excluded.level_province,
        level_commune = excluded.level_commune, level_ministry = excluded.level_ministry,
        level_other = excluded.level_other, full_online = excluded.full_online,
        boundary_free = excluded.boundary_free, online = excluded.online, has_details = excluded.has_details,
        agencies = excluded.agencies, keywords = excluded.keywords, current_version = excluded.current_version,
        updated_at = excluded.updated_at";

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
                let current = sqlx::query(
                    "SELECT v.version, v.content_hash FROM procedures p
             JOIN procedure_versions v ON v.code = p.code AND v.version = p.current_version
             WHERE p.code = $1",
                )
                .bind(procedure.code.as_str())
                .fetch_optional(&mut *tx)
                .await?;
                let current = match &current {
                    Some(row) => Some((row.try_get::<i64, _>("version")?, row.try_get::<String, _>("content_hash")?)),
                    None => None,
                };
                let version = match decide_version(current.as_ref().map(|(v, h)| (*v, h.as_str())), &hash) {
                    VersionDecision::Unchanged => return Ok(SavedVersion::Unchanged),
                    VersionDecision::Create => 1,
                    VersionDecision::NewVersion(version) => version,
                };
                let now = instant(Utc::now());
                let upsert = format!("{SUMMARY_INSERT} ON CONFLICT (code) DO UPDATE{SUMMARY_UPDATE_SET}");
                // The summary row must exist before the version that references it; it
                // points at the new version only once that is inserted below.
                let summary = procedure.summary();
                bind_summary(sqlx::query(&upsert), &summary, current.as_ref().map(|(v, _)| *v), &now)?
                    .execute(&mut *tx)
                    .await?;
                index_words(tx, backend, &[procedure.code.to_string()]).await?;
                sqlx::query(
                    "INSERT INTO procedure_versions (code, version, effective_from, content_hash, body)
             VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(procedure.code.as_str())
                .bind(version)
                .bind(instant(effective_from))
                .bind(&hash)
                .bind(serde_json::to_string(&procedure).map_err(|e| corrupt("procedure body", e))?)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE procedures SET current_version = $1 WHERE code = $2")
                    .bind(version)
                    .bind(procedure.code.as_str())
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
        let upsert = format!(
            "{SUMMARY_INSERT} ON CONFLICT (code) DO UPDATE{SUMMARY_UPDATE_SET}
             WHERE procedures.has_details = 0
               AND (procedures.name <> excluded.name OR procedures.field_name <> excluded.field_name
                    OR procedures.agencies <> excluded.agencies)"
        );
        let summaries = summaries.to_vec();
        let backend = self.backend;
        self.write(move |conn| {
            Box::pin(async move {
                let mut changed = Vec::new();
                for summary in &summaries {
                    let result = bind_summary(sqlx::query(&upsert), summary, None, &now)?.execute(&mut *conn).await?;
                    if result.rows_affected() > 0 {
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
        let row = sqlx::query(
            "SELECT v.code, v.version, v.effective_from, v.content_hash, v.body
             FROM procedures p JOIN procedure_versions v ON v.code = p.code AND v.version = p.current_version
             WHERE p.code = $1",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(version_from_row).transpose()
    }

    /// The version that was in force at `at`: the latest one effective by then.
    pub async fn procedure_in_force(&self, code: &str, at: DateTime<Utc>) -> StoreResult<Option<ProcedureVersion>> {
        let row = sqlx::query(
            "SELECT code, version, effective_from, content_hash, body FROM procedure_versions
             WHERE code = $1 AND effective_from <= $2 ORDER BY version DESC LIMIT 1",
        )
        .bind(code)
        .bind(instant(at))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(version_from_row).transpose()
    }

    /// Every version of a procedure, oldest first.
    pub async fn procedure_versions(&self, code: &str) -> StoreResult<Vec<ProcedureVersion>> {
        let rows = sqlx::query(
            "SELECT code, version, effective_from, content_hash, body FROM procedure_versions
             WHERE code = $1 ORDER BY version",
        )
        .bind(code)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(version_from_row).collect()
    }

    /// The catalogue row of a procedure, with or without details.
    pub async fn procedure_summary(&self, code: &str) -> StoreResult<Option<CatalogueHit>> {
        let row = sqlx::query(&format!("SELECT {SUMMARY_COLUMNS} FROM procedures WHERE code = $1"))
            .bind(code)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(summary_from_row).transpose()
    }

    /// The codes of a field's procedures.
    pub async fn procedures_in_field(&self, field_code: &str) -> StoreResult<Vec<String>> {
        let rows = sqlx::query("SELECT code FROM procedures WHERE field_code = $1 ORDER BY code")
            .bind(field_code)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get("code")?)).collect()
    }

    /// The codes of the procedures whose full record is held, in code order.
    pub async fn detailed_procedure_codes(&self) -> StoreResult<Vec<String>> {
        let rows =
            sqlx::query("SELECT DISTINCT code FROM procedure_versions ORDER BY code").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(r.try_get("code")?)).collect()
    }

    /// The procedures with the most dossiers, most first: (code, dossiers).
    pub async fn most_used_procedures(&self, limit: i64) -> StoreResult<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "SELECT procedure_code, COUNT(*) AS dossiers FROM dossiers GROUP BY procedure_code
             ORDER BY COUNT(*) DESC, procedure_code LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get("procedure_code")?, r.try_get("dossiers")?))).collect()
    }

    /// The fields with the most procedures: (code, name, procedures).
    pub async fn largest_fields(&self, limit: i64) -> StoreResult<Vec<(String, String, i64)>> {
        let rows = sqlx::query(
            "SELECT field_code, field_name, COUNT(*) AS procedures FROM procedures
             WHERE field_code <> '' GROUP BY field_code, field_name ORDER BY COUNT(*) DESC, field_code LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("field_code")?, r.try_get("field_name")?, r.try_get("procedures")?)))
            .collect()
    }

    /// How many procedures, and how many of them with details, the catalogue holds.
    pub async fn count_procedures(&self) -> StoreResult<(i64, i64)> {
        let row = sqlx::query("SELECT COUNT(*) AS total, COUNT(current_version) AS detailed FROM procedures")
            .fetch_one(&self.pool)
            .await?;
        Ok((row.try_get("total")?, row.try_get("detailed")?))
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
        let mut select = SqlBuilder::new(&format!("SELECT {SUMMARY_COLUMNS}, COUNT(*) OVER () AS matches, ("));
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
        let items = rows.iter().map(summary_from_row).collect::<StoreResult<Vec<_>>>()?;
        let total = match rows.first() {
            Some(row) => row.try_get("matches")?,
            // A page past the end has no row to carry the count.
            None if query.page > 1 => {
                let mut count = SqlBuilder::new("SELECT COUNT(*)");
                count.extend(&filter);
                count.build().fetch_one(&self.pool).await?.try_get(0)?
            }
            None => 0,
        };
        Ok(CataloguePage { items, total })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn prefix_bounds_cover_exactly_the_words_with_the_prefix() {
        let upper = super::prefix_upper_bound("dang");
        assert_eq!(upper, "danh");
        for word in ["dang", "dangky", "dang9"] {
            assert!(word >= "dang" && word < upper.as_str(), "{word}");
        }
        for word in ["danh", "dan", "dao"] {
            assert!(!(word >= "dang" && word < upper.as_str()), "{word}");
        }
        assert_eq!(super::prefix_upper_bound("z"), "{");
    }
}
