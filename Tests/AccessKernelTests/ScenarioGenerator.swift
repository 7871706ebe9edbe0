import AccessKernel
import Foundation

/// Generates random but reproducible customer histories over a small random mapping:
/// a few courses (some unpublished or test-only), one or two provider instances, routes of
/// every item kind, orders of several items, refunds, subscription changes, disputes and
/// admin actions, in live and test mode, at times within a sixty-day window.
struct ScenarioGenerator {
    var includeAdmin = true
    var includeTestMode = true

    static let products = ["p0", "p1", "p2"]
    static let options = ["monthly", "yearly"]
    static let window = 60 * 24 // hours

    func scenario(using random: inout SplitMix64) -> Scenario {
        let mapping = self.mapping(using: &random)
        var stream = Stream(random: random, mapping: mapping, generator: self)
        stream.generate()
        random = stream.random
        let now = Clock.start.addingTimeInterval(Double(Int.random(in: 0...(Self.window + 30 * 24), using: &random)) * 3_600)
        return Scenario(mapping: mapping, facts: stream.inOccurrenceOrder, now: now)
    }

    // MARK: mapping

    func mapping(using random: inout SplitMix64) -> Mapping {
        let courses = (0..<Int.random(in: 2...4, using: &random)).map { index in
            Course(id: "c\(index)", title: "Course \(index)", published: random.chance(0.85),
                   isTestCourse: random.chance(0.25))
        }
        let instances = ["tc", "so"].prefix(Int.random(in: 1...2, using: &random)).map { id in
            ProviderInstance(id: id, kind: id, policies: Self.policies(using: &random))
        }
        var routes: [Route] = []
        for instance in instances {
            for _ in 0..<Int.random(in: 2...5, using: &random) {
                let kind: ItemKind = random.chance(0.5) ? .product : random.pick(ItemKind.allCases)
                let product: String? = random.chance(0.15) ? nil : random.pick(Self.products)
                let option: String? = product == nil || random.chance(0.3) ? random.pick(Self.options) : nil
                var targets = (0..<Int.random(in: 1...2, using: &random)).map { _ in random.pick(courses).id }
                if random.chance(0.1) { targets.append("ghost") }
                routes.append(Route(key: RouteKey(instance: instance.id, kind: kind, productID: product,
                                                  pricingOption: option),
                                    courses: Array(Set(targets)).sorted(),
                                    accessDays: random.chance(0.3) ? Int.random(in: 1...40, using: &random) : nil,
                                    policies: Self.overrides(using: &random)))
            }
        }
        return Mapping(courses: courses, instances: instances, routes: routes)
    }

    static func policies(using random: inout SplitMix64) -> Policies {
        Policies(onRefund: random.pick(RefundPolicy.allCases), onPartialRefund: random.pick(RefundPolicy.allCases),
                 onCancel: random.pick(CancelPolicy.allCases), onAdminCancel: random.pick(CancelPolicy.allCases),
                 onHubCancel: random.pick(CancelPolicy.allCases), onPause: random.pick(PausePolicy.allCases),
                 onPaymentFailed: paymentFailedPolicy(using: &random), onDispute: random.pick(DisputePolicy.allCases))
    }

    static func paymentFailedPolicy(using random: inout SplitMix64) -> PaymentFailedPolicy {
        random.chance(0.5) ? .keep : .revokeAfterDays(Int.random(in: 0...5, using: &random))
    }

    static func overrides(using random: inout SplitMix64) -> PolicyOverrides {
        var overrides = PolicyOverrides()
        if random.chance(0.3) { overrides.onRefund = random.pick(RefundPolicy.allCases) }
        if random.chance(0.3) { overrides.onPartialRefund = random.pick(RefundPolicy.allCases) }
        if random.chance(0.3) { overrides.onCancel = random.pick(CancelPolicy.allCases) }
        if random.chance(0.3) { overrides.onAdminCancel = random.pick(CancelPolicy.allCases) }
        if random.chance(0.3) { overrides.onHubCancel = random.pick(CancelPolicy.allCases) }
        if random.chance(0.3) { overrides.onPause = random.pick(PausePolicy.allCases) }
        if random.chance(0.3) { overrides.onPaymentFailed = paymentFailedPolicy(using: &random) }
        if random.chance(0.3) { overrides.onDispute = random.pick(DisputePolicy.allCases) }
        return overrides
    }
}

extension ScenarioGenerator {
    /// The fact stream of one scenario, built order by order.
    struct Stream {
        var random: SplitMix64
        let mapping: Mapping
        let generator: ScenarioGenerator
        private(set) var facts: [Fact] = []
        private var times: [Date] = []
        /// Revokes made so far, so that a restore usually follows one.
        private var revokes: [(course: String, at: Date)] = []

        init(random: SplitMix64, mapping: Mapping, generator: ScenarioGenerator) {
            self.random = random
            self.mapping = mapping
            self.generator = generator
        }

        /// The facts sorted by occurrence; facts of the same instant keep their generation order.
        var inOccurrenceOrder: [Fact] {
            facts.enumerated().sorted { ($0.element.occurredAt, $0.offset) < ($1.element.occurredAt, $1.offset) }
                .map(\.element)
        }

        mutating func generate() {
            for order in 0..<Int.random(in: 1...4, using: &random) { addOrder(order) }
            if generator.includeAdmin {
                for _ in 0..<Int.random(in: 0...4, using: &random) { addAdminAction() }
            }
            if random.chance(0.1) {
                add(instance: mapping.instances.keys.sorted().first ?? "tc", at: time(), mode: .live,
                    event: .detailsChanged(CustomerDetails(name: "Renamed")))
            }
        }

        /// A time in the window, on the hour; sometimes exactly the time of an earlier fact.
        mutating func time(after earliest: Date? = nil) -> Date {
            if !times.isEmpty, random.chance(0.1) {
                let reused = random.pick(times)
                if earliest.map({ reused >= $0 }) ?? true { return reused }
            }
            let low = earliest.map { Int($0.timeIntervalSince(Clock.start)) / 3_600 } ?? 0
            let hours = Int.random(in: low...max(low, ScenarioGenerator.window), using: &random)
            let date = Clock.start.addingTimeInterval(Double(hours) * 3_600)
            times.append(date)
            return date
        }

        mutating func add(instance: InstanceID, at date: Date, mode: Mode, event: Event) {
            let key = FactKey("\(instance):\(facts.count):\(event.kindName)")
            facts.append(Fact(key: key, instance: instance, occurredAt: date, mode: mode,
                              customer: Fact.customer, event: event))
        }

        /// An item a route of `instance` matches (mostly), or any item.
        mutating func itemKey(on instance: InstanceID) -> ItemKey {
            let routes = mapping.routes.values.filter { $0.key.instance == instance }.sorted { $0.key.description < $1.key.description }
            if !routes.isEmpty, random.chance(0.75) {
                let key = random.pick(routes).key
                return ItemKey(key.kind, key.productID ?? "other", pricingOption: key.pricingOption)
            }
            return ItemKey(random.chance(0.5) ? .product : random.pick(ItemKind.allCases),
                           random.pick(ScenarioGenerator.products),
                           pricingOption: random.chance(0.3) ? random.pick(ScenarioGenerator.options) : nil)
        }

        mutating func addOrder(_ index: Int) {
            let instances = mapping.instances.keys.sorted()
            let instance = random.chance(0.05) ? "unconfigured" : random.pick(instances)
            let mode: Mode = generator.includeTestMode && random.chance(0.25) ? .test : .live
            let orderID = "o\(index)"
            let otherIDs = random.chance(0.3) ? ["pi\(index)"] : []
            let items = (0..<Int.random(in: 1...3, using: &random)).map { line in
                OrderItem(key: itemKey(on: instance), amount: Int64(Int.random(in: 10...50, using: &random) * 100),
                          currency: "USD", subscriptionID: random.chance(0.6) ? "sub\(index)_\(line)" : nil)
            }
            let bought = time()
            add(instance: instance, at: bought, mode: mode,
                event: .purchase(Purchase(orderID: orderID, otherOrderIDs: otherIDs, items: items)))
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let at = random.chance(0.85) ? time(after: bought) : time()
                let followUpMode = random.chance(0.9) ? mode : (mode == .live ? .test : .live)
                let named = random.chance(0.8) ? orderID : random.pick(otherIDs + [orderID])
                switch Int.random(in: 0..<5, using: &random) {
                case 0:
                    add(instance: instance, at: at, mode: followUpMode,
                        event: .refund(refund(of: items, orderID: named)))
                case 1, 2, 3:
                    add(instance: instance, at: at, mode: followUpMode,
                        event: .subscription(subscriptionChange(of: items, orderID: named, at: at)))
                default:
                    let outcome: Dispute.Outcome? = random.chance(0.5) ? nil : random.pick([.won, .lost])
                    add(instance: instance, at: at, mode: followUpMode,
                        event: .dispute(Dispute(orderID: named, disputeID: "dp\(index)_\(Int.random(in: 0...1, using: &random))",
                                                outcome: outcome)))
                }
            }
        }

        mutating func refund(of items: [OrderItem], orderID: String) -> Refund {
            let item: OrderItem? = random.chance(0.5) ? random.pick(items) : nil
            let charged = item?.amount ?? items.reduce(0) { $0 + $1.amount }
            let amount = random.chance(0.4) ? charged : Int64.random(in: 1...charged, using: &random)
            let isFull: Bool? = random.chance(0.7) ? nil : amount >= charged
            return Refund(orderID: orderID, item: item?.key, amount: amount, currency: "USD", isFull: isFull)
        }

        mutating func subscriptionChange(of items: [OrderItem], orderID: String, at date: Date) -> SubscriptionChange {
            let item = random.pick(items)
            let periodEnd: Date? = random.chance(0.7) ? date.addingTimeInterval(Double(Int.random(in: 1...40, using: &random)) * 86_400) : nil
            let change: SubscriptionChange.Change
            switch Int.random(in: 0..<6, using: &random) {
            case 0: change = .started(periodEnd: periodEnd)
            case 1: change = .renewed(periodEnd: periodEnd)
            case 2: change = .paused
            case 3: change = .resumed
            case 4:
                change = .cancelled(Cancellation(effective: random.pick([.now, .periodEnd]),
                                                 periodEnd: random.chance(0.5) ? periodEnd : nil,
                                                 initiator: random.pick([.customer, .admin, .provider])))
            default: change = .paymentFailed
            }
            if let subscription = item.subscriptionID, random.chance(0.85) {
                return SubscriptionChange(subscriptionID: subscription, change: change)
            }
            return SubscriptionChange(subscriptionID: "sub-unnamed", orderID: orderID,
                                      productID: random.chance(0.7) ? item.key.productID : nil, change: change)
        }

        mutating func addAdminAction() {
            var courses = mapping.courses.keys.sorted()
            if random.chance(0.1) { courses.append("ghost") }
            var course = random.pick(courses)
            var at = time()
            let action: AdminAction.Action
            switch Int.random(in: 0..<7, using: &random) {
            case 0:
                action = .grant(.course(course), until: random.chance(0.3) ? time(after: at) : nil)
            case 1:
                let instance = random.pick(mapping.instances.keys.sorted())
                action = .grant(.item(instance: instance, key: itemKey(on: instance)),
                                until: random.chance(0.3) ? time(after: at) : nil)
            case 2, 3:
                revokes.append((course, at))
                action = .revoke(course: course, message: random.chance(0.5) ? "message \(facts.count)" : nil)
            case 4:
                if !revokes.isEmpty, random.chance(0.7) {
                    let revoke = random.pick(revokes)
                    course = revoke.course
                    at = time(after: revoke.at)
                }
                action = .restore(course: course)
            case 5:
                action = .setExpiry(course: course, at: time())
            default:
                action = .removeExpiry(course: course)
            }
            add(instance: .admin, at: at, mode: .live, event: .admin(AdminAction(actor: "support", action: action)))
        }
    }
}
