import BulletinIntake
import Foundation
import XCTest

final class LinkTests: XCTestCase {
    func testLinks_htmlInGBK_resolvedAndDeduplicated() throws {
        let html = """
            <html><head><meta charset="gbk"></head><body>
            <a href="2024/t1.html">通辽市2024年政府工作报告</a>
            <a href="/zfgzbg/2023.html"><span>通辽市2023年</span><span>政府工作报告</span></a>
            <a href="2024/t1.html#top">again</a><a href="javascript:void(0)">x</a><a href="mailto:a@b.c">m</a>
            <a href="https://other.example/x.html" title="外部链接"></a>
            </body></html>
            """
        let bytes = try XCTUnwrap(html.data(using: String.Encoding(rawValue: 0x8000_0632)))  // GB18030
        let links = try Intake.links(
            in: Array(bytes), contentType: "text/html; charset=gbk",
            base: "https://www.tongliao.gov.cn/zfgzbg/index.html")
        XCTAssertEqual(
            links,
            [
                Link(url: "https://www.tongliao.gov.cn/zfgzbg/2024/t1.html", text: "通辽市2024年政府工作报告"),
                Link(url: "https://www.tongliao.gov.cn/zfgzbg/2023.html", text: "通辽市2023年政府工作报告"),
                Link(url: "https://other.example/x.html", text: "外部链接"),
            ])
    }

    func testLinks_rssAndAtomItems() throws {
        let rss = """
            <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>统计局</title>
            <link>https://stats.example/</link>
            <item><title>2024年国民经济和社会发展统计公报</title><link>https://stats.example/2024.html</link></item>
            <item><title>一季度数据</title><link>/q1.html</link></item>
            </channel></rss>
            """
        let items = try Intake.links(in: Array(rss.utf8), base: "https://stats.example/feed.xml")
        XCTAssertEqual(items.map(\.url), ["https://stats.example/2024.html", "https://stats.example/q1.html"])
        XCTAssertEqual(items.first?.text, "2024年国民经济和社会发展统计公报")
        let atom = """
            <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <entry><title>政府工作报告</title><link rel="alternate" href="https://gov.example/r.html"/></entry>
            </feed>
            """
        let entries = try Intake.links(in: Array(atom.utf8), base: "https://gov.example/atom.xml")
        XCTAssertEqual(entries, [Link(url: "https://gov.example/r.html", text: "政府工作报告")])
    }
}
