/// The shape class-validator's `@IsEmail()` accepts by default, simplified: a dot-atom local part,
/// an `@`, and a domain of at least two labels ending in a top-level domain of two or more letters.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        return isValidLocalPart(local) && isValidDomain(domain)
    }

    private static let localSymbols = Set("!#$%&'*+-/=?^_`{|}~")

    private static func isValidLocalPart(_ local: Substring) -> Bool {
        // validator.js counts bytes, so combining marks cannot stretch a local part past 64.
        guard (1...64).contains(local.utf8.count) else { return false }
        return local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { $0.isLetter || $0.isNumber || localSymbols.contains($0) }
        }
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard domain.utf8.count <= 253, labels.count >= 2, let topLevel = labels.last,
            topLevel.count >= 2, topLevel.allSatisfy(\.isLetter)
        else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }
}
