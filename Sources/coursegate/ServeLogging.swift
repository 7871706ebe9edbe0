import Logging

/// Logging for `coursegate serve`: to standard error, so standard output carries only what
/// the operator must read (URLs, the first key).
enum ServeLogging {
    static func bootstrap(level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "coursegate")
        logger.logLevel = level
        return logger
    }
}
