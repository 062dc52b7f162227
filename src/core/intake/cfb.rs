//! The streams of an OLE2 compound file (the container of .xls, .et, .doc and encrypted Office files).
//!
//! A compound file is a little file system in sectors: a header, a FAT chaining the sectors of each stream, a
//! directory naming the streams, and a mini stream (in 64-byte sectors, with its own mini FAT) for streams under
//! 4096 bytes. Everything is bounded by the file's length and never panics: a chain that loops or leaves the file
//! is an error.

/// Why a stream could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CfbError {
    #[error("文件头无效")]
    Header,
    #[error("扇区链损坏")]
    Chain,
    #[error("文件中没有 {0} 数据流")]
    NoStream(&'static str),
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const NO_SECTOR: u32 = 0xFFFF_FFFF;
const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const DIRECTORY_ENTRY: usize = 128;
const STREAM: u8 = 2;

pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// The first stream named one of `names` (e.g. `["Workbook", "Book"]`), whole.
pub fn stream(bytes: &[u8], names: &[&'static str]) -> Result<Vec<u8>, CfbError> {
    let file = Compound::open(bytes)?;
    let entry = file.entry(names).ok_or(CfbError::NoStream(names.first().copied().unwrap_or("")))?;
    let start = u32_at(entry, 0x74).ok_or(CfbError::Header)?;
    let size = usize::try_from(u32_at(entry, 0x78).ok_or(CfbError::Header)?).map_err(|_| CfbError::Header)?;
    let cutoff = usize::try_from(u32_at(bytes, 0x38).ok_or(CfbError::Header)?).map_err(|_| CfbError::Header)?;
    if size >= cutoff {
        return file.chain(start, size);
    }
    let root_start =
        file.directory.get(..DIRECTORY_ENTRY).and_then(|root| u32_at(root, 0x74)).ok_or(CfbError::Header)?;
    let mini_stream = file.chain(root_start, usize::MAX)?;
    let mini_fat_start = u32_at(bytes, 0x3C).ok_or(CfbError::Header)?;
    let mini_fat = words(&file.chain(mini_fat_start, usize::MAX)?);
    chain_of(&mini_stream, start, &mini_fat, 64, size)
}

/// A compound file opened: its sectors, sector size, FAT and directory.
struct Compound<'a> {
    sectors: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    directory: Vec<u8>,
}

impl<'a> Compound<'a> {
    fn open(bytes: &'a [u8]) -> Result<Compound<'a>, CfbError> {
        if !bytes.starts_with(&SIGNATURE) {
            return Err(CfbError::Header);
        }
        let shift = u16_at(bytes, 0x1E).ok_or(CfbError::Header)?;
        if !(9..=12).contains(&shift) {
            return Err(CfbError::Header);
        }
        let sector = 1usize << shift;
        let sectors = bytes.get(sector..).ok_or(CfbError::Header)?;
        let fat_count = usize::try_from(u32_at(bytes, 0x2C).ok_or(CfbError::Header)?).map_err(|_| CfbError::Header)?;
        let fat_sectors = fat_sector_list(bytes, sectors, sector)?;
        let mut fat = Vec::new();
        for &s in fat_sectors.iter().take(fat_count) {
            let at = usize::try_from(s).map_err(|_| CfbError::Chain)?.checked_mul(sector).ok_or(CfbError::Chain)?;
            fat.extend(words(sectors.get(at..at + sector).ok_or(CfbError::Chain)?));
        }
        let mut file = Compound { sectors, sector, fat, directory: Vec::new() };
        file.directory = file.chain(u32_at(bytes, 0x30).ok_or(CfbError::Header)?, usize::MAX)?;
        Ok(file)
    }

    /// The directory entry of the first stream named one of `names`.
    fn entry(&self, names: &[&str]) -> Option<&[u8]> {
        self.directory.chunks_exact(DIRECTORY_ENTRY).find(|entry| {
            let len = usize::from(u16_at(entry, 0x40).unwrap_or(0)).min(64);
            let units: Vec<u16> = (0..len.saturating_sub(2) / 2).filter_map(|i| u16_at(entry, 2 * i)).collect();
            entry.get(0x42) == Some(&STREAM) && names.contains(&String::from_utf16_lossy(&units).as_str())
        })
    }

    /// The bytes of the chain of sectors from `start`, at most `size`.
    fn chain(&self, start: u32, size: usize) -> Result<Vec<u8>, CfbError> {
        chain_of(self.sectors, start, &self.fat, self.sector, size)
    }
}

/// The FAT's sectors: the header's first 109, then those listed in the DIFAT chain.
fn fat_sector_list(bytes: &[u8], sectors: &[u8], sector: usize) -> Result<Vec<u32>, CfbError> {
    let mut list: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).collect();
    let mut next = u32_at(bytes, 0x44).ok_or(CfbError::Header)?;
    let mut hops = 0;
    while next != END_OF_CHAIN && next != NO_SECTOR {
        hops += 1;
        if hops > sectors.len() / sector {
            return Err(CfbError::Chain);
        }
        let at = usize::try_from(next).map_err(|_| CfbError::Chain)?.checked_mul(sector).ok_or(CfbError::Chain)?;
        let block = sectors.get(at..at + sector).ok_or(CfbError::Chain)?;
        let (listed, link) = block.split_at(sector - 4);
        list.extend(words(listed));
        next = u32_at(link, 0).ok_or(CfbError::Chain)?;
    }
    list.retain(|&s| s != NO_SECTOR && s != END_OF_CHAIN);
    Ok(list)
}

/// Little-endian u32 words.
fn words(bytes: &[u8]) -> Vec<u32> {
    bytes.chunks_exact(4).filter_map(|w| u32_at(w, 0)).collect()
}

/// The bytes of the chain from `start` in `area` (units of `unit` bytes, linked by `table`), at most `size`. A chain
/// that loops or leaves the area is an error; a stream's last unit may be cut short by the end of the file.
fn chain_of(area: &[u8], start: u32, table: &[u32], unit: usize, size: usize) -> Result<Vec<u8>, CfbError> {
    let mut out = Vec::new();
    let mut at = start;
    let mut steps = 0;
    while at != END_OF_CHAIN && out.len() < size {
        steps += 1;
        if steps > table.len() {
            return Err(CfbError::Chain);
        }
        let index = usize::try_from(at).map_err(|_| CfbError::Chain)?;
        let begin = index.checked_mul(unit).ok_or(CfbError::Chain)?;
        let piece = area.get(begin..area.len().min(begin + unit)).filter(|p| !p.is_empty()).ok_or(CfbError::Chain)?;
        out.extend_from_slice(piece);
        at = *table.get(index).ok_or(CfbError::Chain)?;
    }
    if size != usize::MAX && out.len() < size {
        return Err(CfbError::Chain);
    }
    out.truncate(size);
    Ok(out)
}
