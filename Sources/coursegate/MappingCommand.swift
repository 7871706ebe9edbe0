import ArgumentParser
import Gateway
import MappingConfig

/// `coursegate mapping …`: work with mapping files.
struct MappingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping", abstract: "Check, diff, apply and roll back mapping files.",
        subcommands: [Check.self, Diff.self, Apply.self, Rollback.self, Status.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a mapping file and list every problem with its line.",
            discussion: "Exits 0 when the file can serve, 1 with every problem listed when it cannot.")

        @Argument(help: ArgumentHelp("The mapping file (YAML).", valueName: "FILE"))
        var file: String

        func run() async throws {
            do {
                let loaded = try MappingFile.load(path: file, kinds: AdapterRegistry.standard.kinds)
                let mapping = loaded.mapping
                for warning in loaded.warnings { print("warning: \(warning)") }
                print("""
                    \(file): OK — \(mapping.courses.count) courses (\(mapping.courses.values.filter(\.published).count) published), \
                    \(mapping.instances.count) provider instances, \(mapping.routes.count) routes; version \(loaded.hash.prefix(12))
                    """)
            } catch {
                printError(error.description)
                throw ExitCode.failure
            }
        }
    }
}

extension MappingFile {
    /// Loads the mapping file a command was given; exits 1 with every problem listed when it
    /// cannot be used.
    static func loadForCommand(path: String, registry: AdapterRegistry = .standard) throws -> MappingFile {
        do {
            return try MappingFile.load(path: path, kinds: registry.kinds)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleOutput.standardError(string)
    }
}
