using System.CommandLine;
using Ledger.Api.Security;
using Ledger.LocalStack;

namespace Ledger.Cli.Commands;

/// <summary>
/// <c>caseledger token --role judge --subject ID</c>: issues a local development access token signed with the local
/// stack's key (<c>.data/keys/auth.key</c>, written by <c>caseledger up</c>). Production tokens come from the court's
/// identity provider.
/// </summary>
public static class TokenCommand
{
    public static Command Create()
    {
        var role = new Option<string[]>("--role")
        {
            Description = "Role(s): " + string.Join(", ", Roles.All),
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var subject = new Option<string>("--subject")
        {
            Description = "Who the token is for: a participant id (GUID) for people admitted to cases, or a system name",
            Required = true,
        };
        var name = new Option<string?>("--name") { Description = "Display name" };
        var court = new Option<string?>("--court") { Description = "Court id (court staff, court systems, chairs)" };
        var hours = new Option<int>("--hours") { Description = "Lifetime in hours (default 8)", DefaultValueFactory = _ => 8 };
        var keyFile = new Option<string?>("--key-file") { Description = "Signing key file (default .data/keys/auth.key)" };
        var command = new Command("token", "Issue a local development access token (JWT).") { role, subject, name, court, hours, keyFile };
        command.SetAction(parseResult =>
        {
            var roles = parseResult.GetValue(role) ?? [];
            var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
            if (unknown.Count > 0)
            {
                Console.Error.WriteLine($"Unknown role(s): {string.Join(", ", unknown)}. Known roles: {string.Join(", ", Roles.All)}.");
                return 2;
            }

            var path = parseResult.GetValue(keyFile)
                ?? Path.Combine(RepositoryRoot.Find(), ".data", "keys", LocalKeys.AuthKeyFileName);
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"The signing key {path} does not exist: run ./caseledger up once, or give --key-file.");
                return 2;
            }

            var key = AccessTokens.FromText(File.ReadAllText(path).Trim());
            var token = AccessTokens.Issue(
                key, "caseledger-local", "caseledger", parseResult.GetValue(subject)!, roles,
                parseResult.GetValue(name), parseResult.GetValue(court), TimeSpan.FromHours(parseResult.GetValue(hours)));
            Console.WriteLine(token);
            return 0;
        });
        return command;
    }
}
