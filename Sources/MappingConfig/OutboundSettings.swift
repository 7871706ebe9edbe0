import AccessKernel

/// The mapping file's `sinks`, `mail` and `delivery` sections: where Coursegate tells the
/// outside world what changed. Secrets stay references (`env:NAME`) until start-up.
public struct OutboundSettings: Sendable, Hashable {
    /// Course sites (or anything else) that receive signed access events.
    public var sinks: [Sink] = []
    /// The mail server and sender; no mail is sent without it.
    public var mail: Mail?
    /// How many attempts a delivery gets before it is dead (`delivery.max_attempts`).
    public var maxAttempts = 10
    /// How many deliveries run at once (`delivery.concurrency`).
    public var concurrency = 4
    /// Seconds to wait after the first, second, … failed attempt (`delivery.retry_schedule`);
    /// `nil` keeps the standard schedule (5 s, 5 min, 30 min, 2 h, … 24 h).
    public var retrySchedule: [Int]?

    public init() {}

    /// One receiver of signed events.
    public struct Sink: Sendable, Hashable {
        public var name: String
        public var url: String
        /// `env:NAME` or a literal `whsec_…` secret; several separated by spaces while rotating.
        public var secret: String
    }

    /// The SMTP server welcome and sign-in mails go through.
    public struct Mail: Sendable, Hashable {
        /// `smtp://host:port` (STARTTLS) or `smtps://host:port`.
        public var server: String
        /// The `From:` address, `Name <address>` or a bare address.
        public var from: String
        public var username: String?
        public var password: String?
        /// Whether STARTTLS is required on `smtp://` (true unless `tls: optional`).
        public var requireTLS = true
        /// The welcome mail of courses that have none of their own.
        public var welcome = MessageTemplate(
            subject: "Welcome to {{course_title}}",
            body: """
                Hi {{first_name}},

                thank you for your purchase. You now have access to {{course_title}}.
                Sign in here: {{login_url}}

                Use {{email}} to sign in.
                """)
    }

    /// What the store writes to the outbox under these settings.
    public var sinkNames: [String] { sinks.map(\.name) }
}
