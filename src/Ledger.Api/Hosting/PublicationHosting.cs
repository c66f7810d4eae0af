using Ledger.Api.Health;
using Ledger.Projections.Cabinet;
using Ledger.Projections.Documents;
using Ledger.Projections.Publication;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ledger.Api.Hosting;

/// <summary>
/// Registers publication of judicial acts: the act text source, the projector that follows the log, the search and
/// the participant → cases read model; hosts the projector when <c>Publication:Enabled</c> (default true).
/// </summary>
public static class PublicationHosting
{
    public static IServiceCollection AddCaseLedgerPublication(this IServiceCollection services, IConfiguration configuration)
    {
        // Act texts come from the document store (ledger.documents); texts put in memory (tools, tests) are found too.
        services.TryAddSingleton<InMemoryActTextSource>();
        services.TryAddSingleton<IActTextSource>(sp => new FirstFoundActTextSource(
            new StoredActTextSource(sp.GetRequiredService<DocumentStorage>()),
            sp.GetRequiredService<InMemoryActTextSource>()));
        services.AddSingleton<PublicationDatabase>();
        services.AddSingleton(sp => new ActSearch(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(sp => new ParticipantCases(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(sp => new PublicationProjector(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<IActTextSource>(),
            sp.GetService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ledger.Publication"))
        {
            RetryDelay = TimeSpan.FromSeconds(configuration.GetValue("Publication:RetrySeconds", 10)),
        });
        // Without a database setting the host still starts (health names the missing setting); nothing to follow then.
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("Ledger")) && configuration.GetValue("Publication:Enabled", true))
        {
            services.AddHostedService<PublicationService>();
        }

        return services;
    }
}

/// <summary>Creates the publication schema once, after the ledger's own tables.</summary>
public sealed class PublicationDatabase(NpgsqlDataSource dataSource, LedgerDatabase ledger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public async ValueTask EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (_ready)
        {
            return;
        }

        await ledger.EnsureReadyAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await PublicationSchema.EnsureAsync(dataSource, cancellationToken);
                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Endpoint filter for endpoints that read the publication tables.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await context.HttpContext.RequestServices.GetRequiredService<PublicationDatabase>().EnsureReadyAsync(context.HttpContext.RequestAborted);
        return await next(context);
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>
/// Runs the publication projector: follows the log and publishes acts as they enter into force. Its dependencies are
/// resolved when it runs, so that the API starts (and reports health) without a database setting.
/// </summary>
public sealed class PublicationService(
    IServiceProvider services, ComponentHealthRegistry health, IConfiguration configuration, ILogger<PublicationService> logger)
    : BackgroundService
{
    public const string Component = "publication";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(configuration.GetValue("Publication:PollMilliseconds", 500));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await services.GetRequiredService<PublicationDatabase>().EnsureReadyAsync(stoppingToken);
                var processed = await services.GetRequiredService<PublicationProjector>().RunOnceAsync(cancellationToken: stoppingToken);
                health.Report(Component, true, "Following the log.");
                if (processed > 0)
                {
                    continue;
                }

                await Task.Delay(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
            {
                health.Report(Component, false, "Publication cannot reach the database: " + ex.Message);
                logger.LogWarning(ex, "Publication pass failed; retrying in 5 s");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
