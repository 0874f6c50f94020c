import Foundation

public enum MedusaRequestDecoder {
    /// Decodes and validates a JSON request body. An empty body counts as `{}`, as Express's
    /// `bodyParser.json()` leaves it. Every problem is an `invalid_data` error whose message joins
    /// Medusa-style messages with ", ".
    public static func decode<Body: MedusaRequestBody>(
        _ type: Body.Type, from data: Data
    ) throws(MedusaError) -> Body {
        var fields = MedusaRequestFields(try members(of: data))
        let body = Body(fields: &fields)
        let problems = fields.problems
        guard problems.isEmpty else {
            throw .invalidData(describe(problems))
        }
        return body
    }

    private static func members(of data: Data) throws(MedusaError) -> JSONObject {
        guard data.contains(where: { !isJSONWhitespace($0) }) else { return [:] }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .invalidData("The request body is not valid JSON")
        }
        guard case .object(let members) = value else {
            // class-validator's message when it is handed something other than an object.
            throw .invalidData("an unknown value was passed to the validate function")
        }
        return members
    }

    /// Medusa lists every problem; past `maxListed` the rest are counted, so a body of thousands of unknown
    /// properties cannot make an answer larger than itself.
    static func describe(_ problems: [String]) -> String {
        guard problems.count > maxListed else { return problems.joined(separator: ", ") }
        return problems.prefix(maxListed).joined(separator: ", ") + ", and \(problems.count - maxListed) more problems"
    }

    static let maxListed = 20

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
