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
            throw .invalidData(problems.joined(separator: ", "))
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

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
