using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>
/// The real API (built by <see cref="ApiApp.Build"/>) on Kestrel at a free loopback port, for HTTP and browser tests.
/// <code>
/// await using var host = await ApiTestHost.StartAsync(new Dictionary&lt;string, string?&gt; { ["ConnectionStrings:Ledger"] = cs });
/// var response = await host.Client.GetAsync("/health");
/// </code>
/// <paramref name="configure"/> in <see cref="StartAsync"/> may map test-only endpoints before the host starts.
/// Everything the app logs is kept in <see cref="Logs"/>.
/// </summary>
public sealed class ApiTestHost : IAsyncDisposable
{
    private ApiTestHost(WebApplication app, Uri baseAddress, LogSink logs)
    {
        App = app;
        BaseAddress = baseAddress;
        Logs = logs;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>For example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public LogSink Logs { get; }

    /// <param name="settings">Configuration keys that override appsettings.json (docs/configuration.md).</param>
    /// <param name="configure">Called after the app is built and before it starts.</param>
    /// <param name="environment">ASP.NET Core environment; "Production" turns on the required-settings check.</param>
    public static async Task<ApiTestHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplication>? configure = null,
        string environment = "Testing")
    {
        var app = ApiApp.Build([$"--environment={environment}"], settings);
        var logs = new LogSink();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        configure?.Invoke(app);
        await app.StartAsync();
        var address = app.Urls.First();
        return new ApiTestHost(app, new Uri(address.EndsWith('/') ? address : address + "/"), logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Logs.Dispose();
    }

    /// <summary>Collects every log message (rendered) and exception text the app writes.</summary>
    public sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines.ToArray();

        public string AllText => string.Join(Environment.NewLine, _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
        }
    }
}
