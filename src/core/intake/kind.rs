//! What kind of file an enterprise sent, told from its bytes (the name only breaks ties), and what to say about
//! the kinds that cannot be read.

/// A file's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A draft of this tool (JSON).
    Draft,
    Xlsx,
    /// Excel 97-2003 (also WPS's .et, which is the same format).
    Xls,
    /// A comma-, tab- or semicolon-separated text (.csv, .txt).
    Text,
    Docx,
    Ods,
    /// A Word 97-2003 or WPS text document (.doc, .wps): not read; saved as .docx it is.
    Doc,
    /// An Office file with an open password: its content is encrypted.
    Encrypted,
    Pdf,
    Image,
    /// An archive (.zip, .rar, .7z) holding other files.
    Archive,
    Unknown,
}

impl FileKind {
    /// What to do with a file of this kind that cannot be read; `None` for the kinds that are read.
    pub fn refusal(self) -> Option<&'static str> {
        Some(match self {
            FileKind::Draft | FileKind::Xlsx | FileKind::Xls | FileKind::Ods | FileKind::Text | FileKind::Docx => {
                return None
            }
            FileKind::Doc => "这是 Word 97-2003 或 WPS 文字文档（.doc/.wps），无法直接读取。请在 Word 或 WPS 中打开，另存为 .docx 后再导入",
            FileKind::Encrypted => "文件设置了打开密码，无法读取。请在 Excel/WPS 中打开，取消密码（文件→信息→保护工作簿/文档）后另存，再导入",
            FileKind::Pdf => "PDF 文件无法导入（其中的表格不能可靠地读出）。请向报送单位索取 Excel（.xlsx/.xls）或 Word（.docx）原文件",
            FileKind::Image => "图片或扫描件无法导入。请向报送单位索取 Excel（.xlsx/.xls）或 Word（.docx）原文件",
            FileKind::Archive => "这是压缩包。请先解压，再导入其中的申报表文件",
            FileKind::Unknown => "无法识别的文件格式。可导入的文件：Excel（.xlsx、.xls）、WPS 表格（.et）、OpenDocument 表格（.ods）、CSV、Word（.docx）和本工具导出的草稿（.json）",
        })
    }
}

/// The kind of a file from its first bytes; `name` decides only between kinds the bytes cannot tell apart.
pub fn kind_of(name: &str, bytes: &[u8]) -> FileKind {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_kind(bytes, &extension);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return compound_kind(bytes);
    }
    if bytes.starts_with(b"%PDF") {
        return FileKind::Pdf;
    }
    if is_image(bytes) {
        return FileKind::Image;
    }
    if bytes.starts_with(b"Rar!")
        || bytes.starts_with(&[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])
        || bytes.starts_with(&[0x1F, 0x8B])
    {
        return FileKind::Archive;
    }
    if looks_like_json(bytes) {
        return FileKind::Draft;
    }
    match extension.as_str() {
        "csv" | "txt" | "tsv" => FileKind::Text,
        "json" => FileKind::Draft,
        _ if !bytes.contains(&0) && !bytes.is_empty() && matches!(extension.as_str(), "" | "dat") => FileKind::Text,
        _ => FileKind::Unknown,
    }
}

/// A zip: an Office Open XML document by its parts' names (the names are stored uncompressed in the archive).
fn zip_kind(bytes: &[u8], extension: &str) -> FileKind {
    let has = |part: &[u8]| bytes.windows(part.len()).any(|w| w == part);
    if has(b"word/document.xml") {
        FileKind::Docx
    } else if has(b"xl/workbook.xml") || has(b"xl/workbook.bin") {
        FileKind::Xlsx
    } else if has(b"application/vnd.oasis.opendocument.spreadsheet") {
        FileKind::Ods
    } else if extension == "xlsx" {
        // A workbook whose part names the search missed (e.g. a huge archive): let the reader decide.
        FileKind::Xlsx
    } else {
        FileKind::Archive
    }
}

/// An OLE2 compound file: Excel 97-2003, Word 97-2003, or an encrypted Office Open XML file, by its streams'
/// names (UTF-16 in the directory).
fn compound_kind(bytes: &[u8]) -> FileKind {
    let has = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
    };
    if has("EncryptedPackage") || has("EncryptionInfo") {
        FileKind::Encrypted
    } else if has("Workbook") || has("Book") {
        FileKind::Xls
    } else if has("WordDocument") {
        FileKind::Doc
    } else {
        FileKind::Unknown
    }
}

fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF8")
        || bytes.starts_with(b"BM")
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
        || (bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP")
}

/// A JSON object: `{` first, after a byte-order mark and white space.
fn looks_like_json(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content_not_name() {
        assert_eq!(kind_of("a.xlsx", b"PK\x03\x04....[Content_Types].xml..xl/workbook.xml"), FileKind::Xlsx);
        assert_eq!(kind_of("a.xlsx", b"PK\x03\x04....word/document.xml"), FileKind::Docx);
        assert_eq!(kind_of("a.zip", b"PK\x03\x04....other.txt"), FileKind::Archive);
        assert_eq!(kind_of("草稿.txt", b"\xEF\xBB\xBF  {\"format\":1}"), FileKind::Draft);
        assert_eq!(kind_of("a.csv", "序号,名称".as_bytes()), FileKind::Text);
        assert_eq!(kind_of("a.pdf", b"%PDF-1.7"), FileKind::Pdf);
        assert_eq!(kind_of("scan.jpg", &[0xFF, 0xD8, 0xFF, 0xE0]), FileKind::Image);
        assert_eq!(kind_of("a.xlsx", b"garbage"), FileKind::Unknown);
        let cfb = |stream: &str| {
            let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
            b.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
            b
        };
        assert_eq!(kind_of("a.xlsx", &cfb("EncryptedPackage")), FileKind::Encrypted);
        assert_eq!(kind_of("a.xls", &cfb("Workbook")), FileKind::Xls);
        assert_eq!(kind_of("a.doc", &cfb("WordDocument")), FileKind::Doc);
        assert!(FileKind::Doc.refusal().unwrap().contains(".docx"));
        assert!(FileKind::Xlsx.refusal().is_none());
    }
}
