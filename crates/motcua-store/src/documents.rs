//! Documents by content hash: an owner's document store, and what is attached to dossiers.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::encoding::{flag, instant, parse_instant};
use crate::{Store, StoreResult};

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

fn document_from_row(row: &AnyRow) -> StoreResult<DocumentRecord> {
    Ok(DocumentRecord {
        owner_id: row.try_get("owner_id")?,
        sha256: row.try_get("sha256")?,
        file_name: row.try_get("file_name")?,
        media_type: row.try_get("media_type")?,
        size: row.try_get("size")?,
        origin: row.try_get("origin")?,
        dossier_code: row.try_get("dossier_code")?,
        created_at: parse_instant(&row.try_get::<String, _>("created_at")?)?,
    })
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
        sqlx::query(
            "INSERT INTO dossier_documents (province_code, dossier_id, component_code, sha256, file_name, media_type,
                 size, reused, added_by, added_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (province_code, dossier_id, component_code, sha256) DO NOTHING",
        )
        .bind(province_code)
        .bind(dossier_id)
        .bind(&document.component_code)
        .bind(&document.sha256)
        .bind(&document.file_name)
        .bind(&document.media_type)
        .bind(document.size)
        .bind(flag(document.reused))
        .bind(&document.added_by)
        .bind(instant(document.added_at))
        .execute(&mut *conn)
        .await?;
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
        let row = sqlx::query(
            "SELECT owner_id, sha256, file_name, media_type, size, origin, dossier_code, created_at FROM documents
             WHERE owner_id = $1 AND sha256 = $2",
        )
        .bind(owner_id)
        .bind(sha256)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(document_from_row).transpose()
    }

    /// An owner's documents, newest first.
    pub async fn documents_of(&self, owner_id: &str) -> StoreResult<Vec<DocumentRecord>> {
        let rows = sqlx::query(
            "SELECT owner_id, sha256, file_name, media_type, size, origin, dossier_code, created_at FROM documents
             WHERE owner_id = $1 ORDER BY created_at DESC, sha256",
        )
        .bind(owner_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(document_from_row).collect()
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
        let rows = sqlx::query(
            "SELECT component_code, sha256, file_name, media_type, size, reused, added_by, added_at
             FROM dossier_documents WHERE province_code = $1 AND dossier_id = $2 ORDER BY added_at, component_code",
        )
        .bind(province_code)
        .bind(dossier_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AttachedDocument {
                    component_code: row.try_get("component_code")?,
                    sha256: row.try_get("sha256")?,
                    file_name: row.try_get("file_name")?,
                    media_type: row.try_get("media_type")?,
                    size: row.try_get("size")?,
                    reused: row.try_get::<i64, _>("reused")? != 0,
                    added_by: row.try_get("added_by")?,
                    added_at: parse_instant(&row.try_get::<String, _>("added_at")?)?,
                })
            })
            .collect()
    }

    /// The (province, id) of the dossiers a content is attached to.
    pub async fn dossiers_with_document(&self, sha256: &str) -> StoreResult<Vec<(String, String)>> {
        let rows = sqlx::query("SELECT DISTINCT province_code, dossier_id FROM dossier_documents WHERE sha256 = $1")
            .bind(sha256)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((r.try_get("province_code")?, r.try_get("dossier_id")?))).collect()
    }
}

/// Adds a document to its owner's store; the same content twice is kept once.
async fn insert_document(conn: &mut AnyConnection, document: &DocumentRecord) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO documents (owner_id, sha256, file_name, media_type, size, origin, dossier_code, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (owner_id, sha256) DO NOTHING",
    )
    .bind(&document.owner_id)
    .bind(&document.sha256)
    .bind(&document.file_name)
    .bind(&document.media_type)
    .bind(document.size)
    .bind(&document.origin)
    .bind(document.dossier_code.as_deref())
    .bind(instant(document.created_at))
    .execute(conn)
    .await?;
    Ok(())
}
