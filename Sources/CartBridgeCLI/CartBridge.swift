import ArgumentParser

/// `cartbridge`: the Medusa v1 Store API in front of Full Cart merchants, and the tools around it.
@main
struct CartBridge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cartbridge",
        abstract: "A Medusa v1 Store API bridge to Full Cart merchants.",
        subcommands: [
            ServeCommand.self, CheckConfigCommand.self, SimulateCommand.self, KeysCommand.self, JWECommand.self,
        ])
}
