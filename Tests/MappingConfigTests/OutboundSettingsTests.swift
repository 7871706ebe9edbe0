import AccessKernel
import MappingConfig
import Testing

@Suite("Mapping file: sinks, mail and delivery")
struct OutboundSettingsTests {
    @Test("sinks, mail and delivery are read with their values")
    func sectionsParse() throws {
        let file = try MappingFile.parse(OutboundMapping.text, path: "m.yaml", kinds: ExampleMapping.kinds)
        let outbound = file.outbound
        #expect(outbound.sinkNames == ["course-site", "backup"])
        #expect(outbound.sinks.map(\.url) == ["https://school.example.com/events", "http://localhost:9000/hook"])
        #expect(outbound.sinks.map(\.secret) == ["env:SITE_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])

        let mail = try #require(outbound.mail)
        #expect(mail.server == "smtps://smtp.example.com:465")
        #expect(mail.from == "School <team@school.example.com>")
        #expect(mail.username == "env:SMTP_USERNAME" && mail.password == "env:SMTP_PASSWORD")
        #expect(mail.requireTLS == false)
        #expect(mail.welcome == MessageTemplate(subject: "Welcome, {{first_name}}", body: "See you in {{course_title}}."))

        #expect(outbound.maxAttempts == 3)
        #expect(outbound.concurrency == 2)
        #expect(outbound.retrySchedule == [1, 60, 3600])
    }

    @Test("a course's own welcome mail and an instance's api_url are read")
    func courseWelcomeAndAPIURL() throws {
        let mapping = try MappingFile.parse(OutboundMapping.text, path: "m.yaml", kinds: ExampleMapping.kinds).mapping
        #expect(mapping.courses["web"]?.welcome == MessageTemplate(subject: "You're in: {{course_title}}", body: "Sign in at {{login_url}}"))
        #expect(mapping.courses["css"]?.welcome == nil)
        #expect(mapping.instances["tc"]?.apiURL == "http://127.0.0.1:8099/thrivecart")
    }

    @Test("unset env: secrets of sinks and mail are warnings, not errors")
    func unsetSecretsWarn() throws {
        let file = try MappingFile.parse(OutboundMapping.text, path: "m.yaml", kinds: ExampleMapping.kinds,
                                         environment: ["SMTP_USERNAME": "u"])
        let warned = Set(file.warnings.map(\.key))
        #expect(warned.isSuperset(of: ["sinks.course-site.secret", "mail.password"]))
        #expect(!warned.contains("mail.username") && !warned.contains("sinks.backup.secret"))
    }

    @Test("without the sections nothing is sent, and given sections default what they leave out")
    func defaults() throws {
        let bare = try MappingFile.parse(OutboundMapping.base, path: "m.yaml", kinds: ExampleMapping.kinds).outbound
        #expect(bare == OutboundSettings())
        #expect(bare.sinks.isEmpty && bare.mail == nil)
        #expect(bare.maxAttempts == 10 && bare.concurrency == 4 && bare.retrySchedule == nil)

        let text = OutboundMapping.base + """
            mail:
              server: smtp://smtp.example.com:587
              from: team@school.example.com
            delivery:
              concurrency: 8
            """
        let outbound = try MappingFile.parse(text, path: "m.yaml", kinds: ExampleMapping.kinds).outbound
        let mail = try #require(outbound.mail)
        #expect(mail.requireTLS && mail.username == nil && mail.password == nil)
        #expect(mail.welcome.subject == "Welcome to {{course_title}}")
        #expect(mail.welcome.body.contains("{{login_url}}"))
        #expect(outbound.concurrency == 8 && outbound.maxAttempts == 10 && outbound.retrySchedule == nil)
    }

    @Test("a sink without a secret is rejected at the sink's line")
    func sinkWithoutSecret() throws {
        let text = OutboundMapping.editing("    secret: env:SITE_SECRET\n", "")
        try OutboundMapping.expectRejected(text, key: "sinks.course-site", at: "  course-site:", saying: "needs url and secret")
    }

    @Test("a sink URL that is not http(s) is rejected at its line")
    func sinkURLScheme() throws {
        let text = OutboundMapping.editing("url: https://school.example.com/events", "url: ftp://school.example.com/events")
        try OutboundMapping.expectRejected(text, key: "sinks.course-site.url", at: "ftp://school", saying: "http:// or https://")
    }

    @Test("a literal sink secret that is not whsec_ is rejected")
    func literalSecretNotWhsec() throws {
        let text = OutboundMapping.editing("secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "secret: hunter2")
        try OutboundMapping.expectRejected(text, key: "sinks.backup.secret", at: "secret: hunter2", saying: "whsec_")
    }

    @Test("a mail server that is not smtp:// or smtps:// is rejected at its line")
    func mailServerScheme() throws {
        let text = OutboundMapping.editing("server: smtps://smtp.example.com:465", "server: https://smtp.example.com")
        try OutboundMapping.expectRejected(text, key: "mail.server", at: "server: https://smtp", saying: "smtp:// or smtps://")
    }

    @Test("a mail section without from is rejected, located in the mail section")
    func mailWithoutFrom() throws {
        let text = OutboundMapping.editing("  from: School <team@school.example.com>\n", "")
        // The section's place is its first line, as for the other sections.
        try OutboundMapping.expectRejected(text, key: "mail", at: "  server: smtps://", saying: "needs server and from")
    }

    @Test("a tls value other than required or optional is rejected at its line")
    func badTLS() throws {
        let text = OutboundMapping.editing("tls: optional", "tls: sometimes")
        try OutboundMapping.expectRejected(text, key: "mail.tls", at: "tls: sometimes", saying: "unknown value sometimes")
    }

    @Test("a retry schedule that is not a list is rejected at its line")
    func retryScheduleNotList() throws {
        let text = OutboundMapping.editing("retry_schedule: [1, 60, 3600]", "retry_schedule: 60")
        try OutboundMapping.expectRejected(text, key: "delivery.retry_schedule", at: "retry_schedule: 60", saying: "list of seconds")
    }

    @Test("a retry schedule with a wait of 0 is rejected naming the entry")
    func retryScheduleZero() throws {
        let text = OutboundMapping.editing("retry_schedule: [1, 60, 3600]", "retry_schedule: [1, 0, 3600]")
        try OutboundMapping.expectRejected(text, key: "delivery.retry_schedule[1]", at: "retry_schedule: [1, 0",
                                           saying: "above 0")
    }

    @Test("an unknown key under a sink is rejected at its line")
    func unknownSinkKey() throws {
        let text = OutboundMapping.editing("    secret: env:SITE_SECRET\n", "    secret: env:SITE_SECRET\n    headers: x\n")
        try OutboundMapping.expectRejected(text, key: "sinks.course-site.headers", at: "headers: x", saying: "unknown key headers")
    }

    @Test("the shipped example still checks, and its commented-out sections are valid when uncommented")
    func example() throws {
        let file = try MappingFile.load(path: ExampleMapping.path, kinds: ExampleMapping.kinds, environment: [:])
        #expect(file.mapping.courses["web-basics"]?.welcome?.subject == "You're in: {{course_title}}")

        let uncommented = OutboundMapping.uncommentingOutbound(ExampleMapping.text)
        #expect(uncommented != ExampleMapping.text)
        let outbound = try MappingFile.parse(uncommented, path: "example.yaml", kinds: ExampleMapping.kinds).outbound
        #expect(outbound.sinkNames == ["course-site"])
        #expect(outbound.mail?.server == "smtp://smtp.example.com:587")
        #expect(outbound.maxAttempts == 10 && outbound.concurrency == 4)
        #expect(outbound.retrySchedule?.first == 5)
    }
}

/// A small mapping with every outbound section, and ways to break it.
enum OutboundMapping {
    /// Courses, an instance and a route: valid on its own, with no outbound sections.
    static let base = """
        courses:
          web:
            title: Web
            published: true
            welcome:
              subject: "You're in: {{course_title}}"
              body: "Sign in at {{login_url}}"
          css:
            title: CSS
            published: true
        instances:
          tc:
            kind: thrivecart
            secrets: {secret: s}
            api_url: http://127.0.0.1:8099/thrivecart
        routes:
          - instance: tc
            product: "1"
            courses: [web, css]

        """

    static let text = base + """
        sinks:
          course-site:
            url: https://school.example.com/events
            secret: env:SITE_SECRET
          backup:
            url: http://localhost:9000/hook
            secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
        mail:
          server: smtps://smtp.example.com:465
          from: School <team@school.example.com>
          username: env:SMTP_USERNAME
          password: env:SMTP_PASSWORD
          tls: optional
          welcome:
            subject: "Welcome, {{first_name}}"
            body: "See you in {{course_title}}."
        delivery:
          max_attempts: 3
          concurrency: 2
          retry_schedule: [1, 60, 3600]
        """

    static func editing(_ original: String, _ replacement: String) -> String {
        ExampleMapping.editing(text, original, replacement)
    }

    /// Expects `text` to be rejected with an issue for `key`, on the line holding `needle`,
    /// whose message contains `fragment` and which prints as `file:line…`.
    static func expectRejected(_ text: String, key: String, at needle: String, saying fragment: String,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let rejection = try #require(throws: MappingRejection.self, sourceLocation: sourceLocation) {
            try MappingFile.parse(text, path: "bad.yaml", kinds: ExampleMapping.kinds)
        }
        let issue = try #require(rejection.issues.first { $0.key == key },
                                 "no issue for \(key) in \(rejection.issues.map(\.description))", sourceLocation: sourceLocation)
        let line = try #require(ExampleMapping.line(of: needle, in: text), sourceLocation: sourceLocation)
        #expect(issue.line == line, "\(issue)", sourceLocation: sourceLocation)
        #expect(issue.message.contains(fragment), "\(issue)", sourceLocation: sourceLocation)
        #expect(issue.description.hasPrefix("bad.yaml:\(line):"), sourceLocation: sourceLocation)
        #expect(rejection.description.contains(issue.description), sourceLocation: sourceLocation)
    }

    /// The example with its commented-out `sinks:`, `mail:` and `delivery:` blocks made live.
    static func uncommentingOutbound(_ example: String) -> String {
        var inBlock = false
        return example.components(separatedBy: "\n").map { line in
            if ["# sinks:", "# mail:", "# delivery:"].contains(line) {
                inBlock = true
                return String(line.dropFirst(2))
            }
            if inBlock, line.hasPrefix("#   ") { return String(line.dropFirst(2)) }
            inBlock = false
            return line
        }.joined(separator: "\n")
    }
}
