import AccessKernel
import AccessStore
import Foundation
import Hummingbird

extension AdminPages {
    /// The customer list with search, paging and active counts per course; adding a customer.
    func addCustomers(to router: Router<BasicRequestContext>) {
        page(router, "/admin/customers") { visit in
            let desk = try supportDesk()
            let query = visit.query("q") ?? ""
            let found = try await desk.search(query, limit: Self.pageSize, cursor: visit.query("after"))
            let counts = try await desk.activeCounts()
            let courses = desk.mapping.mapping.courses
            let customers: [[String: Any]] = found.items.map { customer in
                ["id": customer.id, "email": customer.email, "name": customer.name.map { $0 as Any } ?? false,
                 "courses": customer.activeCourses.map { courses[$0]?.title ?? $0 }.joined(separator: ", "),
                 "created": AdminFormat.day(customer.createdAt)]
            }
            var next: String?
            if let cursor = found.next {
                next = "/admin/customers?" + AdminFormat.query(["q": query, "after": cursor])
            }
            return render("admin/customers", [
                "q": query, "customers": customers, "none": customers.isEmpty, "next": next as Any,
                "first": visit.query("after") == nil ? false : "/admin/customers?" + AdminFormat.query(["q": query]),
                "courses": courses.values.sorted { $0.id < $1.id }.map { course -> [String: Any] in
                    ["id": course.id, "title": course.title, "active": counts[course.id] ?? 0]
                },
            ], visit: visit, title: "Customers", nav: "customers")
        }
        page(router, "/admin/customers/new") { visit in
            let desk = try supportDesk()
            return render("admin/new-customer", AdminChoices(desk.mapping.mapping, active: []).data,
                          visit: visit, title: "Add a customer", nav: "customers")
        }
        action(router, "/admin/customers", back: { _ in "/admin/customers/new" }) { visit in
            let desk = try supportDesk()
            guard let email = visit.form["email"] else { throw SupportError(.invalid, "enter the customer's email", field: "email") }
            let selection = try AdminChoices.selection(from: visit.form)
            let expires = try AdminFormat.date(visit.form["expires_at"], field: "expires_at")
            let added = try await desk.addCustomer(name: visit.form["name"], email: email, selection: selection,
                                                   expiresAt: expires, by: visit.actor)
            let what = added.created ? "Added \(email)" : "\(email) was a customer already: added to them"
            return ("/admin/customers/\(added.customerID)", "\(what); \(AdminFormat.changes(added.changes))")
        }
    }
}
