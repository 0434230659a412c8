"""The dashboard's import page in a real browser (issue 10): upload a 千牛 export, watch the progress, read the report
(the file's text shown as text, never as markup), then download the cases as CSV with formulas neutralised."""

from __future__ import annotations

import csv
import io
import uuid

from playwright.sync_api import expect

from rc_e2e import page_problems, sign_in


def test_upload_progress_report_and_export(browser, companion, tmp_path):
    tag = uuid.uuid4().hex[:8]  # the session companion is shared: our rows are told apart by this
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["订单编号", "宝贝名称", "评价结果", "评价内容", "买家昵称", "评价时间", "神秘列"])
    w.writerow([f"45{tag.encode().hex()[:17]}", "电热水壶", "差评", f'=HYPERLINK("http://x") 壶漏水 {tag}', "t**1", "2026/11/20 14:03", "x"])
    # line 3: a rating label that is markup — its error message quotes it, and the page must show it as text
    w.writerow(["4510000000000000002", "电热水壶", "<img src=x onerror=window.pwned=1>", "坏了", "t**2", "2026/11/20 14:03", "x"])
    w.writerow([f"46{tag.encode().hex()[:17]}", "电热水壶", "中评", f"<b>第二条</b>\n换行 {tag}", "t**3", "2026/11/21 09:00", "x"])
    src = tmp_path / "千牛评价导出.csv"
    src.write_text(buf.getvalue(), encoding="utf-8-sig")

    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    problems = page_problems(page)
    sign_in(page, companion)
    page.get_by_test_id("nav-import").click()
    page.locator('select[name="platform"]').select_option("taobao")
    page.locator('input[name="classify"]').uncheck()
    page.locator('input[name="file"]').set_input_files(str(src))
    page.get_by_role("button", name="开始导入").click()

    job = page.locator("#import-job")
    expect(job).to_have_attribute("data-state", "done")
    expect(page.locator("#import-state")).to_have_text("导入完成")
    report = page.locator("#import-report")
    expect(report).to_contain_text("new 2")
    expect(report).to_contain_text("line 3: rating: rating label '<img src=x onerror=window.pwned=1>' is not")
    expect(report).to_contain_text("unknown columns: 神秘列")
    assert page.locator("#import-report img").count() == 0 and page.evaluate("() => window.pwned") is None
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")

    page.goto(f"{companion.url}/import")
    with page.expect_download() as info:
        page.locator('a[href="/exports/cases.csv"]').click()
    text = info.value.path().read_text(encoding="utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(text)) if any(tag in cell for cell in r)]
    assert len(rows) == 2
    assert any(cell.startswith("'=HYPERLINK") for cell in rows[0] + rows[1])
    assert problems == []
    context.close()
