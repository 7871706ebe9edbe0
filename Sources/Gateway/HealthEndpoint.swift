import Hummingbird

/// `GET /health`: 200 `{"status":"ok"}` while the server is up; the body is built once.
struct HealthEndpoint: Sendable {
    private let answer: Response = {
        var body = JSONObject()
        body.field("status", "ok")
        return body.response(status: .ok)
    }()

    func add(to router: Router<BasicRequestContext>) {
        let answer = self.answer
        router.get("/health") { _, _ in answer }
        router.head("/health") { _, _ in Response(status: .ok) }
    }
}
