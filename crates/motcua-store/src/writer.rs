//! Where writes happen. On PostgreSQL each write is its own transaction on a
//! pooled connection. On SQLite, which allows one writer at a time, a single
//! task owns the writing connection and commits the writes that arrive
//! together as one transaction (group commit): each write runs inside its own
//! savepoint, so one failing write is rolled back alone, and every writer is
//! answered only after the shared commit is on disk. One `fsync` then serves
//! many requests instead of one.

use sqlx::AnyConnection;
use sqlx::{Connection, Executor};
use std::any::Any as StdAny;
use tokio::sync::{mpsc, oneshot};

use crate::{StoreError, StoreResult};

/// A future borrowing the connection it runs on.
pub(crate) type BoxFuture<'c, T> = std::pin::Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// A write: statements run on the connection it is given, inside a
/// transaction (PostgreSQL) or a savepoint of the batch's transaction (SQLite).
pub(crate) type WriteOp =
    Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, StoreResult<Box<dyn StdAny + Send>>> + Send>;

struct Job {
    op: WriteOp,
    done: oneshot::Sender<StoreResult<Box<dyn StdAny + Send>>>,
}

/// The most writes one SQLite commit carries.
const MAX_BATCH: usize = 128;

/// The handle to SQLite's writing task.
#[derive(Debug, Clone)]
pub(crate) struct GroupWriter {
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

impl GroupWriter {
    /// Starts the writing task on its own connection.
    pub(crate) async fn start(url: &str) -> StoreResult<GroupWriter> {
        let connection = open_writer(url).await?;
        let (jobs, receiver) = mpsc::channel::<Job>(1024);
        let url = url.to_owned();
        tokio::spawn(run(connection, receiver, url));
        Ok(GroupWriter { jobs })
    }

    /// Runs `op` in the next batch and waits for that batch's commit.
    pub(crate) async fn write(&self, op: WriteOp) -> StoreResult<Box<dyn StdAny + Send>> {
        let (done, answer) = oneshot::channel();
        self.jobs.send(Job { op, done }).await.map_err(|_| StoreError::WriterStopped)?;
        answer.await.map_err(|_| StoreError::WriterStopped)?
    }
}

pub(crate) async fn open_writer(url: &str) -> StoreResult<AnyConnection> {
    let mut connection = AnyConnection::connect(url).await?;
    for pragma in crate::SQLITE_PRAGMAS {
        connection.execute(*pragma).await?;
    }
    Ok(connection)
}

async fn run(mut connection: AnyConnection, mut receiver: mpsc::Receiver<Job>, url: String) {
    while let Some(first) = receiver.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let outcomes = commit_batch(&mut connection, &mut batch).await;
        match outcomes {
            Ok(results) => {
                for (job, result) in batch.into_iter().zip(results) {
                    let _ = job.done.send(result);
                }
            }
            Err(error) => {
                tracing::error!(%error, writes = batch.len(), "a batch of writes failed to commit");
                let message = error.to_string();
                for job in batch {
                    let _ = job.done.send(Err(StoreError::CommitFailed(message.clone())));
                }
                // The connection may be broken; start afresh for the next batch.
                let _ = connection.execute("ROLLBACK").await;
                if let Ok(fresh) = open_writer(&url).await {
                    connection = fresh;
                }
            }
        }
    }
}

/// Runs every write of a batch in its own savepoint and commits once. The
/// outer error is a failure of the batch itself (begin or commit).
async fn commit_batch(
    connection: &mut AnyConnection,
    batch: &mut [Job],
) -> StoreResult<Vec<StoreResult<Box<dyn StdAny + Send>>>> {
    connection.execute("BEGIN IMMEDIATE").await?;
    let mut results = Vec::with_capacity(batch.len());
    for job in batch.iter_mut() {
        connection.execute("SAVEPOINT write").await?;
        let op = std::mem::replace(&mut job.op, Box::new(|_| Box::pin(async { Err(StoreError::WriterStopped) })));
        let result = op(connection).await;
        if result.is_err() {
            connection.execute("ROLLBACK TO write").await?;
        }
        connection.execute("RELEASE write").await?;
        results.push(result);
    }
    connection.execute("COMMIT").await?;
    Ok(results)
}

/// Runs one write in its own transaction on a pooled connection (PostgreSQL).
pub(crate) async fn write_in_transaction(pool: &sqlx::AnyPool, op: WriteOp) -> StoreResult<Box<dyn StdAny + Send>> {
    let mut tx = pool.begin().await?;
    match op(&mut tx).await {
        Ok(value) => {
            tx.commit().await?;
            Ok(value)
        }
        Err(error) => {
            tx.rollback().await.ok();
            Err(error)
        }
    }
}

/// Unboxes a write's answer to the type the write produced.
pub(crate) fn unbox<T: 'static>(value: Box<dyn StdAny + Send>) -> StoreResult<T> {
    value.downcast::<T>().map(|b| *b).map_err(|_| StoreError::Corrupt("a write answered the wrong type".to_owned()))
}
