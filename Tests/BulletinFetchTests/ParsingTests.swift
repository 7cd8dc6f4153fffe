import Foundation
import XCTest

@testable import BulletinFetch

/// The small readers: address classes, Retry-After, sizes, Content-Type, hosts.
final class ParsingTests: XCTestCase {
    func testAddressClass_readsInternalRangesOfBothFamilies() {
        let cases: [(String, AddressClass)] = [
            ("93.184.216.34", .public), ("127.0.0.1", .loopback), ("127.8.9.10", .loopback),
            ("10.1.2.3", .private), ("172.16.0.1", .private), ("172.31.255.255", .private), ("172.32.0.1", .public),
            ("192.168.1.1", .private), ("169.254.169.254", .linkLocal), ("100.64.0.1", .private),
            ("0.0.0.0", .unspecified), ("224.0.0.1", .private), ("::1", .loopback), ("::", .unspecified),
            ("fd00::1", .uniqueLocal), ("fc12:3456::1", .uniqueLocal), ("fe80::1%eth0", .linkLocal),
            ("2001:db8::1", .public), ("2400:3200::1", .public), ("::ffff:10.0.0.1", .private),
            ("::ffff:169.254.169.254", .linkLocal), ("[::1]", .loopback), ("not-an-ip", .unknown),
            ("1.2.3", .unknown), ("1.2.3.256", .unknown),
        ]
        for (address, expected) in cases {
            XCTAssertEqual(AddressClass(address: address), expected, address)
        }
    }

    func testRetryAfter_readsSecondsAndAllThreeDateForms() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        XCTAssertEqual(RetryAfter.parse("120", now: now), .seconds(120))
        XCTAssertEqual(RetryAfter.parse("Tue, 14 Nov 2023 22:14:20 GMT", now: now), .seconds(60))
        XCTAssertEqual(RetryAfter.parse("Tuesday, 14-Nov-23 22:15:20 GMT", now: now), .seconds(120))
        XCTAssertEqual(RetryAfter.parse("Tue Nov 14 22:13:50 2023", now: now), .seconds(30))
        XCTAssertEqual(RetryAfter.parse("Mon, 13 Nov 2023 00:00:00 GMT", now: now), .zero, "past dates mean now")
        XCTAssertEqual(RetryAfter.parse("99999999999999999999", now: now), RetryAfter.ceiling)
        XCTAssertNil(RetryAfter.parse("soon", now: now))
        XCTAssertNil(RetryAfter.parse("-5", now: now))
    }

    func testByteCount_readsUnitsAndRefusesNonsense() {
        XCTAssertEqual(ByteCount.parse("20MB"), 20 << 20)
        XCTAssertEqual(ByteCount.parse("512 kb"), 512 << 10)
        XCTAssertEqual(ByteCount.parse("1.5G"), 3 << 29)
        XCTAssertEqual(ByteCount.parse("1000"), 1000)
        XCTAssertNil(ByteCount.parse("lots"))
        XCTAssertNil(ByteCount.parse("5 parsecs"))
        XCTAssertNil(ByteCount.parse("99999999999999999999GB"))
    }

    func testMediaType_splitsTypeAndCharset() {
        let type = MediaType(parsing: "Text/HTML; Charset=\"GB2312\"")
        XCTAssertEqual(type.type, "text/html")
        XCTAssertEqual(type.charset, "GB2312")
        XCTAssertNil(MediaType(parsing: "application/pdf").charset)
    }

    func testHostKey_ignoresUserPortPathAndCase() {
        XCTAssertEqual(Transfer.host(of: "https://user:pw@WWW.Stats.gov.cn:8443/a?b"), "www.stats.gov.cn")
        XCTAssertEqual(Transfer.host(of: "http://[::1]:8080/x"), "[::1]")
        XCTAssertEqual(Transfer.host(of: "file:///etc/hostname"), "")
    }
}
