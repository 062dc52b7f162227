//! The one-file copy on the page: the hosted page offers it (`data-action="download-offline"`) with a word for the
//! bureaus that send it; a page opened from a file says where its drafts live (`data-notice="file-storage"`).

use leptos::prelude::*;

use crate::shell::{files, page_kind};

/// The one-file copy beside index.html (`scripts/one-file.mjs` writes it) and the name it is saved under.
const ONE_FILE: &str = "shenbao-offline.html";
const SAVE_AS: &str = "申报表填报助手（单文件版）.html";

/// On the hosted page: the link to the one-file copy and how to send it. Nothing on a page opened from a file (the
/// one-file copy included): there is no file beside it to offer.
#[component]
pub fn OfflineOffer() -> impl IntoView {
    let failed = RwSignal::new(false);
    // Fetched, then offered as a download: from the service worker's cache when offline (a plain link there would
    // end in a cancelled download, silently, when the copy was never fetched before).
    let download = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            let got = files::fetch_site_file(ONE_FILE).await;
            let done = got.and_then(|bytes| files::download_bytes(&bytes, SAVE_AS, "text/html;charset=utf-8"));
            failed.set(done.is_err());
        });
    };
    (!page_kind::runs_from_file() && !page_kind::is_one_file()).then(|| {
        view! {
            <section class="offline-copy" aria-label="单文件版">
                <a class="button" data-action="download-offline" href=ONE_FILE download=SAVE_AS on:click=download>
                    "下载单文件版"
                </a>
                <p class="notice alert" role="alert" data-offline-copy-failed hidden=move || !failed.get()>
                    "没有取得单文件版（网络不通，或网站上没有这个文件）。请联网后再点“下载单文件版”；下载过一次以后，不联网也能下载。"
                </p>
                <p>"给推荐单位：单文件版是整个工具的一个 HTML 文件，不用网站，双击即可在 Edge、Chrome、Firefox 中打开使用。"
                    "用邮件发给各单位时请先压缩成 .zip 再作附件（邮件网关常拦截单独的 .html 附件）；请收件人先把文件保存到电脑上"
                    "（如桌面），再双击打开，不要在邮件里直接打开。填写的内容只保存在各自电脑的浏览器中，不会发给任何人。"</p>
            </section>
        }
    })
}

/// On a page opened from a file: where the drafts are kept, and that 导出草稿 is the way to keep them elsewhere.
#[component]
pub fn FileStorageNote() -> impl IntoView {
    page_kind::runs_from_file().then(|| {
        view! {
            <div class="notice info" role="note" data-notice="file-storage">
                "本页面是从电脑上的文件打开的。草稿自动保存在这台电脑的这个浏览器里：Edge、Chrome 中，从任何文件夹打开本工具都看到同一份草稿；"
                "Firefox 中，移动或改名后的文件看不到原来的草稿。换电脑、换浏览器或清除浏览器数据前，请先点“导出草稿”保存草稿文件，"
                "之后用“导入文件”恢复。"
            </div>
        }
    })
}
