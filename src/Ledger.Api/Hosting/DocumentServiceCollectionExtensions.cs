using Ledger.Domain.Signatures;
using Ledger.Projections.Documents;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ledger.Api.Hosting;

/// <summary>
/// Registers document storage and uploads (docs/documents.md): <see cref="DocumentLimits"/> from
/// <c>Documents:MaxFilingBytes</c> / <c>Documents:MaxRecordingBytes</c>, the trusted CAs for signatures from
/// <c>Signatures:TrustedCaFiles</c> / <c>Signatures:TrustedCaFolder</c>, <see cref="DocumentStorage"/> and
/// <see cref="DocumentUploads"/>. Needs the <see cref="NpgsqlDataSource"/> of <c>AddCaseLedgerCore</c>.
/// </summary>
public static class DocumentServiceCollectionExtensions
{
    public static IServiceCollection AddCaseLedgerDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new DocumentLimits
        {
            MaxFilingBytes = configuration.GetValue("Documents:MaxFilingBytes", DocumentLimits.DefaultMaxFilingBytes),
            MaxRecordingBytes = configuration.GetValue("Documents:MaxRecordingBytes", DocumentLimits.DefaultMaxRecordingBytes),
        }.Validated());
        services.AddSingleton(sp => LoadTrustAnchors(configuration, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ledger.Signatures")));
        services.AddSingleton(sp => new DocumentStorage(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(sp => new DocumentUploads(
            sp.GetRequiredService<DocumentStorage>(), sp.GetRequiredService<DocumentLimits>(),
            sp.GetRequiredService<TrustAnchors>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// The trusted CAs: <c>Signatures:TrustedCaFiles</c> (a list, or one string of paths separated by ';') and every
    /// certificate file in <c>Signatures:TrustedCaFolder</c>. None configured: every signature is refused as untrusted.
    /// </summary>
    public static TrustAnchors LoadTrustAnchors(IConfiguration configuration, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Signatures:TrustedCaFiles");
        var files = (section.Get<string[]>() ?? []).Concat(section.Value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? []);
        var anchors = TrustAnchorFiles.Load(files, configuration["Signatures:TrustedCaFolder"]);
        if (anchors.Certificates.Count == 0)
        {
            logger.LogWarning("No trusted CA certificates are configured (Signatures:TrustedCaFiles, Signatures:TrustedCaFolder): every electronic signature will be refused as untrusted.");
        }
        else if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Electronic signatures are verified against {Count} trusted CA certificates: {Subjects}",
                anchors.Certificates.Count, string.Join("; ", anchors.Certificates.Select(c => c.SubjectDN.ToString())));
        }

        return anchors;
    }
}
