using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Api.Configuration;
using Ledger.Api.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Ledger.Api.Tests.Deployment;

public sealed partial class ComposeFileTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Given_the_api_service_When_its_environment_is_read_Then_every_required_setting_is_provided()
    {
        var environment = ComposeFile.Environment(_compose.Service("api"));

        var missing = RequiredSettings.Keys
            .Where(setting => setting.OnlyWhenEnabled is not { } flag
                || !environment.TryGetValue(RequiredSettings.ToEnvironmentName(flag), out var enabled)
                || !string.Equals(enabled, "false", StringComparison.OrdinalIgnoreCase))
            .Where(setting => !setting.EnvironmentNames.Any(name => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)))
            .Select(setting => string.Join(" or ", setting.EnvironmentNames))
            .ToList();

        Assert.True(missing.Count == 0, "The api service lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void Given_the_api_service_When_its_settings_are_read_Then_each_is_a_key_the_application_knows()
    {
        var known = FlattenedAppSettingsKeys();
        var environment = ComposeFile.Environment(_compose.Service("api"));

        var unknown = environment.Keys
            .Where(name => name.Contains("__", StringComparison.Ordinal))
            .Where(name => !known.Contains(name.Replace("__", ":", StringComparison.Ordinal)))
            .ToList();

        Assert.True(unknown.Count == 0, "Not read by the application (typo?): " + string.Join(", ", unknown));
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void Given_every_service_When_its_dependencies_are_read_Then_each_names_a_service_of_the_file()
    {
        var services = _compose.ServiceNames.ToHashSet(StringComparer.Ordinal);
        var dangling = services
            .SelectMany(name => ComposeFile.DependsOn(_compose.Service(name)).Select(dependency => (name, dependency)))
            .Where(pair => !services.Contains(pair.dependency))
            .Select(pair => $"{pair.name} -> {pair.dependency}")
            .ToList();

        Assert.Empty(dangling);
        Assert.Contains("postgres", ComposeFile.DependsOn(_compose.Service("api")));
        Assert.Contains("contract-deployer", ComposeFile.DependsOn(_compose.Service("api")));
    }

    [Fact]
    public void Given_the_file_When_its_shape_is_read_Then_it_has_PostgreSQL_four_Besu_validators_a_deployer_and_the_api()
    {
        var services = _compose.ServiceNames.ToList();

        Assert.Contains("postgres", services);
        Assert.Contains("api", services);
        Assert.Contains("contract-deployer", services);
        var validators = services.Where(name => name.StartsWith("besu-validator", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, validators.Count);
        Assert.All(validators, name => Assert.StartsWith("hyperledger/besu:", ComposeFile.Value(_compose.Service(name), "image"), StringComparison.Ordinal));
        Assert.Equal("[\"deploy-contract\"]", JsonSerializer.Serialize(((YamlSequenceNode)_compose.Service("contract-deployer").Children[new YamlScalarNode("command")]).Children.Select(ComposeFile.Scalar)));
    }

    [Fact]
    public void Given_every_file_the_compose_file_refers_to_When_looked_up_Then_it_exists_in_the_repository()
    {
        var missing = new List<string>();
        foreach (var name in _compose.ServiceNames)
        {
            var service = _compose.Service(name);
            missing.AddRange(ComposeFile.BindMountSources(service).Where(path => !PathExists(path)).Select(path => $"{name}: volume {path}"));
            if (ComposeFile.Mapping(service, "build") is { } build)
            {
                var context = ComposeFile.Value(build, "context") ?? ".";
                var dockerfile = Path.Combine(context, ComposeFile.Value(build, "dockerfile") ?? "Dockerfile");
                if (!Directory.Exists(RepositoryRoot.Combine(context)))
                {
                    missing.Add($"{name}: build context {context}");
                }

                if (!File.Exists(RepositoryRoot.Combine(dockerfile)))
                {
                    missing.Add($"{name}: Dockerfile {dockerfile}");
                }
                else if (ComposeFile.Value(build, "target") is { } target && !DockerfileStages(dockerfile).Contains(target))
                {
                    missing.Add($"{name}: stage {target} in {dockerfile}");
                }
            }
        }

        foreach (var (secret, definition) in ComposeFile.Mapping(_compose.Root, "secrets")!.Children)
        {
            var file = ComposeFile.Value((YamlMappingNode)definition, "file");
            if (file is null || !File.Exists(RepositoryRoot.Combine(file)))
            {
                missing.Add($"secret {ComposeFile.Scalar(secret)}: {file}");
            }
        }

        Assert.True(missing.Count == 0, "Missing: " + string.Join("; ", missing));
    }

    [Fact]
    public void Given_the_Dockerfile_When_read_Then_it_builds_with_the_SDK_runs_on_the_ASP_NET_runtime_as_non_root_and_copies_only_existing_files()
    {
        var lines = File.ReadAllLines(RepositoryRoot.Combine("Dockerfile"));

        Assert.Contains(lines, line => line.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS api", StringComparison.Ordinal));
        // Every runtime stage switches to the unprivileged user before its entry point.
        var stages = SplitStages(lines).Where(stage => stage.Name is "api" or "cli").ToList();
        Assert.Equal(2, stages.Count);
        Assert.All(stages, stage => Assert.Contains("USER $APP_UID", stage.Lines));
        // The last stage is the default target: the API.
        Assert.Equal("api", SplitStages(lines).Last().Name);
        var copies = lines.Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from", StringComparison.Ordinal));
        var sources = copies.SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).Where(source => source != ".");
        Assert.All(sources, source => Assert.True(PathExists(source), $"The Dockerfile copies {source}, which does not exist."));
    }

    [Fact]
    public void Given_the_services_When_secret_files_are_named_in_settings_Then_each_service_mounts_those_secrets()
    {
        var problems = new List<string>();
        foreach (var name in _compose.ServiceNames)
        {
            var service = _compose.Service(name);
            var mounted = ComposeFile.Secrets(service).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, value) in ComposeFile.Environment(service))
            {
                foreach (Match match in SecretPath().Matches(value))
                {
                    if (!mounted.Contains(match.Groups[1].Value))
                    {
                        problems.Add($"{name}: {key} reads /run/secrets/{match.Groups[1].Value}, which the service does not mount");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("; ", problems));
        Assert.Contains("Passfile=/run/secrets/pgpass", ComposeFile.Environment(_compose.Service("api"))["ConnectionStrings__Ledger"], StringComparison.Ordinal);
    }

    private static HashSet<string> FlattenedAppSettingsKeys()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("src", "Ledger.Api", "appsettings.json")));
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Walk(JsonElement element, string prefix)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}");
                }
            }
            else
            {
                keys.Add(prefix);
            }
        }

        Walk(json.RootElement, string.Empty);
        return keys;
    }

    private static bool PathExists(string relative)
    {
        var trimmed = relative.StartsWith("./", StringComparison.Ordinal) ? relative[2..] : relative;
        var full = RepositoryRoot.Combine(trimmed.Length == 0 ? "." : trimmed);
        return File.Exists(full) || Directory.Exists(full);
    }

    private static HashSet<string> DockerfileStages(string dockerfile) =>
        SplitStages(File.ReadAllLines(RepositoryRoot.Combine(dockerfile))).Select(stage => stage.Name).ToHashSet(StringComparer.Ordinal);

    private static List<(string Name, List<string> Lines)> SplitStages(string[] lines)
    {
        var stages = new List<(string Name, List<string> Lines)>();
        foreach (var line in lines)
        {
            if (line.StartsWith("FROM ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add((parts.Length >= 4 ? parts[3] : parts[1], []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Lines.Add(line.Trim());
            }
        }

        return stages;
    }

    [GeneratedRegex("/run/secrets/([A-Za-z0-9_.-]+)")]
    private static partial Regex SecretPath();
}
