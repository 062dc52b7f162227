//! The page ↔ export worker protocol: every request and reply reads back as it was written, the packed declaration
//! is exact, and a malformed message becomes a typed error, never a panic.

use proptest::prelude::*;
use shenbao::core::intake::table::{ExtraColumn, Note, NoteKind, ReadRow, ReadTable, SkipReason, Skipped};
use shenbao::core::model::{Declaration, ProjectRow, RowField, TableField};
use shenbao::core::worker_protocol::{
    key, ready_message, refusal, request_id, Export, ExportReply, FromWorker, Import, ImportReply, Message, PackError,
    Packed, Part, ProtocolError, Reply, Request, Source, Which, EXPORT_KIND, IMPORT_KIND,
};

/// A read table holding `decl`: its rows at sheet rows 5, 6, 7 …, its non-empty table fields, and one of every kind
/// of note, skipped row and left-out column.
fn table_of(decl: Declaration) -> ReadTable {
    let table_fields =
        TableField::ALL.iter().map(|f| (*f, decl.table_value(*f).to_string())).filter(|(_, v)| !v.is_empty()).collect();
    let rows: Vec<ReadRow> =
        decl.rows.into_iter().enumerate().map(|(i, project)| ReadRow { sheet_row: i as u32 + 5, project }).collect();
    ReadTable {
        sheet: "申报表".into(),
        title: "2020年天津市质量攻关重点项目申报表".into(),
        header_row: 4,
        rows,
        table_fields,
        notes: vec![
            Note {
                sheet_row: 5,
                field: RowField::CreditCode,
                kind: NoteKind::StoredAsNumber { text: "911201151318609000".into() },
            },
            Note { sheet_row: 6, field: RowField::UnitName, kind: NoteKind::FilledFromMerged },
            Note {
                sheet_row: 7,
                field: RowField::LeaderPhone,
                kind: NoteKind::Combined { headers: vec!["联系电话".into(), "手机😀".into()] },
            },
        ],
        skipped: vec![
            Skipped { sheet_row: 9, reason: SkipReason::Hidden },
            Skipped { sheet_row: 10, reason: SkipReason::Total },
            Skipped { sheet_row: 11, reason: SkipReason::RepeatedHeader },
        ],
        extra_columns: vec![
            ExtraColumn { header: "产值（万元）".into(), values: 3 },
            ExtraColumn { header: String::new(), values: 0 },
        ],
    }
}

fn request_sample() -> Declaration {
    let mut decl = Declaration {
        recommender: "武清区市场监管局".into(),
        recommender_head: String::new(),
        filler: "a\r\nb\u{0}c".into(),
        filler_phone: "022-82171234".into(),
        fill_date: "2021-04-09".into(),
        rows: Vec::new(),
    };
    let texts = [
        "",
        "天津😀公司",
        "x",
        "é\u{FFFD}\u{10FFFF}",
        "=1+1",
        "  ",
        "\u{1}",
        "91120222MA05M8XY32",
        "abcdefg天hijklmnop😀",
    ];
    for i in 0..40usize {
        let mut row = ProjectRow { id: i as u64 + 1, ..ProjectRow::default() };
        for (j, field) in RowField::ALL.iter().enumerate() {
            *row.get_mut(*field) = texts[(i * 3 + j) % texts.len()].repeat(i % 4);
        }
        decl.rows.push(row);
    }
    decl
}

/// A received message as a test builds it, malformed at will.
#[derive(Debug, Clone)]
struct Parts(Vec<(&'static str, Part)>);

impl Parts {
    /// The parts of a well-formed message.
    fn of(message: &Message) -> Parts {
        Parts(message.parts().to_vec())
    }

    /// Without the part under `key`.
    fn without(mut self, key: &str) -> Parts {
        self.0.retain(|(k, _)| *k != key);
        self
    }

    /// With the part under `key` replaced by `part`.
    fn with(self, key: &'static str, part: Part) -> Parts {
        let mut parts = self.without(key);
        parts.0.push((key, part));
        parts
    }
}

impl Source for Parts {
    fn part(&self, key: &'static str) -> Option<Part> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, part)| part.clone())
    }
}

#[test]
fn a_packed_declaration_unpacks_to_the_same_declaration() {
    let decl = request_sample();
    let packed = Packed::pack(&decl);
    assert_eq!(packed.lengths.len(), 5 + 13 * decl.rows.len());
    for (field, units) in TableField::ALL.iter().zip(&packed.lengths) {
        let value = decl.table_value(*field);
        assert_eq!(*units as usize, value.encode_utf16().count(), "{value:?}");
    }
    assert_eq!(packed.unpack(), Ok(decl.clone()));
    // Row ids are not sent: the worker numbers the rows.
    let mut renumbered = decl.clone();
    for (i, row) in renumbered.rows.iter_mut().enumerate() {
        row.id = 100 + i as u64;
    }
    assert_eq!(Packed::pack(&renumbered), packed);
    let empty = Declaration::default();
    assert_eq!(Packed::pack(&empty).unpack(), Ok(empty));
}

/// Unpacks `text` + `lengths`, which must fail; the same pair in an export request is refused with the same reason.
fn refused(text: &str, lengths: &[u32]) -> PackError {
    let packed = Packed { text: text.to_string(), lengths: lengths.to_vec() };
    let reason = packed.unpack().expect_err("refused");
    let request = Parts(vec![
        (key::ID, Part::Number(1.0)),
        (key::KIND, Part::Text(EXPORT_KIND.into())),
        (key::TEXT, Part::Text(packed.text)),
        (key::LENGTHS, Part::Units(packed.lengths)),
        (key::CREATED, Part::Text("2021-04-09T08:30:00".into())),
    ]);
    let err = Request::read(&request).expect_err("refused");
    assert_eq!(err, ProtocolError::Packed { message: Which::ExportRequest, source: reason });
    assert!(err.to_string().starts_with("导出请求格式错误"), "{err}");
    reason
}

#[test]
fn a_malformed_packed_declaration_is_refused() {
    let packed = Packed::pack(&request_sample());
    let (text, lengths) = (packed.text.as_str(), packed.lengths.as_slice());
    assert_eq!(refused(text, &lengths[..4]), PackError::FieldCount);
    assert_eq!(refused(text, &lengths[..lengths.len() - 1]), PackError::FieldCount);
    let last = text.char_indices().last().map_or(0, |(i, _)| i);
    assert_eq!(refused(&text[..last], lengths), PackError::TextShort);
    assert_eq!(refused(&format!("{text}x"), lengths), PackError::TextLong);
    let mut longer = lengths.to_vec();
    longer[0] += 1;
    refused(text, &longer);
    // A boundary inside a surrogate pair: 😀 is two UTF-16 units.
    assert_eq!(refused("😀", &[1, 1, 0, 0, 0]), PackError::SplitCharacter);
    // A field boundary inside the surrogate pair after an ASCII run.
    assert_eq!(refused("1234567😀", &[8, 1, 0, 0, 0]), PackError::SplitCharacter);
    let fits = |text: &str, lengths: &[u32]| Packed { text: text.into(), lengths: lengths.to_vec() }.unpack();
    assert!(fits("1234567😀", &[9, 0, 0, 0, 0]).is_ok());
    assert_eq!(refused("12345678", &[9, 0, 0, 0, 0]), PackError::TextShort);
    assert!(fits("😀", &[2, 0, 0, 0, 0]).is_ok());
}

#[test]
fn the_wire_names_are_those_bench_js_and_the_e2e_tests_use() {
    // bench/bench.js posts `{ id, kind: 'export', text, lengths, created }`; e2e/never-lose.test.mjs's stuck worker
    // posts `{ ready: true }`.
    let export = Request::Export(Export { declaration: Declaration::default(), created: "c".into() });
    let names: Vec<&str> = export.into_message(1).parts().iter().map(|(k, _)| *k).collect();
    assert_eq!(names, ["id", "kind", "text", "lengths", "created"]);
    assert_eq!(
        Parts::of(&Request::Import(Import { name: "甲.xlsx".into(), bytes: vec![1] }).into_message(1)).part("kind"),
        Some(Part::Text("import".into()))
    );
    assert_eq!((EXPORT_KIND, IMPORT_KIND), ("export", "import"));
    assert_eq!(ready_message().parts(), [("ready", Part::Flag(true))]);
    let done = Reply::Done(ExportReply { bytes: vec![1], file_name: "a.xlsx".into() }).into_message(3);
    let names: Vec<&str> = done.parts().iter().map(|(k, _)| *k).collect();
    assert_eq!(names, ["id", "ok", "bytes", "fileName"]);
    let names: Vec<&str> = refusal(3, "x".into()).parts().iter().map(|(k, _)| *k).collect();
    assert_eq!(names, ["id", "ok", "error"]);
}

#[test]
fn every_request_reads_back_as_it_was_sent() {
    let export = Request::Export(Export { declaration: request_sample(), created: "2021-04-09T08:30:00".into() });
    let import = Request::Import(Import { name: "申报表 (1).docx".into(), bytes: vec![0x50, 0x4B, 3, 4, 0, 255] });
    for (id, request) in [(1, export), (u32::MAX, import)] {
        let message = request.clone().into_message(id);
        assert_eq!(request_id(&message), Ok(id));
        assert_eq!(Request::read(&message), Ok(request));
    }
    // The worker numbers the rows 1, 2, 3 …: ids are not sent.
    let mut decl = request_sample();
    decl.rows.iter_mut().for_each(|row| row.id += 1000);
    let message = Request::Export(Export { declaration: decl, created: String::new() }).into_message(2);
    let Ok(Request::Export(read)) = Request::read(&message) else { panic!("an export") };
    assert_eq!(read.declaration, request_sample());
}

#[test]
fn every_reply_reads_back_as_it_was_sent() {
    let exported =
        Reply::Done(ExportReply { bytes: vec![1, 2, 3], file_name: "申报表-天津某某公司.xlsx".into() });
    let message = exported.clone().into_message(5);
    assert_eq!(FromWorker::read(&message), Ok(FromWorker::Reply { id: 5 }));
    assert_eq!(Reply::<ExportReply>::read(&message), Ok(exported));

    let imported = Reply::Done(ImportReply { table: table_of(request_sample()) });
    let message = imported.clone().into_message(6);
    assert_eq!(FromWorker::read(&message), Ok(FromWorker::Reply { id: 6 }));
    assert_eq!(Reply::<ImportReply>::read(&message), Ok(imported));

    for message in [
        Reply::<ExportReply>::Refused("无法读取该文件".into()).into_message(7),
        Reply::<ImportReply>::Refused("无法读取该文件".into()).into_message(7),
        refusal(7, "无法读取该文件".into()),
    ] {
        assert_eq!(FromWorker::read(&message), Ok(FromWorker::Reply { id: 7 }));
        assert_eq!(Reply::<ExportReply>::read(&message), Ok(Reply::Refused("无法读取该文件".into())));
        assert_eq!(Reply::<ImportReply>::read(&message), Ok(Reply::Refused("无法读取该文件".into())));
    }

    assert_eq!(FromWorker::read(&ready_message()), Ok(FromWorker::Ready));
}

#[test]
fn a_request_without_a_usable_id_is_refused() {
    let message = Parts::of(&Request::Import(Import { name: "甲.xlsx".into(), bytes: vec![1] }).into_message(1));
    let missing = Err(ProtocolError::Missing { message: Which::Request, key: "id" });
    assert_eq!(request_id(&message.clone().without(key::ID)), missing);
    for bad in [Part::Number(1.5), Part::Number(-1.0), Part::Number(4_294_967_296.0), Part::Number(f64::NAN)] {
        assert_eq!(request_id(&message.clone().with(key::ID, bad)), missing);
    }
    assert_eq!(request_id(&message.clone().with(key::ID, Part::Text("1".into()))), missing);
    assert_eq!(request_id(&message.with(key::ID, Part::Number(0.0))), Ok(0));
}

#[test]
fn a_malformed_request_is_a_typed_error_with_the_old_texts() {
    let export = Parts::of(
        &Request::Export(Export { declaration: request_sample(), created: "2021-04-09T08:30:00".into() })
            .into_message(1),
    );
    let import = Parts::of(&Request::Import(Import { name: "甲.xlsx".into(), bytes: vec![1] }).into_message(1));
    let error = |parts: Parts| Request::read(&parts).expect_err("refused");

    assert_eq!(
        error(export.clone().without(key::KIND)),
        ProtocolError::Missing { message: Which::Request, key: "kind" }
    );
    assert_eq!(error(export.clone().with(key::KIND, Part::Flag(true))).to_string(), "请求格式错误：缺少 kind");
    assert_eq!(
        error(export.clone().with(key::KIND, Part::Text("print".into()))),
        ProtocolError::UnknownKind("print".into())
    );
    for part in [key::TEXT, key::LENGTHS, key::CREATED] {
        let err = error(export.clone().without(part));
        assert_eq!(err, ProtocolError::Missing { message: Which::ExportRequest, key: part });
        assert_eq!(err.to_string(), format!("导出请求格式错误：缺少 {part}"));
    }
    let lengths_as_bytes = export.with(key::LENGTHS, Part::Bytes(vec![0; 8]));
    assert_eq!(error(lengths_as_bytes).to_string(), "导出请求格式错误：缺少 lengths");
    assert_eq!(error(import.clone().without(key::BYTES)).to_string(), "导入请求格式错误：缺少 bytes");
    assert_eq!(error(import.with(key::BYTES, Part::Units(vec![1]))).to_string(), "导入请求格式错误：缺少 bytes");
}

#[test]
fn a_malformed_reply_is_a_typed_error() {
    let missing = |key| ProtocolError::Missing { message: Which::Reply, key };
    let exported = Parts::of(&Reply::Done(ExportReply { bytes: vec![1], file_name: "a.xlsx".into() }).into_message(1));
    assert_eq!(Reply::<ExportReply>::read(&exported.clone().without(key::OK)), Err(missing("ok")));
    assert_eq!(Reply::<ExportReply>::read(&exported.clone().without(key::BYTES)), Err(missing("bytes")));
    assert_eq!(
        Reply::<ExportReply>::read(&exported.clone().with(key::FILE_NAME, Part::Number(1.0))),
        Err(missing("fileName"))
    );
    // An export's reply is no import's.
    assert_eq!(Reply::<ImportReply>::read(&exported), Err(missing("text")));
    let refused = Parts::of(&refusal(1, "x".into()));
    assert_eq!(Reply::<ImportReply>::read(&refused.without(key::ERROR)), Err(missing("error")));

    let imported = Parts::of(&Reply::Done(ImportReply { table: table_of(request_sample()) }).into_message(1));
    let short = imported.with(key::LENGTHS, Part::Units(vec![0; 4]));
    assert_eq!(
        Reply::<ImportReply>::read(&short),
        Err(ProtocolError::Packed { message: Which::Reply, source: PackError::FieldCount })
    );

    assert_eq!(FromWorker::read(&Parts(Vec::new())), Err(missing("id")));
    assert_eq!(FromWorker::read(&Parts(vec![(key::READY, Part::Flag(false))])), Err(missing("id")));
    assert_eq!(FromWorker::read(&Parts(vec![(key::READY, Part::Text("true".into()))])), Err(missing("id")));
}

/// Any part a posted object may carry.
fn any_part() -> impl Strategy<Value = Part> {
    prop_oneof![
        any::<String>().prop_map(Part::Text),
        prop_oneof![any::<f64>(), (0u32..20).prop_map(f64::from)].prop_map(Part::Number),
        any::<bool>().prop_map(Part::Flag),
        prop::collection::vec(prop_oneof![0u32..8, any::<u32>()], 0..40).prop_map(Part::Units),
        prop::collection::vec(any::<u8>(), 0..40).prop_map(Part::Bytes),
        prop_oneof![Just(EXPORT_KIND), Just(IMPORT_KIND)].prop_map(|k| Part::Text(k.into())),
    ]
}

/// Any message: parts under the protocol's keys, of any kind.
fn any_message() -> impl Strategy<Value = Parts> {
    let keys = prop::sample::select(vec![
        key::ID,
        key::KIND,
        key::READY,
        key::OK,
        key::ERROR,
        key::TEXT,
        key::LENGTHS,
        key::CREATED,
        key::BYTES,
        key::FILE_NAME,
    ]);
    prop::collection::vec((keys, any_part()), 0..12).prop_map(Parts)
}

proptest! {
    #[test]
    fn no_message_makes_either_side_panic(message in any_message()) {
        let _ = request_id(&message);
        let _ = Request::read(&message);
        let _ = FromWorker::read(&message);
        let _ = Reply::<ExportReply>::read(&message);
        let _ = Reply::<ImportReply>::read(&message);
    }

    #[test]
    fn any_declaration_crosses_unchanged(
        head in prop::collection::vec(any::<String>(), 5),
        rows in prop::collection::vec(prop::collection::vec(any::<String>(), 13), 0..4),
    ) {
        let mut decl = Declaration::default();
        for (field, value) in TableField::ALL.iter().zip(head) {
            *decl.table_value_mut(*field) = value;
        }
        for (i, values) in rows.into_iter().enumerate() {
            let mut row = ProjectRow { id: i as u64 + 1, ..ProjectRow::default() };
            for (field, value) in RowField::ALL.iter().zip(values) {
                *row.get_mut(*field) = value;
            }
            decl.rows.push(row);
        }
        let packed = Packed::pack(&decl);
        for (value, units) in TableField::ALL.iter().map(|f| decl.table_value(*f)).zip(&packed.lengths) {
            prop_assert_eq!(*units as usize, value.encode_utf16().count());
        }
        let message = Reply::Done(ImportReply { table: table_of(decl.clone()) }).into_message(1);
        prop_assert_eq!(Reply::<ImportReply>::read(&message), Ok(Reply::Done(ImportReply { table: table_of(decl) })));
    }
}
