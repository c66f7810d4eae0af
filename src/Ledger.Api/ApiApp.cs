using System.Text.Encodings.Web;
using System.Text.Unicode;
using Ledger.Api.Configuration;
using Ledger.Api.Endpoints;
using Ledger.Api.Errors;
using Ledger.Api.Health;
using Ledger.Api.Hosting;
using Ledger.Api.Localization;
using Ledger.Api.Observability;
using Ledger.Api.OpenApi;
using Ledger.Api.RateLimiting;
using Ledger.Api.Security;
using Microsoft.Extensions.WebEncoders;

namespace Ledger.Api;

/// <summary>
/// Builds the CaseLedger web application. Used by <c>Program.cs</c>, by <c>caseledger up</c> (in-process)
/// and by the API tests. <paramref name="settings"/> override configuration keys (see docs/configuration.md).
/// </summary>
public static class ApiApp
{
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The host may be started from another program (the CLI, a test runner): Razor Pages, resources
            // and static files belong to this assembly, wherever the process was started.
            ApplicationName = typeof(ApiApp).Assembly.GetName().Name,
            ContentRootPath = ContentRoot.Locate(),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (builder.Environment.IsProduction())
        {
            RequiredSettings.EnsurePresent(builder.Configuration);
        }

        builder.AddCaseLedgerObservability();

        builder.Services.AddCaseLedgerLocalization();
        builder.Services.AddCaseLedgerProblemDetails();
        builder.Services.AddCaseLedgerRateLimiting(builder.Configuration);
        builder.Services.AddCaseLedgerHealthChecks();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CaseLedger API";
            document.Info.Description = "Tamper-evident court case ledger: append, verify, audit.";
            return Task.CompletedTask;
        }).AddCaseLedgerTransformers());
        builder.Services.AddCaseLedgerCore(builder.Configuration);
        builder.Services.AddCaseLedgerDocuments(builder.Configuration);
        builder.Services.AddCaseLedgerPublication(builder.Configuration);
        builder.Services.AddSituationCenter();
        builder.Services.AddCaseLedgerAuthentication(builder.Configuration, builder.Environment);
        builder.Services.AddCaseLedgerCases(builder.Configuration);
        builder.Services.AddCaseLedgerIntake();
        builder.Services.AddRazorPages();
        // Russian and Kazakh text is written as is, not as &#x...; escapes.
        builder.Services.Configure<WebEncoderOptions>(options =>
            options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        var app = builder.Build();

        app.UseCaseLedgerSecurityHeaders();
        app.UseCaseLedgerLocalization();
        // Error responses without a body get one: an HTML page for people's browsers, problem details otherwise.
        app.UseWhen(PageRequests.IsPageRequest, page => page.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseWhen(context => !PageRequests.IsPageRequest(context), machine => machine.UseStatusCodePages());
        app.UseExceptionHandler();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Links made with asp-append-version carry ?v=<hash>: such a URL never changes content.
            OnPrepareResponse = context =>
            {
                if (context.Context.Request.Query.ContainsKey("v"))
                {
                    context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                }
            },
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapCaseLedgerHealthChecks();
        app.MapCaseLedgerMetrics();
        app.MapLanguageApi();
        app.MapInfoApi();
        app.MapLogApi();
        app.MapAnchorsApi();
        app.MapReceiptsApi();
        // Documents are uploaded and read by the people and systems of the courtroom (not analysts, not anonymously).
        app.MapDocumentsApi().RequireAuthorization(policy => policy.RequireRole(CasesApi.DocumentRoles));
        app.MapCasesApi();
        app.MapIntakeApi();
        app.MapActsApi();
        app.MapCabinetApi();
        app.MapVerifyApi();
        app.MapTileApi();
        app.MapStatisticsApi();
        app.MapRazorPages();

        StartupSummary.LogOnStart(app);
        return app;
    }
}
