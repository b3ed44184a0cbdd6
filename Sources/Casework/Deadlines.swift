import Foundation

extension Engine {
    /// The deadlines of a case as of `context.today`.
    public static func deadlines(for file: CaseFile, context: CaseContext) -> [Deadline] {
        []
    }
}
