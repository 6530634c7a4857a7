//! Where dossier documents live: scans, PDFs and forms uploaded by applicants
//! and officers.
//!
//! A document is identified by the SHA-256 of its bytes (64 lowercase hex
//! digits) and stored on disk under `root/ab/cd/<hex>`, where `ab` and `cd` are
//! the first two pairs of hex digits. Storing the same bytes twice stores them
//! once. Its type comes from the content, parsed whole ([`inspect`]); what the
//! client claims is never believed, and only [`MediaType::ACCEPTED`] is
//! accepted.
//! The name the client gave is sanitised for display and download only: it is
//! never part of a path. Reads go by hash alone.
//!
//! A write is durable before it is acknowledged: the bytes go to a temporary
//! file in the target directory, which is synced, renamed into place, and then
//! the directories are synced. A crash leaves at most a stray temporary file
//! (named `.<hex>.<random>.tmp`, which can never be read as a document), never a
//! partial file under a final name.
//!
//! The store keeps bytes only. The caller keeps the [`StoredFile`] (hash, size,
//! type, sanitised name) with the dossier: two uploads of the same bytes under
//! different names share one file on disk.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::future::Future;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::pin::Pin;

use sha2::{Digest, Sha256};
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// The size limit when none is configured: 20 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 20 * 1024 * 1024;

/// The longest sanitised file name, in characters, extension included.
pub const MAX_NAME_CHARS: usize = 120;

/// The name stem used when nothing usable is left of the client's name
/// ("tài liệu", document).
const FALLBACK_STEM: &str = "tai-lieu";

mod bounds;
mod image;
mod inspect;
mod office;
mod pdf;

pub use bounds::{MAX_PDF_PAGES, MAX_PIXELS, MAX_UNPACKED, Refusal};
pub use inspect::inspect;

/// The document formats accepted for upload: the formats this service can
/// read whole and check for active content ([`inspect`]). GIF, WebP and TIFF
/// images and legacy Office files (`.doc`, `.xls`) are not among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaType {
    Pdf,
    Png,
    Jpeg,
    /// Word document, Office Open XML, without macros.
    Docx,
    /// Excel workbook, Office Open XML, without macros.
    Xlsx,
    /// OpenDocument text, without macros.
    Odt,
}

impl MediaType {
    /// What an applicant may upload for any dossier component, and an
    /// officer as a supplement or an electronic result: the one place that
    /// says so. The national catalogue's records name no format per
    /// component; when they do, a procedure's own list belongs here.
    pub const ACCEPTED: [MediaType; 6] =
        [MediaType::Pdf, MediaType::Jpeg, MediaType::Png, MediaType::Docx, MediaType::Xlsx, MediaType::Odt];

    /// The MIME type to send with the content.
    pub fn mime(&self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Png => "image/png",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            MediaType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            MediaType::Odt => "application/vnd.oasis.opendocument.text",
        }
    }

    /// The usual file extension, lowercase, without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            MediaType::Pdf => "pdf",
            MediaType::Png => "png",
            MediaType::Jpeg => "jpg",
            MediaType::Docx => "docx",
            MediaType::Xlsx => "xlsx",
            MediaType::Odt => "odt",
        }
    }

    /// Whether a client's extension (any case) names this type; a client's
    /// `scan.JPEG` keeps its extension when the content is a JPEG.
    fn accepts_extension(&self, extension: &str) -> bool {
        let extension = extension.to_ascii_lowercase();
        let aliases: &[&str] = match self {
            MediaType::Jpeg => &["jpeg", "jpe", "jfif"],
            _ => &[],
        };
        extension == self.extension() || aliases.contains(&extension.as_str())
    }
}

/// A document as stored: what the caller records with the dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// The identity of the content: SHA-256, 64 lowercase hex digits.
    pub sha256: String,
    /// The size in bytes.
    pub size: u64,
    /// The type read from the content.
    pub media_type: MediaType,
    /// The client's name, sanitised, with the extension of `media_type`.
    pub file_name: String,
}

/// Why a document was refused or could not be read or written.
#[derive(Debug, Error)]
pub enum FileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the file is refused: {}", .0.key())]
    Refused(Refusal),
    /// The uploader's documents would take more than their quota.
    #[error("the documents would exceed the quota of {quota} bytes")]
    QuotaExceeded { quota: u64 },
    #[error("not a document identifier (64 lowercase hex digits expected)")]
    BadHash,
    #[error("no such document")]
    NotFound,
    /// The disk failed; details are logged, not shown.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The future a [`FileStore`] method returns.
pub type FileFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, FileError>> + Send + 'a>>;

/// Where documents are kept. Object-safe, so the application can hold an
/// `Arc<dyn FileStore>`.
pub trait FileStore: Send + Sync + fmt::Debug {
    /// Checks ([`check`]) and stores `bytes`; `client_name` only feeds the
    /// sanitised display name.
    fn put<'a>(&'a self, bytes: &'a [u8], client_name: &'a str) -> FileFuture<'a, StoredFile>;

    /// The largest file accepted, in bytes.
    fn max_size(&self) -> u64;

    /// Removes the document with this hash; removing one that is not there
    /// is not an error. The caller makes sure nothing refers to it.
    fn remove<'a>(&'a self, sha256: &'a str) -> FileFuture<'a, ()>;

    /// The bytes of the document with this hash.
    fn get<'a>(&'a self, sha256: &'a str) -> FileFuture<'a, Vec<u8>>;

    /// Whether a document with this hash is stored.
    fn exists<'a>(&'a self, sha256: &'a str) -> FileFuture<'a, bool>;
}

/// Documents in a directory tree on the local disk.
#[derive(Debug, Clone)]
pub struct DiskFileStore {
    root: PathBuf,
    max_size: u64,
}

impl DiskFileStore {
    /// A store under `root` (created on first write) refusing files larger
    /// than `max_size` bytes; see [`DEFAULT_MAX_SIZE`].
    pub fn new(root: impl Into<PathBuf>, max_size: u64) -> DiskFileStore {
        DiskFileStore { root: root.into(), max_size }
    }

    async fn put_checked(&self, bytes: &[u8], client_name: &str) -> Result<StoredFile, FileError> {
        let stored = check(bytes, client_name, self.max_size).await?;
        // Syncing blocks: it runs off the async threads, on a copy of the
        // bytes the blocking task can own.
        let root = self.root.clone();
        let owned = bytes.to_vec();
        let sha256 = stored.sha256.clone();
        run_blocking(move || write_durably(&root, &sha256, &owned)).await?;
        Ok(stored)
    }

    async fn remove_checked(&self, sha256: &str) -> Result<(), FileError> {
        let path = self.path_of(sha256)?;
        run_blocking(move || match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(FileError::Io(e)),
        })
        .await
    }

    async fn get_checked(&self, sha256: &str) -> Result<Vec<u8>, FileError> {
        let path = self.path_of(sha256)?;
        run_blocking(move || match fs::read(&path) {
            Ok(bytes) => Ok(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(FileError::NotFound),
            Err(e) => Err(FileError::Io(e)),
        })
        .await
    }

    async fn exists_checked(&self, sha256: &str) -> Result<bool, FileError> {
        let path = self.path_of(sha256)?;
        run_blocking(move || match fs::metadata(&path) {
            Ok(metadata) => Ok(metadata.is_file()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(FileError::Io(e)),
        })
        .await
    }

    /// The final path of a document; refuses anything but a well-formed hash
    /// before the file system is touched.
    fn path_of(&self, sha256: &str) -> Result<PathBuf, FileError> {
        if !is_valid_hash(sha256) {
            return Err(FileError::BadHash);
        }
        Ok(final_path(&self.root, sha256))
    }
}

impl FileStore for DiskFileStore {
    fn put<'a>(&'a self, bytes: &'a [u8], client_name: &'a str) -> FileFuture<'a, StoredFile> {
        Box::pin(self.put_checked(bytes, client_name))
    }

    fn max_size(&self) -> u64 {
        self.max_size
    }

    fn remove<'a>(&'a self, sha256: &'a str) -> FileFuture<'a, ()> {
        Box::pin(self.remove_checked(sha256))
    }

    fn get<'a>(&'a self, sha256: &'a str) -> FileFuture<'a, Vec<u8>> {
        Box::pin(self.get_checked(sha256))
    }

    fn exists<'a>(&'a self, sha256: &'a str) -> FileFuture<'a, bool> {
        Box::pin(self.exists_checked(sha256))
    }
}

/// Checks an upload without storing it: not empty, at most `max_size` bytes,
/// and one of [`MediaType::ACCEPTED`] read whole ([`inspect`]). Answers what
/// storing it would record.
pub async fn check(bytes: &[u8], client_name: &str, max_size: u64) -> Result<StoredFile, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    let size = bytes.len() as u64;
    if size > max_size {
        return Err(FileError::TooLarge { limit: max_size });
    }
    // Parsing and hashing a large file takes a while: off the async threads.
    let owned = bytes.to_vec();
    let (media_type, sha256) = run_blocking(move || {
        let media_type = inspect(&owned).map_err(FileError::Refused)?;
        Ok((media_type, hex_sha256(&owned)))
    })
    .await?;
    let file_name = sanitise_file_name(client_name, media_type);
    Ok(StoredFile { sha256, size, media_type, file_name })
}

/// Runs blocking file work on tokio's blocking pool.
async fn run_blocking<T, F>(work: F) -> Result<T, FileError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, FileError> + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(e) => Err(FileError::Io(io::Error::other(format!("file task failed: {e}")))),
    }
}

/// Whether `s` is 64 lowercase hex digits.
fn is_valid_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The SHA-256 of `bytes`, as lowercase hex.
fn hex_sha256(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    hex
}

/// `root/ab/cd`, the directory of a (validated) hash.
fn fan_out_dir(root: &Path, sha256: &str) -> PathBuf {
    root.join(&sha256[0..2]).join(&sha256[2..4])
}

fn final_path(root: &Path, sha256: &str) -> PathBuf {
    fan_out_dir(root, sha256).join(sha256)
}

/// Puts `bytes` under their final name, durably, unless the same content is
/// already there.
fn write_durably(root: &Path, sha256: &str, bytes: &[u8]) -> Result<(), FileError> {
    let dir = fan_out_dir(root, sha256);
    let target = dir.join(sha256);
    fs::create_dir_all(&dir)?;

    // A file under its final name was synced before it was renamed there, so
    // its content is right; the size check only guards against a file damaged
    // since. Either way the directories are synced below: the writer of an
    // existing file may not have finished syncing them yet.
    let present = match fs::metadata(&target) {
        Ok(metadata) => metadata.is_file() && metadata.len() == bytes.len() as u64,
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e.into()),
    };
    if !present {
        let temp = dir.join(format!(".{sha256}.{:016x}.tmp", rand::random::<u64>()));
        if let Err(e) = write_temp_and_rename(&temp, &target, bytes) {
            // Best effort: the temporary file may not even exist.
            let _ = fs::remove_file(&temp);
            return Err(e.into());
        }
    }

    // The entry of the file in `cd`, of `cd` in `ab`, of `ab` in the root.
    sync_dir(&dir)?;
    if let Some(ab) = dir.parent() {
        sync_dir(ab)?;
    }
    sync_dir(root)?;
    Ok(())
}

fn write_temp_and_rename(temp: &Path, target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    // Replaces atomically: a concurrent writer of the same hash renames
    // identical bytes over it.
    fs::rename(temp, target)
}

/// Makes the entries of a directory durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// Windows cannot open a directory as a file; its renames are left to the
/// file system's own journal.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Extensions recognised as such in a client's name, so that they are
/// replaced rather than kept in front of the right one. Any other trailing
/// `.something` is taken as part of the name: Vietnamese document names often
/// hold dots (`Công văn 15.03.2024`, `Số 12.QĐ-UBND`).
const KNOWN_EXTENSIONS: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "jpe", "jfif", "gif", "webp", "tif", "tiff", "bmp", "heic", "heif", "svg", "doc",
    "docx", "docm", "dot", "dotx", "xls", "xlsx", "xlsm", "ods", "odt", "odp", "ppt", "pptx", "rtf", "txt", "csv",
    "htm", "html", "xhtml", "xml", "json", "zip", "rar", "7z", "gz", "tar", "exe", "dll", "msi", "bat", "cmd", "sh",
    "ps1", "js", "vbs", "jar", "apk", "scr", "php",
];

/// A name safe to show and to offer as a download name, from the name the
/// client gave.
///
/// The name is put in Unicode NFC (so Vietnamese letters typed or stored
/// decomposed keep their marks); anything up to the last `/` or `\` is
/// dropped; whitespace becomes a single space; only letters (of any script),
/// digits, spaces and `. - _ ( )` are kept; leading and trailing dots and
/// spaces go. The extension is the one of `media_type`: kept if the client's
/// matches it, replaced if the client's is another known extension, added
/// otherwise. The result is at most [`MAX_NAME_CHARS`] characters, the
/// extension kept whole; if nothing is left, it is `tai-lieu.<ext>`.
pub fn sanitise_file_name(client_name: &str, media_type: MediaType) -> String {
    let normalised: String = client_name.nfc().collect();
    let base = normalised.rsplit(['/', '\\']).next().unwrap_or_default();

    let mut cleaned = String::with_capacity(base.len());
    let mut pending_space = false;
    for c in base.chars() {
        if c.is_whitespace() {
            pending_space = true;
        } else if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '(' | ')') {
            if pending_space && !cleaned.is_empty() {
                cleaned.push(' ');
            }
            pending_space = false;
            cleaned.push(c);
        }
        // Anything else (controls, separators, symbols, format characters
        // such as bidirectional overrides) is dropped.
    }
    // Leading dots are trimmed after the extension is split off, so that
    // `.pdf` is an extension without a name rather than a name `pdf`.
    let cleaned = cleaned.trim_end_matches(['.', ' ']);
    let (stem, client_extension) = match cleaned.rsplit_once('.') {
        Some((stem, extension)) if KNOWN_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str()) => {
            (trim_name(stem), Some(extension))
        }
        _ => (trim_name(cleaned), None),
    };
    let extension = match client_extension {
        Some(extension) if media_type.accepts_extension(extension) => extension,
        _ => media_type.extension(),
    };

    let room = MAX_NAME_CHARS - 1 - extension.chars().count();
    let stem = match stem.char_indices().nth(room) {
        Some((cut, _)) => trim_name(&stem[..cut]),
        None => stem,
    };
    let stem = if stem.is_empty() { FALLBACK_STEM } else { stem };
    format!("{stem}.{extension}")
}

/// Without leading or trailing dots and spaces.
fn trim_name(name: &str) -> &str {
    name.trim_matches(['.', ' '])
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    /// A directory under the system's temporary directory, unique to a test,
    /// removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(label: &str) -> TempDir {
            static COUNTER: AtomicU64 = AtomicU64::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir().join(format!(
                "motcua-files-{label}-{}-{n}-{:08x}",
                std::process::id(),
                rand::random::<u32>()
            ));
            fs::create_dir_all(&path).expect("create the test directory");
            TempDir(path)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// Every file under `dir`, recursively.
    fn all_files(dir: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for entry in fs::read_dir(dir).expect("read the directory") {
            let path = entry.expect("read an entry").path();
            if path.is_dir() {
                found.extend(all_files(&path));
            } else {
                found.push(path);
            }
        }
        found
    }

    fn pdf() -> Vec<u8> {
        motcua_testkit::uploads::good_pdf()
    }

    fn hash_of(bytes: &[u8]) -> String {
        hex_sha256(bytes)
    }

    #[test]
    fn accepts_each_good_file_as_its_type() {
        let expected = [
            MediaType::Pdf,
            MediaType::Pdf,
            MediaType::Png,
            MediaType::Png,
            MediaType::Jpeg,
            MediaType::Docx,
            MediaType::Xlsx,
            MediaType::Odt,
        ];
        let good = motcua_testkit::uploads::good_files();
        assert_eq!(good.len(), expected.len());
        for (sample, media_type) in good.iter().zip(expected) {
            assert_eq!(inspect(&sample.bytes), Ok(media_type), "{}", sample.name);
        }
    }

    #[tokio::test]
    async fn refuses_every_bad_file_for_its_reason() {
        let bad = motcua_testkit::uploads::bad_files();
        assert!(bad.len() >= 100, "only {} bad files", bad.len());
        let mut wrong = Vec::new();
        for sample in &bad {
            let reason = match check(&sample.bytes, &sample.name, DEFAULT_MAX_SIZE * 4).await {
                Ok(stored) => format!("accepted as {:?}", stored.media_type),
                Err(FileError::Empty) => "empty".to_owned(),
                Err(FileError::Refused(refusal)) => refusal.key().to_owned(),
                Err(other) => other.to_string(),
            };
            if reason != sample.reason {
                wrong.push(format!("{}: {reason}, not {}", sample.name, sample.reason));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn sanitises_names() {
        use MediaType::*;
        let cases: &[(&str, MediaType, &str)] = &[
            ("scan.pdf", Pdf, "scan.pdf"),
            ("../../etc/passwd", Pdf, "passwd.pdf"),
            ("..\\..\\windows\\system32\\cmd.exe", Pdf, "cmd.pdf"),
            ("C:\\x\\a.pdf", Pdf, "a.pdf"),
            ("Tờ khai đăng ký.docx", Docx, "Tờ khai đăng ký.docx"),
            ("scan.jpg", Pdf, "scan.pdf"),
            ("ảnh CCCD.JPEG", Jpeg, "ảnh CCCD.JPEG"),
            ("bản đồ.tif", Png, "bản đồ.png"),
            ("hợp đồng", Pdf, "hợp đồng.pdf"),
            ("Công văn 15.03.2024", Pdf, "Công văn 15.03.2024.pdf"),
            ("Quyết định 12.QĐ-UBND.docx", Docx, "Quyết định 12.QĐ-UBND.docx"),
            ("bang-luong.xls", Xlsx, "bang-luong.xlsx"),
            ("a\u{0}b\u{7}c\u{1B}[31m.pdf", Pdf, "abc31m.pdf"),
            ("line\nbreak\r\n\tname.pdf", Pdf, "line break name.pdf"),
            ("  lots   of \u{A0}  space  .pdf ", Pdf, "lots of space.pdf"),
            ("invoice\u{202E}fdp.exe", Pdf, "invoicefdp.pdf"),
            ("...hidden.pdf", Pdf, "hidden.pdf"),
            (".pdf", Pdf, "tai-lieu.pdf"),
            ("", Png, "tai-lieu.png"),
            ("   ", Odt, "tai-lieu.odt"),
            ("<>:\"|?*", Xlsx, "tai-lieu.xlsx"),
            ("../", Jpeg, "tai-lieu.jpg"),
            ("Bản sao (1) - final_v2.pdf", Pdf, "Bản sao (1) - final_v2.pdf"),
            ("photo.webp", Jpeg, "photo.jpg"),
        ];
        for (client, media_type, expected) in cases {
            assert_eq!(sanitise_file_name(client, *media_type), *expected, "{client:?}");
        }
    }

    #[test]
    fn composes_decomposed_vietnamese() {
        // "Tờ khai" with the marks as combining characters, as macOS file
        // systems store names.
        let decomposed = "To\u{31B}\u{300} khai.pdf";
        assert_eq!(sanitise_file_name(decomposed, MediaType::Pdf), "Tờ khai.pdf");
    }

    #[test]
    fn caps_long_names_keeping_the_extension() {
        let long = format!("{}.pdf", "đ".repeat(300));
        let name = sanitise_file_name(&long, MediaType::Pdf);
        assert_eq!(name.chars().count(), MAX_NAME_CHARS);
        assert_eq!(name, format!("{}.pdf", "đ".repeat(MAX_NAME_CHARS - 4)));

        let long_wrong = format!("{}.jpg", "a".repeat(200));
        let name = sanitise_file_name(&long_wrong, MediaType::Docx);
        assert_eq!(name, format!("{}.docx", "a".repeat(MAX_NAME_CHARS - 5)));

        // A cut that lands before a space does not leave it dangling.
        let spaced = format!("{} {}", "b".repeat(MAX_NAME_CHARS - 5), "c".repeat(50));
        let name = sanitise_file_name(&spaced, MediaType::Pdf);
        assert_eq!(name, format!("{}.pdf", "b".repeat(MAX_NAME_CHARS - 5)));
    }

    #[test]
    fn validates_hashes() {
        assert!(is_valid_hash(&"0123456789abcdef".repeat(4)));
        assert!(!is_valid_hash(&"0123456789ABCDEF".repeat(4)));
        assert!(!is_valid_hash(&"a".repeat(63)));
        assert!(!is_valid_hash(&"a".repeat(65)));
        assert!(!is_valid_hash(&format!("../{}", "a".repeat(61))));
        assert!(!is_valid_hash(""));
    }

    #[test]
    fn hashes_as_lowercase_hex() {
        assert_eq!(hex_sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[tokio::test]
    async fn stores_under_the_hash_and_reads_back_the_same_bytes() {
        let dir = TempDir::new("roundtrip");
        let store = DiskFileStore::new(&dir.0, DEFAULT_MAX_SIZE);
        let bytes = pdf();

        let stored = store.put(&bytes, "Đơn đề nghị.jpg").await.expect("put");
        assert_eq!(stored.sha256, hash_of(&bytes));
        assert_eq!(stored.size, bytes.len() as u64);
        assert_eq!(stored.media_type, MediaType::Pdf);
        assert_eq!(stored.file_name, "Đơn đề nghị.pdf");

        let h = &stored.sha256;
        let expected_path = dir.0.join(&h[0..2]).join(&h[2..4]).join(h);
        assert_eq!(all_files(&dir.0), vec![expected_path]);

        assert_eq!(store.get(h).await.expect("get"), bytes);
        assert!(store.exists(h).await.expect("exists"));
    }

    #[tokio::test]
    async fn storing_the_same_bytes_twice_keeps_one_file() {
        let dir = TempDir::new("dedup");
        let store = DiskFileStore::new(&dir.0, DEFAULT_MAX_SIZE);
        let bytes = motcua_testkit::uploads::good_png(8, 8);

        let first = store.put(&bytes, "a.png").await.expect("first put");
        let second = store.put(&bytes, "b.png").await.expect("second put");
        assert_eq!(first.sha256, second.sha256);
        assert_eq!((first.file_name.as_str(), second.file_name.as_str()), ("a.png", "b.png"));
        assert_eq!(all_files(&dir.0).len(), 1);

        // At the same time, too.
        let other = motcua_testkit::uploads::good_png(9, 9);
        let (x, y) = tokio::join!(store.put(&other, "x.png"), store.put(&other, "y.png"));
        assert_eq!(x.expect("x").sha256, y.expect("y").sha256);
        assert_eq!(all_files(&dir.0).len(), 2);
    }

    #[tokio::test]
    async fn leaves_no_temporary_files() {
        let dir = TempDir::new("no-temp");
        let store = DiskFileStore::new(&dir.0, DEFAULT_MAX_SIZE);
        for i in 0..5u32 {
            let bytes = motcua_testkit::uploads::good_png(4 + i, 4);
            store.put(&bytes, "x.png").await.expect("put");
        }
        let files = all_files(&dir.0);
        assert_eq!(files.len(), 5);
        for file in files {
            let name = file.file_name().and_then(|n| n.to_str()).expect("a UTF-8 name");
            assert!(is_valid_hash(name), "unexpected file {file:?}");
        }
    }

    #[tokio::test]
    async fn repairs_a_damaged_file_on_the_next_put() {
        let dir = TempDir::new("repair");
        let store = DiskFileStore::new(&dir.0, DEFAULT_MAX_SIZE);
        let bytes = pdf();
        let stored = store.put(&bytes, "a.pdf").await.expect("put");
        let path = final_path(&dir.0, &stored.sha256);
        fs::write(&path, b"%PDF-trunc").expect("damage the file");

        store.put(&bytes, "a.pdf").await.expect("put again");
        assert_eq!(fs::read(&path).expect("read"), bytes);
    }

    #[tokio::test]
    async fn refuses_empty_too_large_and_unsupported_files() {
        let dir = TempDir::new("refusals");
        let good = pdf();
        let limit = good.len() as u64;
        let store = DiskFileStore::new(&dir.0, limit);

        assert!(matches!(store.put(b"", "a.pdf").await, Err(FileError::Empty)));
        let mut big = good.clone();
        big.push(b'\n');
        assert!(matches!(store.put(&big, "a.pdf").await, Err(FileError::TooLarge { limit: l }) if l == limit));
        assert!(store.put(&good, "a.pdf").await.is_ok());
        for bytes in [&b"MZ\x90\0"[..], b"<html></html>", b"just text", b"#!/bin/sh", b"%PDF-1.4\n"] {
            assert!(matches!(store.put(bytes, "a.pdf").await, Err(FileError::Refused(_))));
        }
        assert_eq!(all_files(&dir.0).len(), 1);
    }

    #[tokio::test]
    async fn removes_by_hash() {
        let dir = TempDir::new("remove");
        let store = DiskFileStore::new(&dir.0, DEFAULT_MAX_SIZE);
        let stored = store.put(&pdf(), "a.pdf").await.expect("put");
        store.remove(&stored.sha256).await.expect("remove");
        assert!(!store.exists(&stored.sha256).await.expect("exists"));
        store.remove(&stored.sha256).await.expect("removing twice is fine");
        assert!(matches!(store.remove("../x").await, Err(FileError::BadHash)));
    }

    #[tokio::test]
    async fn reads_by_valid_hash_only() {
        // The root does not exist: a refused hash must not reach the disk to
        // find that out, a valid one is simply not found.
        let dir = TempDir::new("bad-hash");
        let store = DiskFileStore::new(dir.0.join("absent"), DEFAULT_MAX_SIZE);
        let valid = hash_of(b"never stored");
        let traversal = format!("../../{}", &valid[6..]);
        let upper = valid.to_uppercase();
        for bad in ["", "../../etc/passwd", traversal.as_str(), upper.as_str(), &valid[1..]] {
            assert!(matches!(store.get(bad).await, Err(FileError::BadHash)), "{bad:?}");
            assert!(matches!(store.exists(bad).await, Err(FileError::BadHash)), "{bad:?}");
        }
        assert!(matches!(store.get(&valid).await, Err(FileError::NotFound)));
        assert!(!store.exists(&valid).await.expect("exists"));
        assert!(!dir.0.join("absent").exists());
    }

    #[tokio::test]
    async fn works_behind_a_shared_trait_object() {
        let dir = TempDir::new("dyn");
        let store: Arc<dyn FileStore> = Arc::new(DiskFileStore::new(&dir.0, DEFAULT_MAX_SIZE));
        let bytes = motcua_testkit::uploads::good_files().swap_remove(5).bytes;
        let task_store = Arc::clone(&store);
        let task_bytes = bytes.clone();
        let stored = tokio::spawn(async move { task_store.put(&task_bytes, "Biểu mẫu.doc").await })
            .await
            .expect("join")
            .expect("put");
        assert_eq!(stored.media_type, MediaType::Docx);
        assert_eq!(stored.file_name, "Biểu mẫu.docx");
        assert_eq!(store.get(&stored.sha256).await.expect("get"), bytes);
    }
}
