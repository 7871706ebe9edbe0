import Foundation
import Mocks
import Outbound
import Testing

@Suite("Sink event bodies")
struct SinkEventTests {
    @Test("the body has type, ISO 8601 timestamp and the customer, course, order, status and expiry")
    func bodyShape() throws {
        let body = try SinkEventSamples.accessGranted.body()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(Set(object.keys) == ["type", "timestamp", "data"])
        #expect(object["type"] as? String == "access.granted")
        #expect(object["timestamp"] as? String == "2026-11-21T10:00:00Z")
        let data = try #require(object["data"] as? [String: Any])
        #expect(data["customer_email"] as? String == "ada@example.com")
        #expect(data["customer_name"] as? String == "Ada Lovelace")
        #expect(data["course_id"] as? String == "web-basics")
        #expect(data["order_reference"] as? String == "ORD-1001")
        #expect(data["status"] as? String == "active")
        #expect(data["expires_at"] as? String == "2027-11-21T10:00:00Z")
    }

    @Test("absent values are written as null, so every event has the same keys")
    func absentValuesAreNull() throws {
        let text = String(decoding: try SinkEventSamples.customerCreated.body(), as: UTF8.self)
        #expect(text == #"{"data":{"course_id":null,"customer_email":"ada@example.com","customer_name":"Ada Lovelace","#
                + #""expires_at":null,"order_reference":null,"status":null},"timestamp":"2026-11-21T10:00:00Z","type":"customer.created"}"#)
    }

    @Test("the same event always gives the same bytes")
    func bodyIsDeterministic() throws {
        #expect(try SinkEventSamples.accessGranted.body() == SinkEventSamples.accessGranted.body())
    }

    @Test("every kind is written with its dotted type name")
    func kindNames() {
        #expect(SinkEvent.Kind.allCases.map(\.rawValue)
                == ["access.granted", "access.revoked", "access.expired", "access.restored", "customer.created",
                    "customer.erased"])
    }

    @Test("a body over 20 kB is refused, one at the limit is not")
    func sizeLimit() throws {
        let base = try SinkEventSamples.accessGranted(nameLength: 0).body().count
        let atLimit = try SinkEventSamples.accessGranted(nameLength: SinkEvent.maxBodyBytes - base).body()
        #expect(atLimit.count == SinkEvent.maxBodyBytes)
        let error = #expect(throws: SinkEventError.self) {
            try SinkEventSamples.accessGranted(nameLength: SinkEvent.maxBodyBytes - base + 1).body()
        }
        #expect(error?.size == SinkEvent.maxBodyBytes + 1)
    }
}
