import BulletinFetch
import BulletinStore
import BulletinWatch
import Foundation
import TestServers
import XCTest

/// How events read in chat groups and e-mail: snapshots of the exact bodies each robot gets.
final class MessageTests: XCTestCase {
    private let changed = try! Event.decode(
        """
        {"id":"evt_1","type":"indicator.changed","occurred_at":"2025-03-01T08:00:00Z",\
        "source":{"id":"tongliao-report","url":"https://www.tongliao.gov.cn/r","region":"通辽市"},\
        "document":{"title":"通辽市2025年政府工作报告","url":"https://www.tongliao.gov.cn/r","version":2,\
        "previous_version":1,"sha256":"ab"},\
        "indicator":{"key":"2023|level|actual|地区生产总值","subject":"地区生产总值","kind":"level","period":"2023",\
        "status":"actual","unit":"亿元","old":"1609","new":"1612","delta":"3","relative":0.0018645,\
        "text":"全市地区生产总值完成1612亿元。"}}
        """)
    private let date = Date(timeIntervalSince1970: 1_740_816_000)  // 2025-03-01T08:00:00Z

    private func chat(_ type: String, secret: String? = nil) throws -> ChatSink {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var settings = ["type": type, "url": "https://robot.example/send?access_token=t"]
        if let secret {
            let path = folder.appendingPathComponent("secret").path
            try (secret + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            settings["secret_file"] = path
        }
        let setup = try SinkSetup(SinkConfig(type: type, name: type, settings: settings), fetcher: try Fetcher())
        return try XCTUnwrap(setup.sink as? ChatSink)
    }

    private func body(_ type: String, secret: String? = nil) throws -> (url: String, json: String) {
        let (url, bytes) = try chat(type, secret: secret).request(for: EventMessage(changed), at: date)
        return (url, String(decoding: bytes, as: UTF8.self))
    }

    func testMessage_changedIndicator_readsAsARevision() {
        let message = EventMessage(changed)
        XCTAssertEqual(message.title, "【通辽市】指标修订：2023年 地区生产总值（实际）")
        XCTAssertEqual(
            message.plainText,
            """
            【通辽市】指标修订：2023年 地区生产总值（实际）
            2023年 地区生产总值（实际）：1609 → 1612 亿元（+3，+0.19%）
            原文：「全市地区生产总值完成1612亿元。」
            文件：通辽市2025年政府工作报告（第2版，上一版第1版）
            链接：https://www.tongliao.gov.cn/r
            """)
    }

    func testDingTalk_markdownBody_andSignedURL() throws {
        let (url, json) = try body("dingtalk", secret: "SEC123")
        XCTAssertEqual(
            json,
            ####"{"markdown":{"text":"### 【通辽市】指标修订：2023年 地区生产总值（实际）\n\n> 2023年 地区生产总值（实际）：1609 → 1612 亿元（+3，+0.19%）\n\n> 原文：「全市地区生产总值完成1612亿元。」\n\n> 文件：通辽市2025年政府工作报告（第2版，上一版第1版）\n\n[查看原文](https://www.tongliao.gov.cn/r)\n","title":"【通辽市】指标修订：2023年 地区生产总值（实际）"},"msgtype":"markdown"}"####
        )
        let sign = Data(SHA256.hmac(key: Array("SEC123".utf8), message: Array("1740816000000\nSEC123".utf8)))
            .base64EncodedString().addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        XCTAssertEqual(url, "https://robot.example/send?access_token=t&timestamp=1740816000000&sign=\(sign)")
    }

    func testWeCom_markdownBody() throws {
        let (url, json) = try body("wecom")
        XCTAssertEqual(url, "https://robot.example/send?access_token=t")
        XCTAssertTrue(json.hasPrefix(####"{"markdown":{"content":"### 【通辽市】指标修订"####), json)
        XCTAssertTrue(json.hasSuffix(##"[查看原文](https://www.tongliao.gov.cn/r)\n"},"msgtype":"markdown"}"##), json)
    }

    func testFeishu_textBody_signedWithTimestamp() throws {
        let (_, json) = try body("feishu", secret: "fs-secret")
        let sign = Data(SHA256.hmac(key: Array("1740816000\nfs-secret".utf8), message: []))
            .base64EncodedString()
        XCTAssertEqual(
            json,
            ##"{"content":{"text":"【通辽市】指标修订：2023年 地区生产总值（实际）\n2023年 地区生产总值（实际）：1609 → 1612 亿元（+3，+0.19%）\n原文：「全市地区生产总值完成1612亿元。」\n文件：通辽市2025年政府工作报告（第2版，上一版第1版）\n链接：https://www.tongliao.gov.cn/r"},"msg_type":"text","sign":""##
                + sign + ##"","timestamp":"1740816000"}"##)
    }

    func testSlack_textWithLink() throws {
        let (_, json) = try body("slack")
        XCTAssertEqual(
            json,
            ##"{"text":"*【通辽市】指标修订：2023年 地区生产总值（实际）*\n2023年 地区生产总值（实际）：1609 → 1612 亿元（+3，+0.19%）\n原文：「全市地区生产总值完成1612亿元。」\n文件：通辽市2025年政府工作报告（第2版，上一版第1版）\n<https://www.tongliao.gov.cn/r|查看原文>"}"##
        )
    }

    func testEmail_reachesTheSMTPServer_withAuthAndTheEvidence() async throws {
        let smtp = try SMTPServer()
        defer { smtp.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let password = folder.appendingPathComponent("password").path
        try "s3cret\n".write(toFile: password, atomically: true, encoding: .utf8)
        let config = SinkConfig(
            type: "email", name: "mail",
            settings: [
                "type": "email", "url": smtp.url, "from": "bulletind@example.org", "user": "bot",
                "password_file": password,
                "tls": "none",
            ], lists: ["to": ["analyst@example.org", "desk@example.org"]])
        let setup = try SinkSetup(config, fetcher: try Fetcher())
        try await setup.sink.deliver([changed], payloads: [changed.json()])
        let message = try XCTUnwrap(smtp.received.first)
        XCTAssertEqual(message.from, "bulletind@example.org")
        XCTAssertEqual(message.recipients, ["analyst@example.org", "desk@example.org"])
        XCTAssertEqual(message.credentials, "bot:s3cret")
        let (head, body) = try XCTUnwrap(message.data.split(separator: "\r\n\r\n", maxSplits: 1).map(String.init).pairs)
        let subject = "=?UTF-8?B?\(Data("【通辽市】指标修订：2023年 地区生产总值（实际）".utf8).base64EncodedString())?="
        XCTAssertTrue(head.contains("Subject: \(subject)"), head)
        XCTAssertTrue(head.contains("Content-Type: text/plain; charset=UTF-8"))
        let text = String(
            decoding: Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: "")) ?? Data(), as: UTF8.self)
        XCTAssertTrue(text.contains("1609 → 1612 亿元"), text)
        XCTAssertTrue(text.contains("原文：「全市地区生产总值完成1612亿元。」"), text)
    }

    func testEmail_whenServerUnreachable_failsTransiently() async throws {
        let config = SinkConfig(
            type: "email", name: "mail",
            settings: [
                "type": "email", "url": "smtp://127.0.0.1:1", "from": "a@example.org", "to": "b@example.org",
                "tls": "none",
            ])
        let setup = try SinkSetup(config, fetcher: try Fetcher())
        do {
            try await setup.sink.deliver([changed], payloads: [changed.json()])
            XCTFail("nothing listens on port 1")
        } catch {
            XCTAssertFalse(error.permanent)
            XCTAssertTrue(error.message.hasPrefix("SMTP:"), error.message)
        }
    }

    func testRules_minimumChange_isMeasuredFromTheLastValueNotified() {
        var rules = SinkRules()
        rules.minRelative = 0.005
        XCTAssertFalse(rules.admits(changed), "1609 → 1612 is 0.19%")
        XCTAssertTrue(rules.admits(changed, lastNotified: "1600"), "from 1600 the drift is 0.75%")
        rules = SinkRules()
        rules.minChange = 3
        XCTAssertTrue(rules.admits(changed))
        rules.types = ["bulletin.*"]
        XCTAssertFalse(rules.admits(changed))
        rules.types = ["indicator.*"]
        rules.subjects = ["财政"]
        XCTAssertFalse(rules.admits(changed))
        rules.subjects = ["生产总值"]
        rules.excludeSubjects = ["地区"]
        XCTAssertFalse(rules.admits(changed))
        rules.excludeSubjects = []
        rules.subjects = ["^地区生产总值$"]
        XCTAssertTrue(rules.admits(changed), "subjects are regular expressions")
        rules.subjects = ["^生产总值"]
        XCTAssertFalse(rules.admits(changed))
    }
}

extension Array where Element == String {
    fileprivate var pairs: (String, String)? { count == 2 ? (self[0], self[1]) : nil }
}
