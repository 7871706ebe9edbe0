import AccessKernel
import AccessStore
import Foundation
import Testing

@Suite("coursegate access show")
struct AccessShowCommandTests {
    @Test("shows each course with its status and the facts that caused it, found by any spelling of the email")
    func showsAccess() async throws {
        let db = CLI.temporaryFile("access.sqlite")
        let store = try SQLiteStore(path: db)
        let mapping = Mapping(courses: [Course(id: "web-basics", title: "Web Basics")],
                              instances: [ProviderInstance(id: "tc-main", kind: "thrivecart")],
                              routes: [Route(key: RouteKey(instance: "tc-main", kind: .product, productID: "12"),
                                             courses: ["web-basics"], accessDays: 30)])
        let version = try await store.register(mapping, hash: "h", path: "m.yaml", text: "")
        let now = Date()
        _ = try await store.record([Fact(key: "tc-main:order.success:1", instance: "tc-main", occurredAt: now,
                                         customer: CustomerRef(email: "ann@example.com", name: "Ann Lee"),
                                         event: .purchase(Purchase(orderID: "1", items: [
                                             OrderItem(key: ItemKey(.product, "12"), amount: 4900, currency: "USD")])))],
                                   under: version, now: now)
        let result = try CLI.run(["access", "show", " ANN@example.com", "--db", db])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Ann Lee <ann@example.com>"))
        #expect(result.output.contains("web-basics: active until"))
        #expect(result.output.contains("purchase: tc-main:order.success:1"))
    }

    @Test("an unknown email is a clear error with its own exit status")
    func unknownCustomer() throws {
        let result = try CLI.run(["access", "show", "nobody@example.com", "--db", CLI.temporaryFile("empty.sqlite")])
        #expect(result.status == 3)
        #expect(result.errors.contains("no customer with the email nobody@example.com"))
    }
}
