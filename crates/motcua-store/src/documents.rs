//! Documents by content hash: an owner's document store, and what is attached to dossiers.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use motcua_domain::indicators::AttachedComponent;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::encoding::{flag, instant, parse_instant};
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

/// A document in someone's store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    pub owner_id: String,
    pub sha256: String,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    /// `upload` or `result`.
    pub origin: String,
    /// For a result: the dossier that produced it.
    pub dossier_code: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A document attached to a dossier, for one of its components.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedDocument {
    pub component_code: String,
    pub sha256: String,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    /// Taken from data already digitised (an earlier dossier or a result).
    pub reused: bool,
    pub added_by: String,
    pub added_at: DateTime<Utc>,
}

/// A document's row in its owner's store.
#[derive(Debug, Clone, Default, PartialEq)]
struct DocumentRow {
    owner_id: String,
    sha256: String,
    file_name: String,
    media_type: String,
    size: i64,
    origin: String,
    dossier_code: Option<String>,
    created_at: String,
}

impl Row for DocumentRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("owner_id", &mut self.owner_id);
        c.text("sha256", &mut self.sha256);
        c.text("file_name", &mut self.file_name);
        c.text("media_type", &mut self.media_type);
        c.int("size", &mut self.size);
        c.text("origin", &mut self.origin);
        c.optional_text("dossier_code", &mut self.dossier_code);
        c.text("created_at", &mut self.created_at);
    }
}

impl From<&DocumentRecord> for DocumentRow {
    fn from(d: &DocumentRecord) -> DocumentRow {
        DocumentRow {
            owner_id: d.owner_id.clone(),
            sha256: d.sha256.clone(),
            file_name: d.file_name.clone(),
            media_type: d.media_type.clone(),
            size: d.size,
            origin: d.origin.clone(),
            dossier_code: d.dossier_code.clone(),
            created_at: instant(d.created_at),
        }
    }
}

impl TryFrom<DocumentRow> for DocumentRecord {
    type Error = StoreError;

    fn try_from(r: DocumentRow) -> StoreResult<DocumentRecord> {
        Ok(DocumentRecord {
            owner_id: r.owner_id,
            sha256: r.sha256,
            file_name: r.file_name,
            media_type: r.media_type,
            size: r.size,
            origin: r.origin,
            dossier_code: r.dossier_code,
            created_at: parse_instant(&r.created_at)?,
        })
    }
}

fn read_document(row: &AnyRow) -> StoreResult<DocumentRecord> {
    DocumentRecord::try_from(row::read::<DocumentRow>(row)?)
}

/// A document attached to a dossier, as its row.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DossierDocumentRow {
    province_code: String,
    component: AttachedComponentRow,
    sha256: String,
    file_name: String,
    media_type: String,
    size: i64,
    added_by: String,
    added_at: String,
}

impl Row for DossierDocumentRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("province_code", &mut self.province_code);
        self.component.columns(c);
        c.text("sha256", &mut self.sha256);
        c.text("file_name", &mut self.file_name);
        c.text("media_type", &mut self.media_type);
        c.int("size", &mut self.size);
        c.text("added_by", &mut self.added_by);
        c.text("added_at", &mut self.added_at);
    }
}

/// The columns of an attached document's row that the indicators read: the
/// dossier, the component it fills and whether it was reused.
#[derive(Debug, Clone, Default, PartialEq)]
struct AttachedComponentRow {
    dossier_id: String,
    component_code: String,
    reused: i64,
}

impl Row for AttachedComponentRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("dossier_id", &mut self.dossier_id);
        c.text("component_code", &mut self.component_code);
        c.int("reused", &mut self.reused);
    }
}

impl DossierDocumentRow {
    /// The row of `document` attached to the dossier `dossier_id` of `province_code`.
    pub(crate) fn of(province_code: &str, dossier_id: &str, document: &AttachedDocument) -> DossierDocumentRow {
        DossierDocumentRow {
            province_code: province_code.to_owned(),
            component: AttachedComponentRow {
                dossier_id: dossier_id.to_owned(),
                component_code: document.component_code.clone(),
                reused: flag(document.reused),
            },
            sha256: document.sha256.clone(),
            file_name: document.file_name.clone(),
            media_type: document.media_type.clone(),
            size: document.size,
            added_by: document.added_by.clone(),
            added_at: instant(document.added_at),
        }
    }
}

impl TryFrom<DossierDocumentRow> for AttachedDocument {
    type Error = StoreError;

    fn try_from(r: DossierDocumentRow) -> StoreResult<AttachedDocument> {
        Ok(AttachedDocument {
            component_code: r.component.component_code,
            sha256: r.sha256,
            file_name: r.file_name,
            media_type: r.media_type,
            size: r.size,
            reused: r.component.reused != 0,
            added_by: r.added_by,
            added_at: parse_instant(&r.added_at)?,
        })
    }
}

/// The components attached to the dossiers of a province whose ids lie in
/// `[first, last]`, by dossier id: what the indicators count of them.
pub(crate) async fn attached_components(
    conn: &mut AnyConnection,
    province: &str,
    first: &str,
    last: &str,
) -> StoreResult<HashMap<String, Vec<AttachedComponent>>> {
    let rows = sqlx::query(&format!(
        "SELECT {} FROM dossier_documents WHERE province_code = $1 AND dossier_id >= $2 AND dossier_id <= $3",
        row::column_list::<AttachedComponentRow>(None)
    ))
    .bind(province)
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?;
    let mut attached: HashMap<String, Vec<AttachedComponent>> = HashMap::new();
    for row in &rows {
        let r = row::read::<AttachedComponentRow>(row)?;
        attached
            .entry(r.dossier_id)
            .or_default()
            .push(AttachedComponent { component_code: r.component_code, reused: r.reused != 0 });
    }
    Ok(attached)
}

async fn upload_usage_on(conn: &mut AnyConnection, owner_id: &str) -> StoreResult<i64> {
    // SUM over integers is a numeric on PostgreSQL: cast back to 64 bits.
    let used = sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM documents WHERE owner_id = $1 AND origin = 'upload'",
    )
    .bind(owner_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(used)
}

/// Attaches documents to a dossier inside the caller's write.
pub(crate) async fn attach(
    conn: &mut AnyConnection,
    province_code: &str,
    dossier_id: &str,
    documents: &[AttachedDocument],
) -> StoreResult<()> {
    for document in documents {
        let mut insert = row::insert("dossier_documents", &DossierDocumentRow::of(province_code, dossier_id, document));
        insert.push(" ON CONFLICT (province_code, dossier_id, component_code, sha256) DO NOTHING");
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// What became of an upload offered to an owner's store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedUpload {
    /// A new row.
    Saved,
    /// The owner already had this content: nothing changed.
    AlreadyThere,
    /// It would have taken the owner's uploads past their quota: nothing changed.
    OverQuota,
}

impl Store {
    /// Adds an upload to its owner's store unless the owner already has the
    /// content or, with a `quota` in bytes, the sizes of the owner's uploads
    /// would add up to more than it. The check and the insert are one write.
    pub async fn save_upload(&self, document: &DocumentRecord, quota: Option<i64>) -> StoreResult<SavedUpload> {
        let document = document.clone();
        self.write(move |conn| {
            Box::pin(async move {
                let present =
                    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM documents WHERE owner_id = $1 AND sha256 = $2")
                        .bind(&document.owner_id)
                        .bind(&document.sha256)
                        .fetch_one(&mut *conn)
                        .await?;
                if present > 0 {
                    return Ok(SavedUpload::AlreadyThere);
                }
                if let Some(quota) = quota {
                    let used = upload_usage_on(&mut *conn, &document.owner_id).await?;
                    if used.saturating_add(document.size) > quota {
                        return Ok(SavedUpload::OverQuota);
                    }
                }
                insert_document(&mut *conn, &document).await?;
                Ok(SavedUpload::Saved)
            })
        })
        .await
    }

    /// The bytes an owner's uploads take (results received do not count).
    pub async fn upload_usage(&self, owner_id: &str) -> StoreResult<i64> {
        let mut conn = self.pool.acquire().await?;
        upload_usage_on(&mut conn, owner_id).await
    }

    /// Removes a document from an owner's store (not from dossiers it is
    /// attached to).
    pub async fn delete_document(&self, owner_id: &str, sha256: &str) -> StoreResult<()> {
        let (owner_id, sha256) = (owner_id.to_owned(), sha256.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query("DELETE FROM documents WHERE owner_id = $1 AND sha256 = $2")
                    .bind(&owner_id)
                    .bind(&sha256)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            })
        })
        .await
    }

    /// Whether any owner's store or any dossier still refers to a content.
    pub async fn document_referenced(&self, sha256: &str) -> StoreResult<bool> {
        let count = sqlx::query_scalar::<_, i64>(
            "SELECT (SELECT COUNT(*) FROM documents WHERE sha256 = $1)
                  + (SELECT COUNT(*) FROM dossier_documents WHERE sha256 = $2)",
        )
        .bind(sha256)
        .bind(sha256)
        .fetch_one(&self.pool)
        .await?;
        Ok(count > 0)
    }

    /// Adds a document to an owner's store; the same content twice is kept once.
    pub async fn save_document(&self, document: &DocumentRecord) -> StoreResult<()> {
        let document = document.clone();
        self.write(move |conn| Box::pin(async move { insert_document(&mut *conn, &document).await })).await
    }

    pub async fn document(&self, owner_id: &str, sha256: &str) -> StoreResult<Option<DocumentRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {} FROM documents WHERE owner_id = $1 AND sha256 = $2",
            row::column_list::<DocumentRow>(None)
        ))
        .bind(owner_id)
        .bind(sha256)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(read_document).transpose()
    }

    /// An owner's documents, newest first.
    pub async fn documents_of(&self, owner_id: &str) -> StoreResult<Vec<DocumentRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM documents WHERE owner_id = $1 ORDER BY created_at DESC, sha256",
            row::column_list::<DocumentRow>(None)
        ))
        .bind(owner_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(read_document).collect()
    }

    /// How many earlier dossiers of the applicant with this identification
    /// number already carry this content: a document is reused only when
    /// its own applicant hands it in again, never because someone else
    /// uploaded the same bytes.
    pub async fn applicant_document_uses(&self, applicant_personal_id: &str, sha256: &str) -> StoreResult<i64> {
        let count = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM dossier_documents dd
             JOIN dossiers d ON d.province_code = dd.province_code AND d.id = dd.dossier_id
             WHERE dd.sha256 = $1 AND d.applicant_personal_id = $2",
        )
        .bind(sha256)
        .bind(applicant_personal_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(count)
    }

    /// The documents attached to a dossier, in order of attachment.
    pub async fn dossier_documents(&self, province_code: &str, dossier_id: &str) -> StoreResult<Vec<AttachedDocument>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM dossier_documents WHERE province_code = $1 AND dossier_id = $2
             ORDER BY added_at, component_code",
            row::column_list::<DossierDocumentRow>(None)
        ))
        .bind(province_code)
        .bind(dossier_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| AttachedDocument::try_from(row::read::<DossierDocumentRow>(r)?)).collect()
    }

    /// The (province, id) of the dossiers a content is attached to.
    pub async fn dossiers_with_document(&self, sha256: &str) -> StoreResult<Vec<(String, String)>> {
        let keys = sqlx::query_as("SELECT DISTINCT province_code, dossier_id FROM dossier_documents WHERE sha256 = $1")
            .bind(sha256)
            .fetch_all(&self.pool)
            .await?;
        Ok(keys)
    }
}

/// Adds a document to its owner's store; the same content twice is kept once.
async fn insert_document(conn: &mut AnyConnection, document: &DocumentRecord) -> StoreResult<()> {
    let mut insert = row::insert("documents", &DocumentRow::from(document));
    insert.push(" ON CONFLICT (owner_id, sha256) DO NOTHING");
    insert.build().execute(conn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_document_rows_has_its_column() {
        row::tests::round_trips(&DocumentRow {
            owner_id: "a".into(),
            sha256: "b".into(),
            file_name: "c".into(),
            media_type: "d".into(),
            size: 1,
            origin: "e".into(),
            dossier_code: Some("f".into()),
            created_at: "g".into(),
        });
        row::tests::round_trips(&DossierDocumentRow {
            province_code: "a".into(),
            component: AttachedComponentRow { dossier_id: "b".into(), component_code: "c".into(), reused: 1 },
            sha256: "d".into(),
            file_name: "e".into(),
            media_type: "f".into(),
            size: 2,
            added_by: "g".into(),
            added_at: "h".into(),
        });
    }
}
