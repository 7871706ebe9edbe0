import AccessStore
import Foundation
import Hummingbird
import MappingConfig

extension AdminAPI {
    /// The largest mapping file `POST /v1/mapping/diff` reads.
    static let maxMappingSize = 8 << 20

    /// The mapping in force, reloading it, and what another one would change.
    var mappingRoutes: [AdminRoute] {
        [
            AdminRoute(.get, "/v1/mapping", scope: .read) { _ in
                try AdminJSON.response(mappingBody())
            },
            AdminRoute(.post, "/v1/mapping/reload", scope: .admin) { _ in
                guard let reloader else { throw SupportError(.unsupported, "this gateway's store cannot record mapping changes") }
                switch await reloader.reloadFile() {
                case .applied:
                    return try AdminJSON.response(mappingBody())
                case .rejected(let rejection):
                    return try AdminJSON.response(MappingRefusalBody(
                        code: "mapping_rejected",
                        message: "the mapping was not reloaded (\(rejection.issues.count) problems); version \(mapping.id) keeps serving",
                        issues: rejection.issues.map(IssueBody.init)), status: .unprocessableContent)
                }
            },
            AdminRoute(.post, "/v1/mapping/diff", scope: .admin) { request in
                guard let changes = store as? any MappingChanges else {
                    throw SupportError(.unsupported, "this gateway's store cannot compute mapping diffs")
                }
                let limit = try request.limit(default: 20, maximum: 1000)
                let bytes = try await request.bytes(upTo: Self.maxMappingSize)
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw SupportError(.invalid, "the mapping is not UTF-8 text", field: "body")
                }
                let file: MappingFile
                do {
                    file = try MappingFile.parse(text, path: "request body", kinds: kinds)
                } catch let error as MappingRejection {
                    return try AdminJSON.response(MappingRefusalBody(
                        code: "mapping_rejected", message: "the mapping has \(error.issues.count) problems",
                        issues: error.issues.map(IssueBody.init)), status: .unprocessableContent)
                }
                let version = MappingVersion(id: -1, hash: file.hash, mapping: file.mapping)
                let diff = try await changes.diff(to: version, now: Date())
                return try AdminJSON.response(MappingDiffBody(
                    customersChecked: diff.customersChecked, customersChanging: diff.customers.count, gained: diff.gained,
                    lost: diff.lost, activeBefore: diff.activeBefore, lostShare: diff.lostShare, courses: diff.courses,
                    sample: Array(diff.customers.prefix(limit))))
            },
        ]
    }

    private func mappingBody() -> MappingBody {
        let current = live.current
        return MappingBody(id: current.version.id, hash: current.version.hash, path: current.file.path,
                           routes: current.version.mapping.routes.count, since: current.since,
                           lastRejection: live.lastRejection.map(RejectionBody.init))
    }
}

/// A refused mapping: the error JSON with every problem.
struct MappingRefusalBody: Encodable {
    var code: String
    var message: String
    var issues: [IssueBody]
}
