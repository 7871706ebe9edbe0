import Foundation
import Testing
@testable import ThriveCart

@Suite struct ThriveCartDates {
    @Test(arguments: [
        ("1595567854", 1_595_567_854),
        ("2020-07-24 05:17:34", 1_595_567_854),
        ("2020-07-24T05:17:34+00:00", 1_595_567_854),
        ("2020-07-24T07:17:34+02:00", 1_595_567_854),
        ("2020-07-24T01:17:34-0400", 1_595_567_854),
        ("2020-07-24T05:17:34Z", 1_595_567_854),
        ("2020-07-24T05:17:34.250Z", 1_595_567_854),
        ("2024-02-29 00:00:00", 1_709_164_800),
        ("1969-12-31 23:59:59", -1),
    ])
    func thriveCartTimesAreRead(text: String, seconds: Int) {
        #expect(ThriveCartDate.parse(text) == Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    @Test(arguments: ["", "null", "yesterday", "2020-13-01 00:00:00", "2020-07-24", "2020-07-24 05:17:34 CEST",
                      "99999999999999999999", "2020-07-24T05:17:34+2"])
    func anythingElseIsNoTime(text: String) {
        #expect(ThriveCartDate.parse(text) == nil)
    }
}
