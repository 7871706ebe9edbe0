import AccessKernel
import AccessStore
import Foundation

// Records purchases one by one into the database named by the first argument and prints
// `ack KEY` after each record call returned. Every fifth call repeats an earlier delivery.
// The crash test kills this process with SIGKILL mid-burst and audits the database.
let arguments = CommandLine.arguments
guard arguments.count >= 3, let count = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: record-burst-probe DB COUNT\n".utf8))
    exit(2)
}
let mapping = Mapping(courses: [Course(id: "course", title: "Course")],
                      instances: [ProviderInstance(id: "shop", kind: "test")],
                      routes: [Route(key: RouteKey(instance: "shop", kind: .product, productID: "p"), courses: ["course"])])

func purchase(_ index: Int) -> Fact {
    Fact(key: FactKey("shop:order:\(index)"), instance: "shop", occurredAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(index)),
         customer: CustomerRef(email: "buyer\(index)@example.com", name: "Buyer \(index)"),
         event: .purchase(Purchase(orderID: "\(index)", items: [OrderItem(key: ItemKey(.product, "p"), amount: 1000, currency: "USD")])))
}

do {
    let store = try SQLiteStore(path: arguments[1])
    let version = try await store.register(mapping, hash: "probe", path: "probe", text: "probe")
    for index in 0..<count {
        let fact = index % 5 == 4 ? purchase(index / 2) : purchase(index)
        _ = try await store.record([fact], under: version, now: Date())
        FileHandle.standardOutput.write(Data("ack \(fact.key)\n".utf8))  // unbuffered: acked means written
    }
} catch {
    FileHandle.standardError.write(Data("probe failed: \(error)\n".utf8))
    exit(1)
}
