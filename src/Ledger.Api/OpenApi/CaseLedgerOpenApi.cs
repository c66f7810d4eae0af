using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Cases;
using Ledger.Api.Endpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.Api.OpenApi;

/// <summary>
/// Completes the OpenAPI document for people and linters: the bearer security scheme and which operations need it
/// (public ones say <c>security: []</c>), an operation id and a problem answer for every operation, tag descriptions,
/// headers of case commands (<c>If-Match</c>, <c>Idempotency-Key</c>, <c>X-Occurred-At</c>, <c>ETag</c>, <c>Location</c>)
/// and request/response examples of every case endpoint. Applies to every area's endpoints, present and future.
/// </summary>
public static class CaseLedgerOpenApi
{
    public const string BearerScheme = "bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Cases"] = "The electronic case: every command of the case ledger (criminal cases from the prosecutor, claims, acceptance, "
            + "participants, materials, motions, hearings, suspension, judgments, appeals, closure, transfer, erasure) and the "
            + "workstation reads. Bearer token required; access depends on the caller's role and relation to the case.",
        ["Log"] = "The public Merkle log (RFC 6962): signed checkpoints, leaves, inclusion and consistency proofs. No token needed.",
        ["Info"] = "Service information.",
        ["Intake"] = "Intake triage of incoming filings: submit a filing of a case not yet accepted (the suggestion — category, parties, amount, "
            + "small-claims eligibility, court, completeness — is recorded in the case's ledger with the model version and reasons), the clerk's "
            + "queue, and the clerk's confirmation or override in one call. Suggestions only: a clerk decides. Bearer token required (clerks and "
            + "court systems write; judges and court chairs read the queue).",
    };

    public static OpenApiOptions AddCaseLedgerTransformers(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Closed categories are read and written by camelCase name (CaseRequestReader's enum converter), also inside
        // lists, where no property attribute says so: describe them as the strings they are.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(Domain.Cases.ClosedCategory))
            {
                schema.Type = JsonSchemaType.String;
                schema.Format = null;
                schema.Enum = [.. Enum.GetNames<Domain.Cases.ClosedCategory>().Select(n => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(n)))];
            }

            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Access token of the court's identity provider (HMAC-SHA256 JWT with claims sub, role, name, court). "
                    + "Local development: `caseledger token --role judge --subject <participant id> --court <court id>`.",
            };
            document.Info.License ??= new OpenApiLicense { Name = "Proprietary: the courts of the Republic of Kazakhstan", Url = new Uri("https://caseledger.example/license") };
            document.Info.Contact ??= new OpenApiContact { Name = "CaseLedger operators", Url = new Uri("https://caseledger.example/contact") };
            var used = document.Paths?.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
                .Select(t => t.Name).OfType<string>().Distinct(StringComparer.Ordinal).ToList() ?? [];
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            document.Tags ??= new HashSet<OpenApiTag>();
            foreach (var name in used)
            {
                var tag = document.Tags.FirstOrDefault(t => t.Name == name);
                if (tag is null)
                {
                    tag = new OpenApiTag { Name = name };
                    document.Tags.Add(tag);
                }

                tag.Description ??= TagDescriptions.GetValueOrDefault(name, $"Endpoints of the {name} area.");
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            operation.Security = secured
                ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }]
                : [];
            operation.OperationId ??= OperationId(context.Description.HttpMethod, context.Description.RelativePath);
            DeclarePathParameters(operation, context.Description.RelativePath);
            operation.Responses ??= new OpenApiResponses();
            if (!operation.Responses.Keys.Any(k => k.StartsWith('4')))
            {
                operation.Responses["400"] = new OpenApiResponse
                {
                    Description = "The request cannot be served as asked (RFC 9457 problem details).",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
                };
            }

            foreach (var (status, response) in operation.Responses)
            {
                if (string.IsNullOrWhiteSpace(response.Description) && response is OpenApiResponse concrete)
                {
                    concrete.Description = DescribeStatus(status);
                }
            }

            if (metadata.OfType<CaseCommandMetadata>().FirstOrDefault() is { } command)
            {
                DescribeCommand(operation, command, context.Description.RelativePath ?? "");
            }
            else if (CaseExamples.ForRead(operation.OperationId) is { } read)
            {
                SetExample(operation.Responses, "200", read);
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static void DescribeCommand(OpenApiOperation operation, CaseCommandMetadata command, string path)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(Header("If-Match", "The case version the request expects (the `ETag` of the last answer, e.g. `\"5\"`); 412 when the case has moved on. New cases: `\"0\"`."));
        operation.Parameters.Add(Header("Idempotency-Key", "Makes the request safe to retry: a repeat with the same key and body answers as the first time; the same key with another body is refused (422). 1–200 visible ASCII characters."));
        operation.Parameters.Add(Header(CaseRequestReader.OccurredAtHeader, "Court systems only, where the server allows it (`Cases:AllowBackdating`): when the act happened (ISO 8601), for loading a court's history. Others get 403."));
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true && CaseExamples.ForRequest(command.RequestType, path) is { } example)
        {
            body.Example = example;
        }

        var answer = CaseExamples.AppendAnswer(command.RequestType);
        foreach (var status in new[] { "201", "200" })
        {
            if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse concrete)
            {
                concrete.Description = status == "201"
                    ? "The events were appended: their ids, versions and leaf hashes."
                    : "Nothing new was stored: a replay of an earlier request with the same Idempotency-Key, or a repeat of something already done.";
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["ETag"] = new OpenApiHeader { Description = "The case's version after the request, e.g. \"6\".", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                concrete.Headers["Location"] = new OpenApiHeader { Description = "The case: /api/v1/cases/{caseId}.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                if (concrete.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = status == "201" ? answer : CaseExamples.Replayed(answer);
                }
            }
        }
    }

    /// <summary>Path parameters that the handler reads from the route itself are declared too (ids are UUIDs).</summary>
    private static void DeclarePathParameters(OpenApiOperation operation, string? path)
    {
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(path ?? "", "{([A-Za-z0-9_]+)[^}]*}"))
        {
            var name = match.Groups[1].Value;
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.Name == name && p.In == ParameterLocation.Path))
            {
                continue;
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = name.EndsWith("Id", StringComparison.Ordinal) ? $"The {name[..^2]}'s id." : null,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = name.EndsWith("Id", StringComparison.Ordinal) ? "uuid" : null },
            });
        }
    }

    private static void SetExample(OpenApiResponses? responses, string status, JsonNode example)
    {
        if (responses?.TryGetValue(status, out var response) == true && response.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = example;
        }
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static string DescribeStatus(string status) => status switch
    {
        "200" => "OK.",
        "201" => "Created.",
        "400" => "The request is malformed: the problem's detail says what to fix.",
        "401" => "No valid access token.",
        "403" => "The caller's role does not allow this.",
        "404" => "Not found, or not visible to the caller.",
        "409" => "The action conflicts with the state of the case.",
        "412" => "If-Match does not match the case's current version.",
        "413" => "The request body is too large.",
        "415" => "The body is not JSON.",
        "422" => "The action was refused by the rules of procedure.",
        "429" => "Too many requests.",
        "503" => "The service is temporarily unavailable.",
        _ => "See the problem details.",
    };

    /// <summary>An operation id from method and path, e.g. <c>getApiV1LogCheckpoint</c>.</summary>
    public static string OperationId(string? method, string? path)
    {
        var builder = new StringBuilder((method ?? "get").ToLowerInvariant());
        foreach (var part in (path ?? "").Split(['/', '-', '{', '}', '.', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpper(part[0], CultureInfo.InvariantCulture)).Append(part.AsSpan(1));
        }

        return builder.ToString();
    }

    internal static JsonNode ToNode(object value) => JsonSerializer.SerializeToNode(value, CaseRequestReader.Json)!;
}
