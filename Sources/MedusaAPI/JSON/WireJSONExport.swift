// `JSONValue` and `JSONObject` are part of this module's API (metadata, context, provider data).
@_exported import WireJSON
