// Request and response types carry JSON values (metadata, context) and ids; their users get both with this module.
@_exported import BridgeIDs
@_exported import WireJSON
