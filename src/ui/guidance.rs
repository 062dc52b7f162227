//! Guidance from the notice (the edition's, `core::edition`): who fills what, deadlines, where to send, 重点领域, 课题类型.

use leptos::prelude::*;

use crate::core::edition;
use crate::core::picklists::TOPIC_TYPES;

#[component]
pub fn Guidance() -> impl IntoView {
    let edition = edition::current();
    let areas = edition.focus_areas.iter().map(|a| a.name).collect::<Vec<_>>().join("、");
    view! {
        <details class="guidance">
            <summary>{format!("填报说明（摘自通知 {}）", edition.notice)}</summary>
            <div class="guidance-body">
                <h3>"谁填什么"</h3>
                <ol>
                    <li>"申报单位（企业）每个项目填写一行；一个单位可申报多个项目。"</li>
                    <li>"申报单位把申报表报送推荐单位（各区市场监管局、各工业集团及行业协会、市质量工作领导小组各成员单位）。"
                        "例如武清区企业于 " <strong>{edition.unit_deadline} "前"</strong> " 发至武清区市场监管局（wqsc.jzlk@tjqw.gov.cn）。"</li>
                    <li>"推荐单位汇总（序号重新编排），在纸质版上加盖公章，于 " <strong>{edition.recommender_deadline} "前"</strong>
                        " 将纸质版和电子版报送市市场监管委（" {edition.submit_to} "）。"</li>
                </ol>
                <h3>"重点领域"</h3>
                <p>"重点支持" {areas} "产业开展质量攻关；重点支持医疗卫生领域企业（组织）参与，推动医疗质量改善。"</p>
                <h3>"课题类型"</h3>
                <dl>
                    {TOPIC_TYPES.iter().map(|t| view! { <dt>{t.name}</dt><dd>{t.definition}</dd> }).collect_view()}
                </dl>
                <h3>"注意"</h3>
                <p class="rule">"上报质量攻关项目不得抄袭，不得与历年项目雷同，不得违反保密规定。"</p>
                <h3>"本工具"</h3>
                <p>"所有内容只保存在本机浏览器中，不会上传。每次修改都会自动保存草稿；建议另存草稿文件作为备份。"
                    "填好后点“导出 Excel”得到可打印、可发送的申报表。"</p>
            </div>
        </details>
    }
}
