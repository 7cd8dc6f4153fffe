import XCTest

@testable import BulletinIntake

final class HTMLTests: XCTestCase {
    private func text(_ html: String) throws -> String {
        try Intake.read(Array(html.utf8)).text
    }

    func testHTML_inlineElementsJoinWithNoSeparator() throws {
        let page = "<p>实现增加值</span><span>185</span>\n<span>亿元</span>，增长<b>5</b>.<i>2</i>%</p>"
        XCTAssertEqual(try text(page), "实现增加值185亿元，增长5.2%")
    }

    func testHTML_blocksBecomeSeparateLines() throws {
        XCTAssertEqual(try text("<div><p>第一段</p><p>第二段<br>第三行</p></div>"), "第一段\n\n第二段\n\n第三行")
    }

    func testHTML_footnoteMarksInSupBecomeASpace() throws {
        XCTAssertEqual(try text("<p>国内生产总值<sup>[2]</sup>1210207亿元</p>"), "国内生产总值 1210207亿元")
        XCTAssertEqual(try text("<p>面积10<sup>6</sup>平方米</p>"), "面积10 平方米")
    }

    func testHTML_dropsScriptsStylesAndPortalChrome() throws {
        let page = """
            <html><head><title>标题</title><script>var a="访问量增长50%";</script></head><body>
            <div class="nav">首页 政务公开</div><div id="footer">版权所有</div>
            <p>粮食总产量40.2亿斤。</p></body></html>
            """
        let document = try Intake.read(Array(page.utf8))
        XCTAssertEqual(document.text, "粮食总产量40.2亿斤。")
        XCTAssertEqual(document.title, "标题")
    }

    func testHTML_decodesEntities() throws {
        XCTAssertEqual(try text("<p>增长3.6%&#12290;&lt;注&gt;&nbsp;完</p>"), "增长3.6%。<注>\u{A0}完")
    }

    func testHTML_readsPublicationDate() throws {
        let document = try Intake.read(Array("<div>发布时间：2024年3月8日</div><p>正文内容在这里。</p>".utf8))
        XCTAssertEqual(document.published, "2024-03-08")
    }

    func testHTML_whenMarkupIsBroken_recovers() throws {
        let page = "<html><body><div><p>地区生产总值<span>1609亿元<p>增长5.2%</div></table></b>"
        XCTAssertTrue(try text(page).contains("1609亿元"))
    }

    func testHTML_picksTheArticleOverThePortalAroundIt() throws {
        let page = """
            <body><div><a>链接一</a><a>链接二</a></div>
            <div><div><p>全市地区生产总值完成1609亿元，增长5.2%。</p><p>社会消费品零售总额344.4亿元。</p></div></div>
            <div>友情链接 相关新闻</div></body>
            """
        XCTAssertEqual(try text(page), "全市地区生产总值完成1609亿元，增长5.2%。\n\n社会消费品零售总额344.4亿元。")
    }
}

final class LayoutTableTests: XCTestCase {
    func testHTML_articleInsideALayoutTable_keepsItsParagraphs() throws {
        let page = """
            <html><body><table width="1000"><tr><td><a>首页</a> <a>政务公开</a></td></tr>
            <tr><td><div id="zoom"><p>全市地区生产总值完成1609亿元，增长5.2%。</p><p>社会消费品零售总额344.4亿元。</p></div></td></tr>
            </table></body></html>
            """
        let text = try Intake.read(Array(page.utf8)).text
        XCTAssertTrue(text.contains("全市地区生产总值完成1609亿元，增长5.2%。\n\n社会消费品零售总额344.4亿元。"), text)
    }
}
