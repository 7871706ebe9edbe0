import AccessKernel
import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Mocks
import Testing

/// One gateway serving two ThriveCart accounts, a SendOwl shop and the native checkout, fed
/// interleaved, concurrent, duplicated and reordered deliveries about the same four
/// customers, whose emails every provider spells differently.
@Suite("Every provider at once, on loopback against the real server")
struct EveryProviderAtOnceTests {
    @Test("every post is answered 200: each delivery is recorded once and its repeats are duplicates")
    func everyPostAnswered() async throws {
        let schedule = Schedule(seed: Schedule.seed)
        let run = try await MixedRun.start(schedule)
        #expect(run.answers.count == schedule.posts.count)
        #expect(schedule.posts.count > Shop.deliveries.count, "the schedule repeats deliveries")
        #expect(await run.harness.gateway.committer.largestGroup > 1, "concurrent posts shared a transaction")
        for answer in run.answers {
            #expect(answer.status == .ok, "\(answer.delivery): \(answer.status) \(answer.text)")
        }
        for delivery in Shop.deliveries {
            let outcomes = run.answers.filter { $0.delivery == delivery.name }.map(\.outcome)
            #expect(outcomes.filter { $0 == "recorded" }.count == 1, "\(delivery.name): \(outcomes)")
            #expect(outcomes.filter { $0 != "recorded" }.allSatisfy { $0 == "duplicate" }, "\(delivery.name): \(outcomes)")
        }
    }

    @Test("one customer per email, however each provider spelt it, holding all of their facts")
    func oneCustomerPerEmail() async throws {
        let run = try await MixedRun.start(Schedule(seed: Schedule.seed))
        let customers = try await CustomerOutcome.read(run.harness.store)
        var ids = Set<Int64>()
        for buyer in Shop.buyers {
            let outcome = try #require(customers[buyer.email], "no customer for \(buyer.email)")
            for spelling in buyer.spellings {
                #expect(outcome.idBySpelling[spelling] == outcome.id, "\"\(spelling)\" finds \(String(describing: outcome.idBySpelling[spelling]))")
            }
            #expect(outcome.storedEmail == buyer.email)
            ids.insert(outcome.id)
        }
        #expect(ids.count == Shop.buyers.count)
        // Every fact belongs to one of the four: none waits for a customer, none went to a fifth.
        let counts = try await run.harness.store.factCounts()
        #expect(counts.total == Shop.deliveries.count)
        #expect(counts.pending == 0)
        #expect(customers.values.map(\.facts.count).reduce(0, +) == Shop.deliveries.count)
    }

    @Test("each customer's access is the union of their sources, as the table says, in the store and at /v1/access")
    func expectedAccess() async throws {
        let run = try await MixedRun.start(Schedule(seed: Schedule.seed))
        let customers = try await CustomerOutcome.read(run.harness.store)
        for buyer in Shop.buyers {
            let expected = try #require(Shop.expectedAccess[buyer.email])
            let outcome = try #require(customers[buyer.email])
            #expect(outcome.access.mapValues(\.status) == expected, "\(buyer.email)")
        }
        for answer in run.accessAnswers {
            let expected = Shop.expectedAccess[EmailAddress.normalise(answer.spelling)]?[answer.course] ?? .none
            #expect(answer.status == expected.name, "\"\(answer.spelling)\" \(answer.course): \(answer.status)")
            #expect(answer.access == AccessState(status: expected).isActive, "\"\(answer.spelling)\" \(answer.course)")
        }
        #expect(run.accessAnswers.count == Shop.buyers.count * Shop.courses.count)
    }

    @Test("the final state equals that of the same deliveries sent once, in the order they occurred, to a fresh gateway")
    func sameAsInOrder() async throws {
        let mixed = try await MixedRun.start(Schedule(seed: Schedule.seed))
        let inOrder = try await MixedRun.start(Schedule.inOrder)
        #expect(inOrder.answers.allSatisfy { $0.status == .ok && $0.outcome == "recorded" },
                "\(inOrder.answers.filter { $0.outcome != "recorded" })")
        let mixedCustomers = try await CustomerOutcome.read(mixed.harness.store)
        // The mixed run really was out of order: every follow-up was stored before any order.
        let firstStored = try await CustomerOutcome.storedFacts(mixed.harness.store).prefix(Shop.followUps.count)
        #expect(firstStored.allSatisfy { if case .purchase = $0.fact.event { false } else { true } },
                "\(firstStored.map(\.fact.key))")
        let inOrderCustomers = try await CustomerOutcome.read(inOrder.harness.store)
        for buyer in Shop.buyers {
            let left = try #require(mixedCustomers[buyer.email])
            let right = try #require(inOrderCustomers[buyer.email])
            #expect(left.facts == right.facts, "\(buyer.email): the same facts")
            #expect(Set(left.access.keys) == Set(right.access.keys), "\(buyer.email): the same courses")
            for course in Set(left.access.keys).union(right.access.keys).sorted() {
                #expect(left.access[course] == right.access[course],
                        "\(buyer.email) \(course): mixed \(String(describing: left.access[course])), in order \(String(describing: right.access[course]))")
            }
        }
    }
}

// MARK: - The shop

/// The creator's accounts, courses, customers, what they did, and the access that follows.
private enum Shop {
    static let tcA = "tc-a"
    static let tcB = "tc-b"
    static let sendOwl = "shop"
    static let checkout = "checkout"
    static let tcASecret = "TCA-KX7QZP2M"
    static let tcBSecret = "TCB-R9WL4XD2"
    static let environment = [
        "TC_A_SECRET": tcASecret, "TC_B_SECRET": tcBSecret,
        "SENDOWL_SIGNING_KEY": SendOwlScenario.signingKey, "CHECKOUT_WEBHOOK_SECRET": NativeCheckoutScenario.webhookSecret,
    ]

    static let courses = ["watercolour", "masterclass", "workbook", "sketching", "calligraphy", "js-deep-dive", "coaching-vault"]

    /// Product 12 on tc-a opens two courses (one of them also in the SendOwl bundle); the
    /// same product id on tc-b opens another; the bundle and the native checkout's prices
    /// open the rest.
    static let mappingText = """
        courses:
          watercolour: {title: Watercolour Foundations, published: true}
          masterclass: {title: "Masterclass: Skies & Seas", published: true}
          workbook: {title: Brush Lettering Workbook, published: true}
          sketching: {title: Sketching Basics, published: true}
          calligraphy: {title: Copperplate Calligraphy, published: true}
          js-deep-dive: {title: JavaScript Deep Dive, published: true}
          coaching-vault: {title: Coaching Vault, published: true}
        instances:
          \(tcA):
            kind: thrivecart
            secrets: {secret: env:TC_A_SECRET}
          \(tcB):
            kind: thrivecart
            secrets: {secret: env:TC_B_SECRET}
          \(sendOwl):
            kind: sendowl
            secrets: {signing_key: env:SENDOWL_SIGNING_KEY}
          \(checkout):
            kind: native_checkout
            secrets: {webhook_secret: env:CHECKOUT_WEBHOOK_SECRET}
        routes:
          - instance: \(tcA)
            product: "12"
            courses: [watercolour, masterclass]
          - instance: \(tcA)
            bump: "12"
            courses: [workbook]
          - instance: \(tcB)
            product: "12"
            courses: [sketching]
          - instance: \(sendOwl)
            bundle: "880"
            courses: [watercolour, calligraphy]
          - instance: \(sendOwl)
            product: "4521"
            courses: [calligraphy]
          - instance: \(checkout)
            price: \(NativeCheckoutScenario.vaultMonthly.id)
            courses: [coaching-vault]
          - instance: \(checkout)
            product: \(NativeCheckoutScenario.jsOnce.productID)
            courses: [js-deep-dive]
        """

    /// A customer: the email as Coursegate keeps it, and every spelling the providers sent.
    struct Buyer {
        let email: String
        let spellings: [String]
    }

    static let ann = Buyer(email: "ann@example.com",
                           spellings: ["Ann@Example.com", "ANN@EXAMPLE.COM", " ann@example.com ", "  Ann@example.COM", " aNN@Example.com  "])
    static let ben = Buyer(email: "ben.okafor@example.org",
                           spellings: ["Ben.Okafor@Example.org", " BEN.OKAFOR@example.org", "BEN.OKAFOR@EXAMPLE.ORG ", "ben.okafor@example.org"])
    static let cleo = Buyer(email: "cleo@example.net",
                            spellings: ["cleo@example.net", "CLEO@example.NET", " Cleo@Example.net ", "Cleo@Example.Net"])
    static let dan = Buyer(email: "dan@example.net",
                           spellings: ["  dan@example.net", "Dan@Example.NET", "DAN@EXAMPLE.NET"])
    static let buyers = [ann, ben, cleo, dan]

    /// When it all starts (2024-05-29); every event is dated from here, long before any run.
    static let start = Date(timeIntervalSince1970: 1_717_000_000)
    static func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }
    static let day: TimeInterval = 86_400
    /// The end of Cleo's paid period, long after any run: her cancelled membership is still on.
    static let cleoPeriodEnd = Date(timeIntervalSince1970: 4_070_908_800) // 2099-01-01
    static let annDeletedAt = at(30 * day)

    // MARK: The access that follows, stated by hand

    static let expectedAccess: [String: [String: AccessStatus]] = [
        ann.email: [
            // tc-a product 12 was refunded; the SendOwl bundle still opens the course.
            "watercolour": .active(until: nil),
            // Only the refunded tc-a product opened it.
            "masterclass": .revoked(.refunded),
            // The bump of the same order was not refunded.
            "workbook": .active(until: nil),
            // tc-b's order has the same order id and product id; tc-a's refund is not about it.
            "sketching": .active(until: nil),
            "calligraphy": .active(until: nil),
            // Deleted at the provider, no paid period known: it ended at the deletion.
            "coaching-vault": .expired(at: annDeletedAt),
        ],
        ben.email: [
            // SendOwl refunds revoke.
            "calligraphy": .revoked(.refunded),
            // The native checkout's refunds keep access (its kind's default).
            "js-deep-dive": .active(until: nil),
            "sketching": .active(until: nil),
        ],
        cleo.email: [
            // The SendOwl bundle was refunded; tc-a's product still opens the course.
            "watercolour": .active(until: nil),
            "masterclass": .active(until: nil),
            "calligraphy": .revoked(.refunded),
            // Cancelled at period end, which is far ahead.
            "coaching-vault": .active(until: cleoPeriodEnd),
        ],
        dan.email: [
            "sketching": .revoked(.refunded),
            "calligraphy": .active(until: nil),
        ],
    ]

    // MARK: What happened

    static let sketching = ThriveCartItem(.product, id: "12", name: "Sketching Basics", amount: 4_900)
    static let bundle = SendOwlCartItem(productID: 880, name: "Complete Lettering Bundle", productType: "package", price: "$120.00")

    static func tcAOrder(_ id: String, customerID: String, email: String, items: [ThriveCartItem], at date: Date) -> ThriveCartOrder {
        ThriveCartOrder(account: "inkandwash", secretWord: tcASecret, orderID: id, invoiceID: "0000\(id.suffix(5))",
                        orderedAt: date, customer: ThriveCartCustomer(id: customerID, email: email, firstName: "A", lastName: "Buyer"),
                        items: items)
    }

    static func tcBOrder(_ id: String, customerID: String, email: String, at date: Date) -> ThriveCartOrder {
        ThriveCartOrder(account: "papercraft", secretWord: tcBSecret, orderID: id, invoiceID: "0000\(id.suffix(5))",
                        orderedAt: date, customer: ThriveCartCustomer(id: customerID, email: email, firstName: "A", lastName: "Buyer"),
                        items: [sketching])
    }

    static func sendOwlOrder(_ number: Int64, email: String, item: SendOwlCartItem, currency: String,
                             at date: Date) -> SendOwlOrder {
        let gross = item.price ?? "0"
        return SendOwlOrder(id: String(format: "%010lld", number), number: number, buyerEmail: email, buyerName: "A Buyer",
                            buyerFirstName: "A", settledCurrency: currency, settledGross: gross, completedCheckoutAt: date,
                            items: [item],
                            transactions: [SendOwlTransactionRecord(id: "ch_so_\(number)", gross: gross, currency: currency,
                                                                    createdAt: date.addingTimeInterval(2))])
    }

    /// `order` refunded in full at `date`, in a delivery that spells the buyer's email `email`.
    static func refunded(_ order: SendOwlOrder, email: String, at date: Date) -> SendOwlOrder {
        var refunded = order.refunding(order.settledGross ?? "0", transactionID: "re_so_\(order.number)", at: date)
        refunded.buyerEmail = email
        return refunded
    }

    static func subscriptionSession(_ id: String, buyer: StripeBuyer, subscription: String, at date: Date) -> StripeCheckoutSession {
        StripeCheckoutSession(id: id, mode: "subscription", buyer: buyer,
                              lineItems: [StripeLineItem(id: "li_\(id)", price: NativeCheckoutScenario.vaultMonthly, description: "Coaching Vault")],
                              subscription: subscription, invoice: "in_\(subscription)", created: date)
    }

    // Ann: both ThriveCart accounts, the SendOwl bundle, and a native subscription deleted later.
    static let annTCA = tcAOrder("3230022", customerID: "16099259", email: ann.spellings[0],
                                 items: [ThriveCartScenario.course, ThriveCartScenario.workbookBump], at: at(0))
    static let annTCB = tcBOrder("3230022", customerID: "20000001", email: ann.spellings[1], at: at(3_600))
    static let annBundle = sendOwlOrder(200_001, email: ann.spellings[2], item: bundle, currency: "USD", at: at(7_200))
    static let annStripe = StripeBuyer(customerID: "cus_AnnLee00001", email: ann.spellings[4], name: "Ann Lee", country: "GB")
    static let annVault = subscriptionSession("cs_live_AnnVault01", buyer: annStripe, subscription: "sub_AnnVault01", at: at(10_800))

    // Ben: a SendOwl course refunded, a native one-time purchase as a guest refunded, tc-b.
    static let benCourse = sendOwlOrder(200_002, email: ben.spellings[0], item: SendOwlScenario.course, currency: "GBP", at: at(1_000))
    static let benStripe = StripeBuyer(customerID: nil, email: ben.spellings[2], name: "Ben Okafor", country: "NG")
    static let benJS = StripeCheckoutSession(
        id: "cs_live_BenJSdeep01", buyer: benStripe,
        lineItems: [StripeLineItem(id: "li_BenJSdeep01", price: NativeCheckoutScenario.jsOnce, description: "JavaScript Deep Dive")],
        paymentIntent: "pi_BenJSdeep01", created: at(2_000))
    // The same ThriveCart customer id as Ann's on tc-a: another account, another person.
    static let benTCB = tcBOrder("3230023", customerID: "16099259", email: ben.spellings[3], at: at(4_000))

    // Cleo: tc-a, the SendOwl bundle refunded, a native subscription cancelled at period end.
    static let cleoTCA = tcAOrder("3230100", customerID: "16099300", email: cleo.spellings[0],
                                  items: [ThriveCartScenario.course], at: at(500))
    static let cleoBundle = sendOwlOrder(200_003, email: cleo.spellings[1], item: bundle, currency: "USD", at: at(600))
    static let cleoStripe = StripeBuyer(customerID: "cus_CleoMoss001", email: cleo.spellings[3], name: "Cleo Moss", country: "IE")
    static let cleoVault = subscriptionSession("cs_live_CleoVault1", buyer: cleoStripe, subscription: "sub_CleoVault01", at: at(700))

    // Dan: tc-b refunded, a SendOwl course.
    static let danTCB = tcBOrder("3230200", customerID: "20000002", email: dan.spellings[0], at: at(800))
    static let danCourse = sendOwlOrder(200_004, email: dan.spellings[2], item: SendOwlScenario.course, currency: "GBP", at: at(900))

    /// Deliveries that start access.
    static let orders: [MixedDelivery] = [
        .thriveCart("ann: tc-a order", instance: tcA, ThriveCartPayload.orderSuccess(annTCA), occurredAt: annTCA.orderedAt),
        .thriveCart("ann: tc-b order", instance: tcB, ThriveCartPayload.orderSuccess(annTCB), occurredAt: annTCB.orderedAt),
        .sendOwl("ann: SendOwl bundle", instance: sendOwl, key: SendOwlScenario.signingKey, annBundle,
                 occurredAt: annBundle.completedCheckoutAt),
        .nativeCheckout("ann: vault checkout", instance: checkout, secret: NativeCheckoutScenario.webhookSecret,
                        StripeEventBuilder.checkoutSession(annVault, eventID: "evt_AnnVaultDone"), occurredAt: annVault.created),
        .sendOwl("ben: SendOwl course", instance: sendOwl, key: SendOwlScenario.signingKey, benCourse,
                 occurredAt: benCourse.completedCheckoutAt),
        .nativeCheckout("ben: JS checkout", instance: checkout, secret: NativeCheckoutScenario.webhookSecret,
                        StripeEventBuilder.checkoutSession(benJS, eventID: "evt_BenJSdeepDone"), occurredAt: benJS.created),
        .thriveCart("ben: tc-b order", instance: tcB, ThriveCartPayload.orderSuccess(benTCB), occurredAt: benTCB.orderedAt),
        .thriveCart("cleo: tc-a order", instance: tcA, ThriveCartPayload.orderSuccess(cleoTCA), occurredAt: cleoTCA.orderedAt),
        .sendOwl("cleo: SendOwl bundle", instance: sendOwl, key: SendOwlScenario.signingKey, cleoBundle,
                 occurredAt: cleoBundle.completedCheckoutAt),
        .nativeCheckout("cleo: vault checkout", instance: checkout, secret: NativeCheckoutScenario.webhookSecret,
                        StripeEventBuilder.checkoutSession(cleoVault, eventID: "evt_CleoVaultDone"), occurredAt: cleoVault.created),
        .thriveCart("dan: tc-b order", instance: tcB, ThriveCartPayload.orderSuccess(danTCB), occurredAt: danTCB.orderedAt),
        .sendOwl("dan: SendOwl course", instance: sendOwl, key: SendOwlScenario.signingKey, danCourse,
                 occurredAt: danCourse.completedCheckoutAt),
    ]

    /// Deliveries that end or change access: refunds and cancellations, three of them
    /// without an email.
    static let followUps: [MixedDelivery] = {
        var annRefundOrder = annTCA
        annRefundOrder.customer.email = ann.spellings[3]
        var danRefundOrder = danTCB
        danRefundOrder.customer.email = dan.spellings[1]
        let annDeleted = StripeEventBuilder.subscription(
            type: "customer.subscription.deleted", eventID: "evt_AnnVaultDeleted", subscriptionID: "sub_AnnVault01",
            itemID: "si_AnnVault01", price: NativeCheckoutScenario.vaultMonthly, buyer: annStripe,
            state: .init(status: "canceled", canceledAt: annDeletedAt), periodStart: annVault.created,
            periodEnd: annVault.created.addingTimeInterval(30 * day), latestInvoice: "in_sub_AnnVault01", created: annDeletedAt)
        let cleoCancelling = StripeEventBuilder.subscription(
            type: "customer.subscription.updated", eventID: "evt_CleoVaultCancel", subscriptionID: "sub_CleoVault01",
            itemID: "si_CleoVault01", price: NativeCheckoutScenario.vaultMonthly, buyer: cleoStripe,
            state: .init(cancelAtPeriodEnd: true, canceledAt: at(10 * day)), periodStart: cleoVault.created,
            periodEnd: cleoPeriodEnd, latestInvoice: "in_sub_CleoVault01",
            previousAttributes: .fields(["cancel_at": nil, "cancel_at_period_end": false, "canceled_at": nil]),
            created: at(10 * day))
        let benRefund = StripeEventBuilder.chargeRefunded(
            eventID: "evt_BenJSrefunded", chargeID: "ch_BenJSdeep01", paymentIntent: "pi_BenJSdeep01",
            amount: NativeCheckoutScenario.jsOnce.unitAmount, amountRefunded: NativeCheckoutScenario.jsOnce.unitAmount,
            previouslyRefunded: 0, currency: "usd", buyer: benStripe, refundIDs: ["re_BenJSdeep01"], created: at(6 * day))
        return [
            .thriveCart("ann: tc-a refund of product 12", instance: tcA,
                        ThriveCartPayload.refund(annRefundOrder, item: ThriveCartScenario.course, at: at(day)), occurredAt: at(day)),
            .nativeCheckout("ann: vault deleted (no email)", instance: checkout, secret: NativeCheckoutScenario.webhookSecret,
                            annDeleted, occurredAt: annDeletedAt),
            .sendOwl("ben: SendOwl course refunded", instance: sendOwl, key: SendOwlScenario.signingKey,
                     refunded(benCourse, email: ben.spellings[1], at: at(5 * day)), occurredAt: at(5 * day)),
            .nativeCheckout("ben: JS charge refunded (no email)", instance: checkout, secret: NativeCheckoutScenario.webhookSecret,
                            benRefund, occurredAt: at(6 * day)),
            .sendOwl("cleo: SendOwl bundle refunded", instance: sendOwl, key: SendOwlScenario.signingKey,
                     refunded(cleoBundle, email: cleo.spellings[2], at: at(3 * day)), occurredAt: at(3 * day)),
            .nativeCheckout("cleo: vault cancelled at period end (no email)", instance: checkout,
                            secret: NativeCheckoutScenario.webhookSecret, cleoCancelling, occurredAt: at(10 * day)),
            .thriveCart("dan: tc-b refund of product 12", instance: tcB,
                        ThriveCartPayload.refund(danRefundOrder, item: sketching, at: at(2 * day)), occurredAt: at(2 * day)),
        ]
    }()

    static let deliveries = orders + followUps
}

// MARK: - Runs

/// The order of posts in a run: `waves` are posted one after another, the posts of a wave
/// all at once.
private struct Schedule {
    var waves: [[MixedDelivery]]

    var posts: [MixedDelivery] { waves.flatMap { $0 } }

    static let seed: UInt64 = 0xC0_25E6_A7E5

    /// Follow-ups first, before the orders they are about (two of them twice); then every
    /// delivery one to three times, shuffled. Everything but the first post of a delivery
    /// is a repeat.
    init(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var early = Shop.followUps.shuffled(using: &generator)
        early += early.prefix(2)
        var rest: [MixedDelivery] = []
        for delivery in Shop.deliveries {
            rest += Array(repeating: delivery, count: 1 + Int(generator.next() % 3))
        }
        waves = [early.shuffled(using: &generator), rest.shuffled(using: &generator)]
    }

    private init(waves: [[MixedDelivery]]) { self.waves = waves }

    /// Every delivery once, one at a time, in the order the events occurred.
    static var inOrder: Schedule {
        Schedule(waves: Shop.deliveries.sorted { $0.occurredAt < $1.occurredAt }.map { [$0] })
    }
}

/// One gateway fed one schedule, and what it answered.
private struct MixedRun {
    let harness: GatewayHarness
    let answers: [DeliveryAnswer]
    /// `/v1/access` for every customer and course, asked with each customer's last spelling.
    let accessAnswers: [AccessAnswer]

    struct AccessAnswer {
        let spelling: String
        let course: String
        let status: String?
        let access: Bool?
    }

    static func start(_ schedule: Schedule) async throws -> MixedRun {
        let harness = try await GatewayHarness.make(mappingText: Shop.mappingText, registry: .standard,
                                                    environment: Shop.environment)
        let authorization = try await harness.authorization()
        let (answers, accessAnswers) = try await harness.gateway.application.test(.ahc(.http)) { client in
            var answers: [DeliveryAnswer] = []
            for wave in schedule.waves {
                answers += try await MixedDelivery.postConcurrently(wave, with: client)
            }
            var accessAnswers: [AccessAnswer] = []
            for buyer in Shop.buyers {
                let spelling = buyer.spellings.last ?? buyer.email
                for course in Shop.courses {
                    let answer = try await ThriveCartGateway.access(email: spelling, course: course,
                                                                    authorization: authorization, with: client)
                    accessAnswers.append(AccessAnswer(spelling: spelling, course: course, status: answer["status"] as? String,
                                                      access: answer["access"] as? Bool))
                }
            }
            return (answers, accessAnswers)
        }
        return MixedRun(harness: harness, answers: answers, accessAnswers: accessAnswers)
    }
}

/// What a store holds about one customer of the shop after a run.
private struct CustomerOutcome {
    let id: Int64
    let storedEmail: String
    /// The customer each spelling of their email finds.
    let idBySpelling: [String: Int64]
    let access: [String: AccessState]
    let facts: Set<FactKey>

    /// Every fact of the shop's customers, in the order the store recorded them.
    static func storedFacts(_ store: SQLiteStore) async throws -> [StoredFact] {
        var facts: [StoredFact] = []
        for buyer in Shop.buyers {
            guard let record = try await store.customer(email: buyer.email) else { continue }
            facts += try await store.facts(customerID: record.id)
        }
        return facts.sorted { $0.sequence < $1.sequence }
    }

    /// The shop's customers as `store` holds them, by normalised email.
    static func read(_ store: SQLiteStore) async throws -> [String: CustomerOutcome] {
        var customers: [String: CustomerOutcome] = [:]
        for buyer in Shop.buyers {
            guard let record = try await store.customer(email: buyer.email) else { continue }
            var ids: [String: Int64] = [:]
            for spelling in buyer.spellings {
                ids[spelling] = try await store.customer(email: spelling)?.id
            }
            let access = try await store.access(customerID: record.id)
            let facts = try await store.facts(customerID: record.id)
            customers[buyer.email] = CustomerOutcome(
                id: record.id, storedEmail: record.email, idBySpelling: ids,
                access: Dictionary(access.map { ($0.course, $0.state) }, uniquingKeysWith: { first, _ in first }),
                facts: Set(facts.map(\.fact.key)))
        }
        return customers
    }
}
