using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Ledger.LocalStack;

/// <summary>
/// A local Ethereum chain: the <c>anvil</c> binary from the npm package <c>@foundry-rs/anvil</c> in tools/chain
/// (installed with <c>npm ci</c> when missing), listening on 127.0.0.1. A chain left by a killed run is stopped and
/// replaced; one still in use by a live process is reused. Disposing stops it when this instance started it.
/// </summary>
public sealed class AnvilChain : IAsyncDisposable
{
    /// <summary>anvil's default chain id.</summary>
    public const long DefaultChainId = 31337;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Action<string> _log;
    private readonly string _pidFile;
    private Process? _process;
    private int _stopped;

    private AnvilChain(string chainDirectory, int port, long chainId, Action<string> log)
    {
        ChainDirectory = chainDirectory;
        Port = port;
        ChainId = chainId;
        _log = log;
        _pidFile = Path.Combine(chainDirectory, "anvil.pid");
    }

    /// <summary>Folder holding the pid file, the log and (when persisted) the chain state.</summary>
    public string ChainDirectory { get; }

    /// <summary>The loopback port of the JSON-RPC endpoint.</summary>
    public int Port { get; private set; }

    /// <summary>The chain id (31337 unless asked otherwise).</summary>
    public long ChainId { get; }

    /// <summary>The JSON-RPC endpoint.</summary>
    public string RpcUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    /// <summary>The anvil process id.</summary>
    public int ProcessId { get; private set; }

    /// <summary>True when this instance started the process and stops it on dispose.</summary>
    public bool Owned => _process is not null;

    /// <summary>
    /// Starts anvil. <paramref name="port"/> null picks a free port; <paramref name="blockTimeSeconds"/> null mines a
    /// block per transaction; <paramref name="stateFile"/> keeps the chain across restarts (loaded at start, saved every second).
    /// </summary>
    public static async Task<AnvilChain> StartAsync(
        string repositoryRoot,
        string chainDirectory,
        int? port = null,
        int? blockTimeSeconds = null,
        string? stateFile = null,
        Action<string>? log = null,
        long chainId = DefaultChainId,
        CancellationToken cancellationToken = default)
    {
        log ??= _ => { };
        var anvil = await EnsureInstalledAsync(repositoryRoot, log, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(chainDirectory);
        using var startLock = await FileLock.AcquireAsync(Path.Combine(chainDirectory, "anvil.lock"), ReadyTimeout * 2, cancellationToken)
            .ConfigureAwait(false);

        var chain = new AnvilChain(Path.GetFullPath(chainDirectory), port ?? 0, chainId, log);
        if (await chain.TryReuseAsync(port, cancellationToken).ConfigureAwait(false))
        {
            return chain;
        }

        for (var attempt = 1; ; attempt++)
        {
            var chosenPort = port ?? Ports.FindFree();
            if (port is not null && !Ports.IsFree(port.Value))
            {
                throw new LocalStackException($"Port {port} is already in use; choose another chain port (--chain-port).");
            }

            try
            {
                await chain.LaunchAsync(anvil, chosenPort, blockTimeSeconds, stateFile, cancellationToken).ConfigureAwait(false);
                return chain;
            }
            catch (LocalStackException) when (port is null && attempt < 3)
            {
                // The free port was taken meanwhile: try another.
            }
        }
    }

    /// <summary>Path of the anvil binary, running <c>npm ci</c> in tools/chain first when it is missing.</summary>
    public static async Task<string> EnsureInstalledAsync(string repositoryRoot, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var toolsDirectory = Path.Combine(repositoryRoot, "tools", "chain");
        var anvil = Path.Combine(toolsDirectory, "node_modules", "@foundry-rs", $"anvil-{PlatformSuffix()}", "bin", "anvil");

        // npm writes node_modules/.package-lock.json when an install is complete: before that the binary may
        // exist but still be being written (exec would fail with "Text file busy").
        var installed = Path.Combine(toolsDirectory, "node_modules", ".package-lock.json");
        if (File.Exists(anvil) && File.Exists(installed))
        {
            return anvil;
        }

        // Several test assemblies may start at once on a fresh checkout: one installs, the others wait.
        using var installLock = await FileLock.AcquireAsync(Path.Combine(repositoryRoot, ".data", "npm-ci.lock"), TimeSpan.FromMinutes(5), cancellationToken)
            .ConfigureAwait(false);
        if (File.Exists(anvil) && File.Exists(installed))
        {
            return anvil;
        }

        var npm = ProcessRunner.FindOnPath("npm") ?? throw new LocalStackException("Node.js/npm not found: apt-get install nodejs npm");
        log?.Invoke("Installing the chain tools (npm ci in tools/chain).");
        var result = await ProcessRunner.RunAsync(
            npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], toolsDirectory, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || !File.Exists(anvil))
        {
            throw new LocalStackException($"npm ci in {toolsDirectory} did not install anvil:\n{result.Output}");
        }

        return anvil;
    }

    /// <summary>Stops anvil when this instance started it (SIGTERM, so a persisted state is saved; then SIGKILL).</summary>
    public async Task StopAsync()
    {
        if (!ShouldStop(out var process))
        {
            return;
        }

        _log($"Stopping anvil (port {Port}).");
        await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], "/", TimeSpan.FromSeconds(5), CancellationToken.None)
            .ConfigureAwait(false);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        Cleanup(process);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Stops anvil without awaiting (process-exit safety net).</summary>
    internal void StopBlocking()
    {
        if (!ShouldStop(out var process))
        {
            return;
        }

        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        Cleanup(process);
    }

    private bool ShouldStop(out Process process)
    {
        process = _process!;
        return _process is not null && Interlocked.Exchange(ref _stopped, 1) == 0;
    }

    private void Cleanup(Process process)
    {
        try
        {
            if (ReadPidFile() is { Pid: var pid } && pid == process.Id)
            {
                File.Delete(_pidFile);
            }
        }
        catch (IOException)
        {
            // Best effort.
        }

        process.Dispose();
    }

    private async Task<bool> TryReuseAsync(int? requestedPort, CancellationToken cancellationToken)
    {
        if (ReadPidFile() is not { } recorded)
        {
            return false;
        }

        var isAnvil = UnixProcesses.IsAlive(recorded.Pid) && UnixProcesses.CommandLine(recorded.Pid).Contains("anvil", StringComparison.Ordinal);
        if (!isAnvil)
        {
            File.Delete(_pidFile);
            return false;
        }

        var ownerAlive = recorded.Owner != 0 && UnixProcesses.IsAlive(recorded.Owner);
        Port = recorded.Port;
        if (ownerAlive && (requestedPort is null || requestedPort == recorded.Port)
            && await ChainIdAsync(cancellationToken).ConfigureAwait(false) == ChainId)
        {
            ProcessId = recorded.Pid;
            _log($"anvil already running (port {Port}), reused.");
            return true;
        }

        _log($"Stopping anvil (pid {recorded.Pid}) left by a killed run.");
        UnixProcesses.Kill(recorded.Pid);
        UnixProcesses.WaitForExit(recorded.Pid, TimeSpan.FromSeconds(10));
        File.Delete(_pidFile);
        return false;
    }

    private async Task LaunchAsync(string anvil, int port, int? blockTimeSeconds, string? stateFile, CancellationToken cancellationToken)
    {
        Port = port;
        var logFile = Path.Combine(ChainDirectory, "anvil.log");
        var arguments = new List<string>
        {
            "--host", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--chain-id", ChainId.ToString(CultureInfo.InvariantCulture),
        };
        if (blockTimeSeconds is { } blockTime)
        {
            arguments.AddRange(["--block-time", blockTime.ToString(CultureInfo.InvariantCulture)]);
        }

        if (stateFile is not null)
        {
            arguments.AddRange(["--state", stateFile, "--state-interval", "1"]);
        }

        // The shell only redirects output and then becomes anvil (exec): the process id is anvil's own,
        // and anvil keeps no pipe to this process that could break when it ends.
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = ChainDirectory,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("exec \"$0\" \"$@\" </dev/null >>\"$CASELEDGER_ANVIL_LOG\" 2>&1");
        startInfo.ArgumentList.Add(anvil);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["CASELEDGER_ANVIL_LOG"] = logFile;
        _log($"Starting anvil on 127.0.0.1:{port} (chain id {ChainId}).");
        var process = Process.Start(startInfo) ?? throw new LocalStackException("anvil could not be started.");
        await File.WriteAllTextAsync(
            _pidFile,
            string.Create(CultureInfo.InvariantCulture, $"{process.Id}\n{port}\n{UnixProcesses.CurrentProcessId}\n"),
            cancellationToken).ConfigureAwait(false);

        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                process.Dispose();
                File.Delete(_pidFile);
                throw new LocalStackException($"anvil exited at start (port {port}). Last lines of {logFile}:\n{Tail(logFile)}");
            }

            if (await ChainIdAsync(cancellationToken).ConfigureAwait(false) is { } answered)
            {
                if (answered != ChainId)
                {
                    process.Kill();
                    throw new LocalStackException($"The chain on port {port} reports chain id {answered}, not {ChainId}.");
                }

                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                process.Kill();
                throw new LocalStackException($"anvil did not answer on port {port} within {ReadyTimeout.TotalSeconds:0} s. Last lines of {logFile}:\n{Tail(logFile)}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        _process = process;
        ProcessId = process.Id;
    }

    private async Task<long?> ChainIdAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.PostAsJsonAsync(
                new Uri(RpcUrl),
                new { jsonrpc = "2.0", id = 1, method = "eth_chainId", @params = Array.Empty<object>() },
                cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var hex = document.RootElement.GetProperty("result").GetString();
            return hex is null ? null : long.Parse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or FormatException)
        {
            return null;
        }
    }

    private (int Pid, int Port, int Owner)? ReadPidFile()
    {
        try
        {
            var lines = File.ReadAllLines(_pidFile);
            return lines.Length >= 3
                && int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && int.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && int.TryParse(lines[2], NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
                ? (pid, port, owner)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string PlatformSuffix()
    {
        var os = OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "win32" : "linux";
        var arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64";
        return $"{os}-{arch}";
    }

    private static string Tail(string file)
    {
        try
        {
            return string.Join('\n', File.ReadLines(file).TakeLast(15));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
