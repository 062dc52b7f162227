//! The intake report and its application: statuses, normalising shown, duplicates, a revised file, whose footer.

use shenbao::core::intake::plan::{
    apply, default_table_fields_from, plan, Apply, Arrived, Choices, Incoming, Status, TableNow,
};
use shenbao::core::model::{Declaration, ProjectRow, TableField};

fn project(unit: &str, code: &str, name: &str, phone: &str) -> ProjectRow {
    ProjectRow {
        unit_name: unit.into(),
        credit_code: code.into(),
        project_name: name.into(),
        leader_phone: phone.into(),
        district: "武清".into(),
        ..Default::default()
    }
}

fn file(name: &str, rows: Vec<ProjectRow>, footer: &[(TableField, &str)]) -> Incoming {
    Incoming {
        name: name.into(),
        read: Ok(Arrived {
            rows: rows.into_iter().enumerate().map(|(i, r)| (r, i as u32 + 5)).collect(),
            table_fields: footer.iter().map(|(f, v)| (*f, v.to_string())).collect(),
            notes: Vec::new(),
            skipped: 0,
        }),
    }
}

const JIA: &str = "91120222MA05T1234X";

#[test]
fn several_files_one_unreadable_normalised_and_no_footer_taken() {
    let current = Declaration { recommender: "武清区市场监管局".into(), ..Default::default() };
    let files = vec![
        file(
            "甲.xlsx",
            vec![project("甲公司", " ９１１２ ０２２２ＭＡ０５Ｔ１２３４Ｘ", "项目一", "13800138000")],
            &[(TableField::Filler, "张三")],
        ),
        Incoming { name: "乙.doc".into(), read: Err("请另存为 .docx".into()) },
        file("丙.csv", vec![project("丙公司", "", "项目二", "13900139000"), project("丙公司", "", "项目三", "")], &[]),
    ];
    let reports = plan(&current, files);
    let statuses: Vec<Status> = reports.iter().map(|r| r.status()).collect();
    assert_eq!(statuses, [Status::Ok, Status::Refused, Status::Ok]);
    assert_eq!(reports[0].rows[0].project.credit_code, JIA, "normalised on the way in");
    assert!(
        reports[0].changes.contains(&"第5行 统一社会信用代码：全角转半角、去空格".to_string()),
        "{:?}",
        reports[0].changes
    );
    assert!(reports[0].changes.iter().any(|c| c.contains("所在区：“武清”改为“武清区”")));
    assert_eq!(reports[1].refusal.as_deref(), Some("请另存为 .docx"));
    assert_eq!(reports[2].units, ["丙公司"]);
    assert_eq!(reports.iter().map(|r| r.adds(false)).collect::<Vec<_>>(), [1, 0, 2]);
    assert_eq!(default_table_fields_from(TableNow::of(&current), &reports), None, "several files: no footer is taken");
    let table = apply(&current, &reports, Apply::Append, Choices::default());
    assert_eq!(table.rows.len(), 3);
    assert_eq!(table.recommender, "武清区市场监管局");
    assert_eq!(table.filler, "", "an enterprise's footer never becomes the table's silently");
    let ids: Vec<u64> = table.rows.iter().map(|r| r.id).collect();
    assert_eq!(ids, [1, 2, 3]);
}

#[test]
fn one_file_into_an_empty_table_brings_its_footer_and_takes_the_blank_row_s_place() {
    let mut current = Declaration::default();
    current.rows.push(ProjectRow { id: 1, ..Default::default() });
    let reports = plan(
        &current,
        vec![file("我的导出.xlsx", vec![project("甲公司", JIA, "项目一", "")], &[(TableField::Filler, "张三")])],
    );
    let from = default_table_fields_from(TableNow::of(&current), &reports);
    assert_eq!(from, Some(0));
    let table = apply(&current, &reports, Apply::Append, Choices { table_fields_from: from, ..Default::default() });
    assert_eq!(table.rows.len(), 1, "the lone blank row gives way");
    assert_eq!(table.rows[0].project_name, "项目一");
    assert_eq!(table.filler, "张三");
}

#[test]
fn the_same_file_twice_is_a_duplicate_and_can_still_be_kept() {
    let rows = vec![project("甲公司", JIA, "项目一", "13800138000"), project("甲公司", JIA, "项目二", "")];
    let current = apply(
        &Declaration::default(),
        &plan(&Declaration::default(), vec![file("甲.xlsx", rows.clone(), &[])]),
        Apply::Append,
        Choices::default(),
    );
    let again = plan(&current, vec![file("甲 (1).xlsx", rows.clone(), &[])]);
    assert_eq!(again[0].status(), Status::Duplicate);
    assert_eq!(again[0].adds(false), 0);
    assert_eq!(again[0].rows[0].duplicate_of.as_deref(), Some("表格第1个项目"));
    assert_eq!(apply(&current, &again, Apply::Append, Choices::default()).rows.len(), 2);
    let kept = apply(&current, &again, Apply::Append, Choices { keep_duplicates: true, ..Default::default() });
    assert_eq!(kept.rows.len(), 4);
    // Replacing the table by the same file again: the table's rows go, so the file's are no repeats.
    let replaced = apply(&current, &again, Apply::Replace, Choices::default());
    assert_eq!(replaced.rows.iter().map(|r| r.project_name.as_str()).collect::<Vec<_>>(), ["项目一", "项目二"]);
    // The same project from two files chosen together: the second is the duplicate.
    let two =
        plan(&Declaration::default(), vec![file("a.xlsx", rows.clone(), &[]), file("b.xlsx", rows[..1].to_vec(), &[])]);
    assert_eq!(two[0].status(), Status::Ok);
    assert_eq!(two[1].status(), Status::Duplicate);
    assert_eq!(two[1].rows[0].duplicate_of.as_deref(), Some("文件“a.xlsx”第5行"));
}

#[test]
fn a_unit_s_revised_file_can_replace_its_earlier_rows() {
    let first = vec![project("甲公司", JIA, "项目一", "13800138000"), project("甲公司", JIA, "项目二", "")];
    let other = vec![project("丙公司", "", "项目九", "")];
    let current = apply(
        &Declaration::default(),
        &plan(&Declaration::default(), vec![file("甲.xlsx", first, &[]), file("丙.xlsx", other, &[])]),
        Apply::Append,
        Choices::default(),
    );
    let revised = vec![project("甲公司", JIA, "项目一", "13900139000")];
    let reports = plan(&current, vec![file("甲（修改后）.xlsx", revised, &[])]);
    assert_eq!(reports[0].revises, ["甲公司"]);
    let kept_old = apply(&current, &reports, Apply::Append, Choices::default());
    assert_eq!(kept_old.rows.len(), 3, "by default the earlier rows stay and the repeat is skipped");
    let replaced = apply(&current, &reports, Apply::Append, Choices { replace_revised: true, ..Default::default() });
    let rows: Vec<(&str, &str, &str)> = replaced
        .rows
        .iter()
        .map(|r| (r.unit_name.as_str(), r.project_name.as_str(), r.leader_phone.as_str()))
        .collect();
    assert_eq!(rows, [("丙公司", "项目九", ""), ("甲公司", "项目一", "13900139000")]);
}

#[test]
fn a_table_without_projects_is_refused_and_replace_clears_the_rows() {
    let reports = plan(&Declaration::default(), vec![file("空表.xlsx", vec![], &[])]);
    assert_eq!(reports[0].status(), Status::Refused);
    let mut current = Declaration::default();
    current.rows.push(project("旧公司", "", "旧项目", ""));
    current.filler = "旧填报人".into();
    let reports = plan(
        &current,
        vec![file("新.xlsx", vec![project("新公司", "", "新项目", "")], &[(TableField::Filler, "新填报人")])],
    );
    let table = apply(&current, &reports, Apply::Replace, Choices::default());
    assert_eq!(table.rows.iter().map(|r| r.unit_name.as_str()).collect::<Vec<_>>(), ["新公司"]);
    assert_eq!(table.filler, "新填报人", "replacing by one file makes the table that file's, footer too");
    let merged = apply(&current, &reports, Apply::Append, Choices::default());
    assert_eq!(merged.filler, "旧填报人", "merging never takes a file's footer unasked");
}
