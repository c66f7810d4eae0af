using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Ledger.LocalStack;

namespace Ledger.Api.Tests.Reliability;

/// <summary>
/// The API as a separate OS process (<c>dotnet Ledger.Api.dll</c>, the build beside the tests), configured on the
/// command line, so that it can be killed with SIGKILL like a crashed server.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>The last lines the process wrote (for failure messages).</summary>
    public string Tail => string.Join(Environment.NewLine, _output.TakeLast(30));

    /// <summary>The API assembly the tests were built with.</summary>
    public static string ApiAssembly
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "Ledger.Api.dll");
            if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "Ledger.Api.runtimeconfig.json")))
            {
                return beside;
            }

            // tests/Ledger.Api.Tests/bin/<configuration>/<tfm>/ → src/Ledger.Api/bin/<configuration>/<tfm>/
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            var configuration = tfm.Parent!.Name;
            return Path.Combine(RepositoryRoot.Find(), "src", "Ledger.Api", "bin", configuration, tfm.Name, "Ledger.Api.dll");
        }
    }

    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ApiAssembly)!,
        };
        start.ArgumentList.Add(ApiAssembly);
        start.ArgumentList.Add("--urls=" + string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        foreach (var (key, value) in settings)
        {
            if (value is not null)
            {
                start.ArgumentList.Add($"--{key}={value}");
            }
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var api = new ApiProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
        process.OutputDataReceived += (_, e) => api.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => api.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API process exited with {process.ExitCode}:{Environment.NewLine}{api.Tail}");
            }

            try
            {
                using var response = await http.GetAsync("health/live");
                if (response.IsSuccessStatusCode)
                {
                    return api;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                await api.DisposeAsync();
                throw new TimeoutException($"The API process did not answer /health/live:{Environment.NewLine}{api.Tail}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, like a power cut of the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }
}
