import Foundation
import Hummingbird
import Testing
@testable import Gateway

/// The admin pages' session pieces: hashed, expiring sessions; cookie flags; CSRF checks; forms.
@Suite struct AdminPagesSessionTests {
    @Test func sessionsAreFoundByTheirTokenButStoreOnlyItsHash() {
        let sessions = WebSessions()
        let (token, session) = sessions.start(subject: 7, name: "support")
        #expect(sessions.session(token: token)?.subject == 7)
        #expect(sessions.storedKeys == [RandomToken.hash(token)])
        #expect(!sessions.storedKeys.contains(token))
        #expect(session.csrf != token)
        #expect(sessions.session(token: "guess") == nil)
    }

    @Test func anExpiredSessionIsRefusedAndRemoved() {
        let sessions = WebSessions(lifetime: 60)
        let start = Date()
        let (token, _) = sessions.start(subject: 1, name: "a", now: start)
        #expect(sessions.session(token: token, now: start.addingTimeInterval(59)) != nil)
        #expect(sessions.session(token: token, now: start.addingTimeInterval(61)) == nil)
        #expect(sessions.count == 0)
    }

    @Test func signOutAndKeyRevocationEndSessions() {
        let sessions = WebSessions()
        let (first, _) = sessions.start(subject: 1, name: "a")
        let (second, _) = sessions.start(subject: 2, name: "b")
        sessions.end(token: first)
        sessions.end(subject: 2)
        #expect(sessions.session(token: first) == nil)
        #expect(sessions.session(token: second) == nil)
    }

    @Test func aFlashIsShownOnce() {
        let sessions = WebSessions()
        let (token, _) = sessions.start(subject: 1, name: "a")
        sessions.flash(token: token, .init("saved"))
        #expect(sessions.takeFlash(token: token)?.message == "saved")
        #expect(sessions.takeFlash(token: token) == nil)
    }

    @Test func theCSRFCheckRefusesMissingAndWrongTokens() {
        let token = RandomToken.make()
        #expect(RandomToken.matches(token, token))
        #expect(!RandomToken.matches(nil, token))
        #expect(!RandomToken.matches("", token))
        #expect(!RandomToken.matches(String(token.dropLast()) + "x", token))
        #expect(!RandomToken.matches("", ""))
    }

    @Test func theSessionCookieIsHttpOnlyStrictAndScopedToAdmin() {
        let cookie = WebCookie(name: "coursegate_admin", value: "abc", path: "/admin", secure: true).headerValue
        #expect(cookie == "coursegate_admin=abc; Path=/admin; HttpOnly; SameSite=Strict; Secure")
        #expect(WebCookie.deleting("coursegate_admin", path: "/admin", secure: false).headerValue.contains("Max-Age=0"))
    }

    @Test func cookiesAreSecureExceptOnPlainLoopback() {
        func request(_ authority: String, proto: String? = nil) -> Request {
            var head = HTTPRequest(method: .get, scheme: "http", authority: authority, path: "/admin")
            if let proto { head.headerFields[.init("X-Forwarded-Proto")!] = proto }
            return Request(head: head, body: RequestBody(buffer: ByteBuffer()))
        }
        #expect(!WebCookie.secure(for: request("127.0.0.1:8080")))
        #expect(!WebCookie.secure(for: request("localhost")))
        #expect(!WebCookie.secure(for: request("[::1]:8080")))
        #expect(WebCookie.secure(for: request("school.example.com")))
        #expect(WebCookie.secure(for: request("127.0.0.1:8080", proto: "https")))
    }

    @Test func formFieldsDecodeRepeatedNamesAndEscapes() {
        let form = FormFields("course=web-basics&course=css-mastery&name=Zo%C3%AB+M%C3%BCller&csrf=&q=a%26b")
        #expect(form.all("course") == ["web-basics", "css-mastery"])
        #expect(form["name"] == "Zoë Müller")
        #expect(form["csrf"] == nil)
        #expect(form["q"] == "a&b")
    }
}
