import AccessKernel
import AccessStore
import Foundation
import Gateway
import Testing

/// The error a support operation fails with, or `nil` when it succeeds.
func supportFailure<T>(_ operation: () async throws -> T) async -> SupportError? {
    do {
        _ = try await operation()
        return nil
    } catch let error as SupportError {
        return error
    } catch {
        return SupportError(.provider, "not a support error: \(error)")
    }
}

/// Editing access: set the courses and products a customer has, add customers, revoke,
/// restore and set expiry, each recorded as an admin fact with its actor.
@Suite struct SupportAccessTests {
    static let ann = "ann@example.com"
    static let watercolourProduct = ProductChoice(instance: "tc-main", kind: .product, productID: "12")
    static let bundle = ProductChoice(instance: "shop", kind: .bundle, productID: "880")

    /// A customer Ann with watercolour, added by support.
    private static func withAnn() async throws -> (SupportChangeFixture, Int64) {
        let fixture = try await SupportChangeFixture()
        let added = try await fixture.desk.addCustomer(name: "Ann", email: ann, selection: AccessSelection(courses: ["watercolour"]),
                                                       expiresAt: nil, by: "support")
        return (fixture, added.customerID)
    }

    @Test func settingAccessGrantsWhatIsMissingAndRevokesWhatIsNotSelected() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let changes = try await fixture.desk.setAccess(customerID: ann, to: AccessSelection(courses: ["masterclass"], products: [Self.bundle]),
                                                       by: "support")
        #expect(changes == [
            AccessChange(course: "copperplate", before: "none", after: "active"),
            AccessChange(course: "lettering-club", before: "none", after: "active"),
            AccessChange(course: "masterclass", before: "none", after: "active"),
            AccessChange(course: "watercolour", before: "active", after: "revoked"),
        ])
        #expect(try await fixture.status(ann, "watercolour") == .revoked(.manual(message: nil)))
        #expect(try await fixture.store.accessStatus(email: Self.ann, course: "watercolour").status == .revoked(.manual(message: nil)))
    }

    @Test func aProductIsGrantedAsTheProductSoItIsTheSource() async throws {
        let (fixture, ann) = try await Self.withAnn()
        _ = try await fixture.desk.setAccess(customerID: ann, to: AccessSelection(courses: ["watercolour"], products: [Self.bundle]),
                                             by: "support")
        let grants = try await fixture.adminActions(ann).compactMap { entry -> GrantTarget? in
            if case .grant(let target, _) = entry.action.action { target } else { nil }
        }
        #expect(grants.contains(.item(instance: "shop", key: ItemKey(.bundle, "880"))))
        #expect(grants.filter { $0 == .course("watercolour") }.count == 1, "watercolour was active already and is not granted again")
    }

    @Test func settingTheSameSelectionTwiceChangesNothingTheSecondTime() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let selection = AccessSelection(courses: ["masterclass"], products: [Self.watercolourProduct, Self.bundle])
        let first = try await fixture.desk.setAccess(customerID: ann, to: selection, by: "support")
        let facts = try await fixture.store.facts(customerID: ann).count
        let second = try await fixture.desk.setAccess(customerID: ann, to: selection, by: "support")
        #expect(!first.isEmpty)
        #expect(second.isEmpty)
        #expect(try await fixture.store.facts(customerID: ann).count == facts, "nothing was recorded")
    }

    @Test func aCourseRevokedBySettingAccessComesBackWhenSelectedAgain() async throws {
        let (fixture, ann) = try await Self.withAnn()
        _ = try await fixture.desk.setAccess(customerID: ann, to: AccessSelection(), by: "support")
        let changes = try await fixture.desk.setAccess(customerID: ann, to: AccessSelection(courses: ["watercolour"]), by: "support")
        #expect(changes == [AccessChange(course: "watercolour", before: "revoked", after: "active")])
    }

    @Test func everyActionIsRecordedWithItsActor() async throws {
        let (fixture, ann) = try await Self.withAnn()
        _ = try await fixture.desk.setAccess(customerID: ann, to: AccessSelection(courses: ["masterclass"]), by: "key:helpdesk")
        _ = try await fixture.desk.setExpiry(customerID: ann, course: "masterclass", at: Date().addingTimeInterval(86_400), by: "cli")
        let actions = try await fixture.adminActions(ann)
        #expect(actions.map(\.action.actor) == ["support", "key:helpdesk", "key:helpdesk", "cli"])
        #expect(actions.map(\.action.action.name) == ["grant", "grant", "revoke", "set_expiry"])
        #expect(actions.allSatisfy { $0.instance == .admin && $0.key.rawValue.hasPrefix("admin:") })
        #expect(Set(actions.map(\.key)).count == actions.count, "each action has a key of its own")
    }

    @Test func invalidSelectionsNameTheirField() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let unknown = await supportFailure {
            try await fixture.desk.setAccess(customerID: ann, to: AccessSelection(courses: ["watercolour", "studio", "pottery"]), by: "t")
        }
        #expect(unknown?.kind == .invalid)
        #expect(unknown?.field == "courses[2]")
        let draft = await supportFailure {
            try await fixture.desk.setAccess(customerID: ann, to: AccessSelection(courses: ["drafts"]), by: "t")
        }
        #expect(draft?.kind == .invalid)
        #expect(draft?.field == "courses[0]")
        let unrouted = await supportFailure {
            try await fixture.desk.setAccess(customerID: ann, to: AccessSelection(products: [
                Self.bundle, ProductChoice(instance: "tc-main", kind: .upsell, productID: "99"),
            ]), by: "t")
        }
        #expect(unrouted?.kind == .invalid)
        #expect(unrouted?.field == "products[1]")
        let noInstance = await supportFailure {
            try await fixture.desk.addCustomer(name: nil, email: "bo@example.com", selection: AccessSelection(products: [
                ProductChoice(instance: "elsewhere", kind: .product, productID: "12"),
            ]), expiresAt: nil, by: "t")
        }
        #expect(noInstance?.field == "products[0]")
        #expect(try await fixture.store.customer(email: "bo@example.com") == nil, "a refused add creates nobody")
    }

    @Test func anUnknownCustomerIsNotFound() async throws {
        let fixture = try await SupportChangeFixture()
        #expect(await supportFailure { try await fixture.desk.setAccess(customerID: 42, to: AccessSelection(), by: "t") }?.kind == .notFound)
        #expect(await supportFailure { try await fixture.desk.revoke(customerID: 42, course: "watercolour", message: nil, by: "t") }?.kind
                == .notFound)
        #expect(await supportFailure { try await fixture.desk.restore(customerID: 42, course: "watercolour", by: "t") }?.kind == .notFound)
        #expect(await supportFailure { try await fixture.desk.setExpiry(customerID: 42, course: "watercolour", at: nil, by: "t") }?.kind
                == .notFound)
    }

    // MARK: Adding customers

    @Test func aNewCustomerIsCreatedGrantedAndSentTheWelcomeMail() async throws {
        let fixture = try await SupportChangeFixture()
        let added = try await fixture.desk.addCustomer(name: "Bo Lind", email: "Bo@Example.com",
                                                       selection: AccessSelection(products: [Self.watercolourProduct]),
                                                       expiresAt: nil, by: "support")
        #expect(added.created)
        #expect(added.changes == [AccessChange(course: "watercolour", before: "none", after: "active")])
        let customer = try #require(try await fixture.store.customer(id: added.customerID))
        #expect(customer.email == "bo@example.com")
        #expect(customer.name == "Bo Lind")
        #expect(try await fixture.outboxTopics(added.customerID) == ["customer.created", "access.granted", "mail.welcome"])
    }

    @Test func anExistingEmailAddsToThatCustomerWithoutAWelcomeMail() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let before = try await fixture.outboxTopics(ann)
        let added = try await fixture.desk.addCustomer(name: "Ann", email: "ANN@example.com",
                                                       selection: AccessSelection(courses: ["watercolour", "studio"]),
                                                       expiresAt: nil, by: "support")
        #expect(added.customerID == ann)
        #expect(!added.created)
        #expect(added.changes == [AccessChange(course: "studio", before: "none", after: "active")])
        #expect(try await fixture.outboxTopics(ann) == before + ["access.granted"], "no second welcome mail")
    }

    @Test func aFormerEmailAddsToItsCustomer() async throws {
        let (fixture, ann) = try await Self.withAnn()
        _ = try await fixture.desk.changeDetails(customerID: ann, name: nil, email: "ann@new.example", by: "support")
        let added = try await fixture.desk.addCustomer(name: nil, email: Self.ann, selection: AccessSelection(courses: ["studio"]),
                                                       expiresAt: nil, by: "support")
        #expect(added.customerID == ann)
        #expect(!added.created)
    }

    @Test func addingTheSamePersonTwiceChangesNothing() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let facts = try await fixture.store.facts(customerID: ann).count
        let again = try await fixture.desk.addCustomer(name: "Ann", email: Self.ann, selection: AccessSelection(courses: ["watercolour"]),
                                                       expiresAt: nil, by: "support")
        #expect(again.changes.isEmpty)
        #expect(try await fixture.store.facts(customerID: ann).count == facts)
    }

    @Test func aCustomerAddedWithoutCoursesIsStillCreated() async throws {
        let fixture = try await SupportChangeFixture()
        let added = try await fixture.desk.addCustomer(name: "Cy", email: "cy@example.com", selection: AccessSelection(),
                                                       expiresAt: nil, by: "support")
        #expect(added.created)
        #expect(added.changes.isEmpty)
        #expect(try await fixture.store.customer(id: added.customerID)?.name == "Cy")
    }

    @Test func anExpiryGivenWhenAddingEndsTheGrant() async throws {
        let fixture = try await SupportChangeFixture()
        let end = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 30 * 86_400).rounded(.down))
        let added = try await fixture.desk.addCustomer(name: nil, email: "dee@example.com", selection: AccessSelection(courses: ["studio"]),
                                                       expiresAt: end, by: "support")
        #expect(added.changes == [AccessChange(course: "studio", before: "none", after: "active", expiresAt: end)])
        #expect(try await fixture.status(added.customerID, "studio") == .active(until: end))
        let past = await supportFailure {
            try await fixture.desk.addCustomer(name: nil, email: "eve@example.com", selection: AccessSelection(courses: ["studio"]),
                                               expiresAt: Date().addingTimeInterval(-60), by: "support")
        }
        #expect(past?.field == "expires_at")
    }

    @Test func anInvalidEmailIsRefusedNamingTheField() async throws {
        let fixture = try await SupportChangeFixture()
        let error = await supportFailure {
            try await fixture.desk.addCustomer(name: "X", email: "not-an-email", selection: AccessSelection(), expiresAt: nil, by: "t")
        }
        #expect(error?.kind == .invalid)
        #expect(error?.field == "email")
    }

    // MARK: Revoke, restore, expiry

    @Test func revokingTakesTheCourseAwayWithTheMessageAndRestoreBringsItBack() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let revoked = try await fixture.desk.revoke(customerID: ann, course: "watercolour", message: "Write to help@school.example",
                                                    by: "support")
        #expect(revoked == [AccessChange(course: "watercolour", before: "active", after: "revoked")])
        #expect(try await fixture.store.accessStatus(email: Self.ann, course: "watercolour").status
                == .revoked(.manual(message: "Write to help@school.example")))
        #expect(try await fixture.desk.store.activeCounts()["watercolour", default: 0] == 0)

        let restored = try await fixture.desk.restore(customerID: ann, course: "watercolour", by: "support")
        #expect(restored == [AccessChange(course: "watercolour", before: "revoked", after: "active")])
        #expect(try await fixture.status(ann, "watercolour") == .active(until: nil))
        #expect(try await fixture.outboxTopics(ann).suffix(2) == ["access.revoked", "access.restored"])
    }

    @Test func revokingACourseTheCustomerNeverHadIsNotFound() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let error = await supportFailure { try await fixture.desk.revoke(customerID: ann, course: "studio", message: nil, by: "t") }
        #expect(error?.kind == .notFound)
    }

    @Test func restoringACourseThatIsNotRevokedIsAConflictAndRecordsNothing() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let facts = try await fixture.store.facts(customerID: ann).count
        let error = await supportFailure { try await fixture.desk.restore(customerID: ann, course: "watercolour", by: "t") }
        #expect(error?.kind == .conflict)
        #expect(try await fixture.store.facts(customerID: ann).count == facts)
        #expect(await supportFailure { try await fixture.desk.restore(customerID: ann, course: "studio", by: "t") }?.kind == .notFound)
    }

    @Test func expiryIsSetChangedAndRemoved() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let first = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 10 * 86_400).rounded(.down))
        let later = first.addingTimeInterval(20 * 86_400)
        #expect(try await fixture.desk.setExpiry(customerID: ann, course: "watercolour", at: first, by: "t")
                == [AccessChange(course: "watercolour", before: "active", after: "active", expiresAt: first)])
        #expect(try await fixture.desk.setExpiry(customerID: ann, course: "watercolour", at: later, by: "t")
                == [AccessChange(course: "watercolour", before: "active", after: "active", expiresAt: later)])
        #expect(try await fixture.status(ann, "watercolour") == .active(until: later))
        #expect(try await fixture.desk.setExpiry(customerID: ann, course: "watercolour", at: nil, by: "t")
                == [AccessChange(course: "watercolour", before: "active", after: "active")])
        #expect(try await fixture.status(ann, "watercolour") == .active(until: nil))
    }

    @Test func anExpiryInThePastEndsTheAccessNow() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let changes = try await fixture.desk.setExpiry(customerID: ann, course: "watercolour", at: Date().addingTimeInterval(-1), by: "t")
        #expect(changes.map(\.after) == ["expired"])
        #expect(await supportFailure { try await fixture.desk.setExpiry(customerID: ann, course: "studio", at: nil, by: "t") }?.kind
                == .notFound)
    }
}
