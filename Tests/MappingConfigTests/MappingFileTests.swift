import AccessKernel
import MappingConfig
import Testing

@Suite("Mapping file")
struct MappingFileTests {
    @Test("the shipped example is valid and uses every key kind of every provider")
    func exampleIsValid() throws {
        let file = try MappingFile.load(path: ExampleMapping.path, kinds: ExampleMapping.kinds, environment: [:])
        let mapping = file.mapping
        #expect(Set(mapping.instances.values.map(\.kind)) == ["thrivecart", "sendowl", "native_checkout"])
        let kinds = Set(mapping.routes.keys.map(\.kind))
        #expect(kinds == Set(ItemKind.allCases))
        #expect(mapping.routes.keys.contains { $0.pricingOption != nil && $0.productID != nil })
        #expect(mapping.routes.keys.contains { $0.productID == nil && $0.pricingOption != nil })
        #expect(file.hash.count == 64)
        // Unset env: secrets are warnings at check time, not errors.
        #expect(file.warnings.contains { $0.key == "instances.tc-main.secrets.secret" })
    }

    @Test("policies resolve route over instance over defaults over the provider kind")
    func policyLayers() throws {
        let mapping = try MappingFile.load(path: ExampleMapping.path, kinds: ExampleMapping.kinds, environment: [:]).mapping
        let plan = try #require(mapping.route(for: ItemKey(.product, "12", pricingOption: "3"), on: "tc-main"))
        let policies = mapping.policies(for: plan, on: "tc-main")
        #expect(policies.onCancel == .revokeNow)            // route
        #expect(policies.onPaymentFailed == .revokeAfterDays(7)) // instance
        #expect(policies.onDispute == .revoke)              // defaults
        #expect(mapping.instances["checkout"]?.policies.onRefund == .keep) // native checkout kind default
        #expect(mapping.instances["tc-second"]?.policies.onRefund == .revoke) // ThriveCart kind default
        #expect(mapping.instances["tc-second"]?.acceptsTestEvents == false)
    }

    @Test("a copy with five different mistakes is rejected naming all five with their lines")
    func fiveMistakes() throws {
        var text = ExampleMapping.text
        text = ExampleMapping.editing(text, "    courses: [bonus-toolkit]\n", "    courses: [bonus-tolkit]\n")
        text = ExampleMapping.editing(text, "    courses: [sandbox]\n", "    courses: [draft-course]\n")
        text = ExampleMapping.editing(text, "  - instance: tc-second\n", "  - instance: tc-third\n")
        text = ExampleMapping.editing(text, "      signing_key: env:SENDOWL_SIGNING_KEY\n", "")
        text = ExampleMapping.editing(text, "      on_pause: suspend             # suspend | keep\n",
                                      "      on_pause: freeze\n")
        let rejection = try #require(throws: MappingRejection.self) {
            try MappingFile.parse(text, path: "broken.yaml", kinds: ExampleMapping.kinds)
        }
        let messages = rejection.issues.map(\.description)
        #expect(rejection.issues.count == 5, "\(messages)")
        func issue(_ fragment: String) -> MappingIssue? { rejection.issues.first { $0.message.contains(fragment) } }
        #expect(issue("unknown course bonus-tolkit")?.line == ExampleMapping.line(of: "bonus-tolkit", in: text))
        #expect(issue("course draft-course is not published")?.line == ExampleMapping.line(of: "[draft-course]", in: text))
        #expect(issue("instance tc-third is not configured")?.line == ExampleMapping.line(of: "tc-third", in: text))
        #expect(issue("missing secret signing_key")?.key == "instances.shop.secrets.signing_key")
        #expect(issue("unknown value freeze")?.line == ExampleMapping.line(of: "on_pause: freeze", in: text))
        #expect(rejection.description.contains("broken.yaml:"))
    }

    @Test("the same key routed twice is rejected, naming the first route")
    func duplicateRoute() throws {
        let text = ExampleMapping.editing(ExampleMapping.text, "  - instance: tc-second\n    product: \"7\"\n",
                                          "  - instance: tc-main\n    upsell: \"2\"\n")
        let rejection = try #require(throws: MappingRejection.self) {
            try MappingFile.parse(text, path: "dup.yaml", kinds: ExampleMapping.kinds)
        }
        #expect(rejection.issues.count == 1)
        #expect(rejection.issues.first?.message.contains("already routed by routes[3]") == true)
    }

    @Test("a file without any published course is rejected")
    func noPublishedCourse() throws {
        let text = """
            courses:
              a: {title: A, published: false}
            instances:
              tc: {kind: thrivecart, secrets: {secret: s}}
            routes: []
            """
        let rejection = try #require(throws: MappingRejection.self) {
            try MappingFile.parse(text, path: "m.yaml", kinds: ExampleMapping.kinds)
        }
        #expect(rejection.issues.map(\.message).contains { $0.contains("no course is published") })
        #expect(rejection.issues.first?.line == 2)
    }

    @Test("unknown keys, bad values and YAML syntax errors are located")
    func locatedErrors() throws {
        let text = """
            courses:
              a: {title: A, published: true}
            instances:
              tc: {kind: thrivecart, secrets: {secret: s}}
              x: {kind: paypal}
            routes:
              - instance: tc
                product: "1"
                acess_days: 3
                courses: [a]
              - instance: tc
                product: "2"
                access_days: -1
                courses: [a]
            """
        let rejection = try #require(throws: MappingRejection.self) {
            try MappingFile.parse(text, path: "m.yaml", kinds: ExampleMapping.kinds)
        }
        #expect(rejection.issues.map(\.line) == [5, 9, 13])
        #expect(rejection.issues[0].message.contains("unknown provider kind paypal"))
        #expect(rejection.issues[1].message.contains("unknown key acess_days"))

        let syntax = try #require(throws: MappingRejection.self) {
            try MappingFile.parse("courses:\n  a: [unclosed\n", path: "s.yaml", kinds: ExampleMapping.kinds)
        }
        #expect(syntax.issues.first?.line != nil)
    }

    @Test("secrets resolve from the environment or stand as literals")
    func secrets() {
        #expect(SecretReference.resolve("env:X", environment: ["X": "v"]) == "v")
        #expect(SecretReference.resolve("env:X", environment: [:]) == nil)
        #expect(SecretReference.resolve("literal", environment: [:]) == "literal")
    }
}
