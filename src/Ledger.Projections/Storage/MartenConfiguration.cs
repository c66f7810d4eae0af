using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using JasperFx;
using JasperFx.Events;
using Ledger.Domain.Cases;
using Marten;
using Npgsql;
using Weasel.Core;

namespace Ledger.Projections.Storage;

/// <summary>Marten configuration of the case event store (schema <c>caseledger</c>), shared by the API, the CLI and tests.</summary>
public static class MartenConfiguration
{
    public const string Schema = "caseledger";

    /// <summary>
    /// The JSON form of event payloads that the ledger commits to (its RFC 8785 canonical bytes are hashed with the
    /// salt). Changing it changes commitments: it is part of the integrity format (docs/integrity.md).
    /// </summary>
    public static JsonSerializerOptions PayloadJson { get; } = CreatePayloadJson();

    /// <summary>
    /// The read models (projections and their documents) of each area. An area adds one line here with its own
    /// registration method; every store built by <see cref="Configure"/> (API, CLI, tests) then has them.
    /// </summary>
    private static readonly Action<StoreOptions>[] ReadModels =
    [
        Statistics.StatisticsReadModels.Register,
    ];

    public static void Configure(StoreOptions options, NpgsqlDataSource dataSource, string schema = Schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Connection(dataSource);
        options.DatabaseSchemaName = schema;
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.AppendMode = EventAppendMode.Quick;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json =>
            json.TypeInfoResolver = (json.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Statistics.StatisticsJson.Compact));
        foreach (var (type, name) in CaseEventTypes.All)
        {
            options.Events.MapEventType(type, name);
        }

        foreach (var register in ReadModels)
        {
            register(options);
        }

        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        Verification.VerificationIndexProjection.Register(options);
    }

    public static DocumentStore CreateStore(NpgsqlDataSource dataSource, string schema = Schema, Action<StoreOptions>? more = null) =>
        DocumentStore.For(options =>
        {
            Configure(options, dataSource, schema);
            more?.Invoke(options);
        });

    private static JsonSerializerOptions CreatePayloadJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
