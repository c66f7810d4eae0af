using Ledger.Api.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Ledger.Api.Tests.Deployment;

/// <summary>docker-compose.yml, parsed (no Docker engine runs here: the file is checked statically).</summary>
internal sealed class ComposeFile
{
    private ComposeFile(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public static ComposeFile Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(RepositoryRoot.Combine("docker-compose.yml"));
        stream.Load(reader);
        return new ComposeFile((YamlMappingNode)stream.Documents[0].RootNode);
    }

    public YamlMappingNode Services => Mapping(Root, "services")!;

    public IEnumerable<string> ServiceNames => Services.Children.Keys.Select(Scalar);

    public YamlMappingNode Service(string name) => Mapping(Services, name)
        ?? throw new InvalidOperationException($"docker-compose.yml has no service \"{name}\".");

    /// <summary>A service's environment, in either the map or the list ("KEY=value") form.</summary>
    public static Dictionary<string, string> Environment(YamlMappingNode service)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!service.Children.TryGetValue(new YamlScalarNode("environment"), out var node))
        {
            return result;
        }

        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    result[Scalar(key)] = value is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;
                }

                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children.Select(Scalar))
                {
                    var equals = item.IndexOf('=', StringComparison.Ordinal);
                    result[equals < 0 ? item : item[..equals]] = equals < 0 ? string.Empty : item[(equals + 1)..];
                }

                break;
        }

        return result;
    }

    /// <summary>The services a service depends on, in either the list or the map form.</summary>
    public static IEnumerable<string> DependsOn(YamlMappingNode service) =>
        service.Children.TryGetValue(new YamlScalarNode("depends_on"), out var node)
            ? node switch
            {
                YamlSequenceNode list => list.Children.Select(Scalar),
                YamlMappingNode map => map.Children.Keys.Select(Scalar),
                _ => [],
            }
            : [];

    /// <summary>The secret names a service mounts (short or long form).</summary>
    public static IEnumerable<string> Secrets(YamlMappingNode service) =>
        service.Children.TryGetValue(new YamlScalarNode("secrets"), out var node) && node is YamlSequenceNode list
            ? list.Children.Select(item => item is YamlMappingNode map ? Scalar(map.Children[new YamlScalarNode("source")]) : Scalar(item))
            : [];

    /// <summary>Host paths of bind mounts ("./x:/y[:ro]" or long form with type bind).</summary>
    public static IEnumerable<string> BindMountSources(YamlMappingNode service)
    {
        if (!service.Children.TryGetValue(new YamlScalarNode("volumes"), out var node) || node is not YamlSequenceNode list)
        {
            yield break;
        }

        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode scalar)
            {
                var source = scalar.Value!.Split(':')[0];
                if (source.StartsWith('.') || source.StartsWith('/'))
                {
                    yield return source;
                }
            }
            else if (item is YamlMappingNode map && Scalar(map.Children[new YamlScalarNode("type")]) == "bind")
            {
                yield return Scalar(map.Children[new YamlScalarNode("source")]);
            }
        }
    }

    public static YamlMappingNode? Mapping(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node as YamlMappingNode : null;

    public static string? Value(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    public static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;
}
